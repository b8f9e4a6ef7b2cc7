using Xunit;

namespace MLNet.Regularization.Tuning.Tests;

public class MedianPrunerTests
{
    private const int Epochs = 10;

    /// <summary>A learning curve improving at <paramref name="rate"/>: the loss after each epoch.</summary>
    private static double[] Curve(double rate, double sign = 1) =>
        Enumerable.Range(1, Epochs).Select(e => sign / (1 + rate * e)).ToArray();

    /// <summary>Ten complete trials with rates 0.1 to 1.0: at epoch 3 the median loss is about 0.38.</summary>
    private static List<TrialRecord> Complete(int count = 10, double sign = 1) =>
        Enumerable.Range(0, count).Select(i => SearchDriver.Complete(i, new Dictionary<string, double>(), sign / (1 + 0.1 * (i + 1) * Epochs), Curve(0.1 * (i + 1), sign))).ToList();

    /// <summary>The epoch at which <paramref name="pruner"/> stops a trial with this curve, or null when it runs to the end.</summary>
    private static int? PrunedAt(MedianPruner pruner, double[] curve, List<TrialRecord> others, Direction direction = Direction.Minimize)
    {
        for (int epoch = 1; epoch <= curve.Length; epoch++)
            if (pruner.ShouldPrune(SearchDriver.Running(100, new Dictionary<string, double>(), curve[..epoch]), others, direction))
                return epoch;
        return null;
    }

    [Fact]
    public void A_trial_behind_the_median_is_pruned_after_the_warm_up_and_a_good_one_is_not()
    {
        var pruner = new MedianPruner { WarmupEpochs = 2 };
        Assert.Equal(3, PrunedAt(pruner, Curve(0.05), Complete()));
        Assert.Null(PrunedAt(pruner, Curve(0.8), Complete()));
        Assert.Equal(1, PrunedAt(new MedianPruner(), Curve(0.05), Complete()));
    }

    [Fact]
    public void Maximizing_prunes_the_same_trials()
    {
        var pruner = new MedianPruner { WarmupEpochs = 2 };
        Assert.Equal(3, PrunedAt(pruner, Curve(0.05, -1), Complete(sign: -1), Direction.Maximize));
        Assert.Null(PrunedAt(pruner, Curve(0.8, -1), Complete(sign: -1), Direction.Maximize));
    }

    [Fact]
    public void Nothing_is_pruned_before_the_startup_trials_are_complete()
    {
        Assert.Null(PrunedAt(new MedianPruner(), Curve(0.05), Complete(count: 4)));
        Assert.Equal(1, PrunedAt(new MedianPruner(), Curve(0.05), Complete(count: 5)));
        Assert.Equal(1, PrunedAt(new MedianPruner { StartupTrials = 0 }, Curve(0.05), Complete(count: 1)));
    }

    [Fact]
    public void Only_complete_trials_set_the_median()
    {
        // Twenty hopeless trials still running or pruned would put the median far behind the bad trial if they counted.
        var others = Complete();
        for (int i = 0; i < 10; i++) others.Add(SearchDriver.Running(20 + i, new Dictionary<string, double>(), Curve(0.001)[..5]));
        for (int i = 0; i < 10; i++) others.Add(SearchDriver.Pruned(30 + i, Curve(0.001)[..5]));
        Assert.Equal(1, PrunedAt(new MedianPruner(), Curve(0.05), others));
    }

    [Fact]
    public void Checks_follow_the_interval_and_need_enough_trials_at_the_epoch()
    {
        // Checks at epochs 3, 6, 9 (the first after the warm-up, then every third).
        var pruner = new MedianPruner { WarmupEpochs = 2, Interval = 3 };
        var bad = Curve(0.05);
        Assert.Equal(3, PrunedAt(pruner, bad, Complete()));
        Assert.False(pruner.ShouldPrune(SearchDriver.Running(100, new Dictionary<string, double>(), bad[..4]), Complete(), Direction.Minimize));
        Assert.True(pruner.ShouldPrune(SearchDriver.Running(100, new Dictionary<string, double>(), bad[..6]), Complete(), Direction.Minimize));
        // Complete trials that stopped early (at epoch 5) do not count at epoch 6.
        var stoppedEarly = Complete().Select(t => t with { EpochValues = t.EpochValues.Take(5).ToArray() }).ToList();
        Assert.Null(PrunedAt(new MedianPruner { WarmupEpochs = 5 }, bad, stoppedEarly));
        Assert.Null(PrunedAt(new MedianPruner { MinimumTrials = 11 }, bad, Complete()));
    }
}
