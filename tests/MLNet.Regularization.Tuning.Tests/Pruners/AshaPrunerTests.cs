using Xunit;
using Xunit.Abstractions;

namespace MLNet.Regularization.Tuning.Tests;

public class AshaPrunerTests(ITestOutputHelper output)
{
    private const int Epochs = 27, Trials = 81;
    private static readonly int[] Rungs = [1, 3, 9, 27];

    /// <summary>Learning curves that never cross: the trial of quality q (0 best) has loss q + 1/epoch.</summary>
    private static double[] Curve(int quality, double sign) => Enumerable.Range(1, Epochs).Select(e => sign * (quality + 1.0 / e)).ToArray();

    /// <summary>Runs the trials one after the other through the pruner after each epoch, until pruned or through the last
    /// epoch; returns the epoch each was pruned at, or null for those that survived.</summary>
    private static int?[] Run(AshaPruner pruner, int[] qualities, Direction direction)
    {
        double sign = direction == Direction.Minimize ? 1 : -1;
        var done = new List<TrialRecord>();
        var prunedAt = new int?[qualities.Length];
        for (int n = 0; n < qualities.Length; n++)
        {
            double[] curve = Curve(qualities[n], sign);
            for (int epoch = 1; epoch <= Epochs && prunedAt[n] is null; epoch++)
                if (pruner.ShouldPrune(SearchDriver.Running(n, new Dictionary<string, double>(), curve[..epoch]), done, direction))
                    prunedAt[n] = epoch;
            done.Add(prunedAt[n] is int e ? SearchDriver.Pruned(n, curve[..e]) : SearchDriver.Complete(n, new Dictionary<string, double>(), curve[^1], curve));
        }
        return prunedAt;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void About_one_trial_in_three_passes_each_rung_the_best_survives_and_hopeless_ones_stop_at_the_first(bool maximize)
    {
        var direction = maximize ? Direction.Maximize : Direction.Minimize;
        var reached = new double[Rungs.Length];
        var passed = new double[Rungs.Length];
        for (int seed = 0; seed < 5; seed++)
        {
            int[] qualities = Enumerable.Range(0, Trials).ToArray();
            new Random(seed).Shuffle(qualities);
            int?[] prunedAt = Run(new AshaPruner(), qualities, direction);

            Assert.All(prunedAt, e => Assert.True(e is null || Rungs.Contains(e.Value), $"Pruned at epoch {e}, between rungs."));
            Assert.Null(prunedAt[Array.IndexOf(qualities, 0)]);
            // The worst third stops at the first rung (but for the first trial, which has nobody to lose to).
            for (int n = 1; n < Trials; n++)
                if (qualities[n] >= 2 * Trials / 3) Assert.Equal(1, prunedAt[n]);
            for (int r = 0; r < Rungs.Length; r++)
            {
                reached[r] += prunedAt.Count(e => e is null || e >= Rungs[r]);
                passed[r] += prunedAt.Count(e => e is null || e > Rungs[r]);
            }
        }
        output.WriteLine(string.Join("; ", Rungs.Select((rung, r) => $"epoch {rung}: {passed[r]} of {reached[r]} passed")));
        // All 405 trials reach the first rung, and about one in η passes it (a little more: the early arrivals had fewer
        // rivals). At later rungs more pass: a trial that got there late had to beat more rivals at the rungs below, so
        // the late arrivals at a rung are the better ones.
        Assert.Equal(5 * Trials, reached[0]);
        Assert.InRange(passed[0] / reached[0], 1 / 3.0, 0.37);
        Assert.InRange(passed[1] / reached[1], 1 / 3.0, 0.5);
        Assert.InRange(passed[2] / reached[2], 1 / 3.0, 0.7);
    }

    [Fact]
    public void At_a_rung_a_trial_must_be_among_the_best_third_of_those_that_reached_it()
    {
        var pruner = new AshaPruner();
        // Eight trials reached epoch 3 with losses 1..8; with the new one, nine: the best three go on.
        var others = Enumerable.Range(1, 8).Select(i => SearchDriver.Pruned(i, [9, 9, i])).ToList();
        Assert.False(pruner.ShouldPrune(SearchDriver.Running(0, new Dictionary<string, double>(), [9, 9, 2.5]), others, Direction.Minimize));
        Assert.True(pruner.ShouldPrune(SearchDriver.Running(0, new Dictionary<string, double>(), [9, 9, 3.5]), others, Direction.Minimize));
        // Between rungs, never; with fewer than three at the rung, only the best goes on.
        Assert.False(pruner.ShouldPrune(SearchDriver.Running(0, new Dictionary<string, double>(), [9, 9, 3.5, 100]), others, Direction.Minimize));
        Assert.True(pruner.ShouldPrune(SearchDriver.Running(0, new Dictionary<string, double>(), [9, 9, 1.5]), others.Take(1).ToList(), Direction.Minimize));
        Assert.False(pruner.ShouldPrune(SearchDriver.Running(0, new Dictionary<string, double>(), [9, 9, 0.5]), others.Take(1).ToList(), Direction.Minimize));
        // A diverged trial stops at the rung.
        Assert.True(pruner.ShouldPrune(SearchDriver.Running(0, new Dictionary<string, double>(), [9, 9, double.NaN]), others, Direction.Minimize));
    }

    [Fact]
    public void Rungs_are_at_r_times_eta_to_the_power_s_plus_k()
    {
        var pruner = new AshaPruner { MinimumEpochs = 2, ReductionFactor = 2, MinimumEarlyStoppingRate = 1 };
        Assert.Equal([4, 8, 16, 32], Enumerable.Range(1, 40).Where(pruner.IsRung));
        Assert.Equal([1, 3, 9, 27], Enumerable.Range(1, 40).Where(new AshaPruner().IsRung));
    }
}
