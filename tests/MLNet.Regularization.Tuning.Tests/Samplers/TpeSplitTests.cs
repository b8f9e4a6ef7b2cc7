using Xunit;

namespace MLNet.Regularization.Tuning.Tests;

public class TpeSplitTests
{
    private static readonly Dictionary<string, double> NoParameters = [];

    [Fact]
    public void Gamma_and_weights_are_optunas_defaults()
    {
        Assert.Equal([0, 1, 1, 2, 10, 25, 25], new[] { 0, 1, 10, 11, 100, 250, 1000 }.Select(TpeSplit.Gamma));
        Assert.Equal(Enumerable.Repeat(1.0, 24), TpeSplit.Weights(24));
        double[] weights = TpeSplit.Weights(30);
        Assert.Equal(1.0 / 30, weights[0], 1e-15);
        Assert.True(weights.Take(5).SequenceEqual(weights.Take(5).Order()));
        Assert.Equal(Enumerable.Repeat(1.0, 25), weights.Skip(5));
    }

    [Fact]
    public void Complete_trials_rank_by_value_then_pruned_ones_by_the_epoch_they_reached_and_running_ones_are_the_worst()
    {
        var trials = new List<TrialRecord>();
        // 11 complete trials (values 10, 11, ..., 20) and 9 pruned ones: 20 finished trials, so the best 2 are good.
        for (int i = 0; i < 11; i++) trials.Add(SearchDriver.Complete(i, NoParameters, 20 - i));
        trials.Add(SearchDriver.Pruned(11, [5, 4, 3]));
        for (int i = 12; i < 20; i++) trials.Add(SearchDriver.Pruned(i, [0.5]));
        trials.Add(SearchDriver.Running(20, NoParameters));
        trials.Add(new TrialRecord(21, 21, TrialState.Failed, NoParameters, null, [0.1], 0, "diverged", "test", null));

        var (below, above) = TpeSplit.Split(trials, Direction.Minimize);
        Assert.Equal([9, 10], below.Select(t => t.Number));
        Assert.Equal(Enumerable.Range(0, 9).Concat(Enumerable.Range(11, 10)), above.Select(t => t.Number));

        // Maximizing, the highest values are good; with few complete trials, pruned ones fill the good group, furthest first.
        var (maxBelow, _) = TpeSplit.Split(trials, Direction.Maximize);
        Assert.Equal([0, 1], maxBelow.Select(t => t.Number));
        var few = trials.Skip(10).ToList(); // 1 complete, 9 pruned: 10 finished, 1 good
        Assert.Equal([10], TpeSplit.Split(few, Direction.Minimize).Below.Select(t => t.Number));
        var onlyPruned = trials.Skip(11).ToList();
        Assert.Equal([11], TpeSplit.Split(onlyPruned, Direction.Minimize).Below.Select(t => t.Number));
    }
}
