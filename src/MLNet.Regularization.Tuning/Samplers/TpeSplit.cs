namespace MLNet.Regularization.Tuning;

/// <summary>
/// How <see cref="TpeSampler"/> divides the trials so far into the good ones ("below", modelled by l(x)) and the rest
/// ("above", g(x)), and weighs them: Optuna's <c>_split_trials</c>, <c>default_gamma</c> and <c>default_weights</c> for one
/// objective.
/// </summary>
internal static class TpeSplit
{
    /// <summary>The number of good trials among <paramref name="n"/> finished ones: min(⌈n / 10⌉, 25).</summary>
    public static int Gamma(int n) => Math.Min((int)Math.Ceiling(0.1 * n), 25);

    /// <summary>The weights of <paramref name="n"/> observations, oldest first: 1 each below 25, else the newest 25 at 1
    /// and a linear ramp from 1/n to 1 for the older ones.</summary>
    public static double[] Weights(int n)
    {
        if (n < 25) return Enumerable.Repeat(1.0, n).ToArray();
        var weights = new double[n];
        int ramp = n - 25;
        for (int i = 0; i < ramp; i++)
            weights[i] = ramp == 1 ? 1.0 / n : 1.0 / n + (1 - 1.0 / n) * i / (ramp - 1);
        for (int i = ramp; i < n; i++) weights[i] = 1;
        return weights;
    }

    /// <summary>
    /// The good and the other trials, each in trial-number order. Complete trials rank by value, then pruned ones by the
    /// last epoch they reached (later first) and their value there; the first <see cref="Gamma"/>(complete + pruned) are
    /// good. Running trials (given only when the sampler lies) are among the others, as if they were the worst.
    /// Waiting and failed trials are left out.
    /// </summary>
    public static (List<TrialRecord> Below, List<TrialRecord> Above) Split(IEnumerable<TrialRecord> trials, Direction direction)
    {
        var ordered = trials.OrderBy(t => t.Number).ToList();
        var complete = ordered.Where(t => t.State == TrialState.Complete).OrderBy(t => Loss(t.Value, direction)).ToList();
        var pruned = ordered.Where(t => t.State == TrialState.Pruned)
            .OrderBy(t => -t.EpochValues.Count)
            .ThenBy(t => t.EpochValues.Count > 0 ? Loss(t.EpochValues[^1], direction) : 0)
            .ToList();
        var running = ordered.Where(t => t.State == TrialState.Running);

        var ranked = complete.Concat(pruned).ToList();
        int good = Math.Min(Gamma(ranked.Count), ranked.Count);
        var below = ranked.Take(good).OrderBy(t => t.Number).ToList();
        var above = ranked.Skip(good).Concat(running).OrderBy(t => t.Number).ToList();
        return (below, above);
    }

    /// <summary>The value as a loss; a missing or NaN value is the worst.</summary>
    private static double Loss(double? value, Direction direction) =>
        value is double v && !double.IsNaN(v) ? direction.AsLoss(v) : double.PositiveInfinity;
}
