using MLNet.Regularization.Tuning;

namespace MLNet.Regularization.Benchmarks.Tuning;

/// <summary>The figures of one arm on one data set and seed: a search and the fit of its best options, or the defaults' one fit.</summary>
/// <param name="DataSet">The data set's name.</param>
/// <param name="Arm">The arm's name.</param>
/// <param name="Seed">The seed of the search (and of digits' split).</param>
/// <param name="Seconds">Wall seconds of the search (of the fit, for the defaults arm).</param>
/// <param name="Complete">Complete trials.</param>
/// <param name="Pruned">Pruned trials.</param>
/// <param name="Failed">Failed trials.</param>
/// <param name="BestValidation">The search's best validation value (its metric on its hold-out); <see langword="null"/> for the defaults arm.</param>
/// <param name="BestSoFar">The best validation value so far at the end of each complete trial that improved it: (seconds since the
/// search started, value); empty for the defaults arm.</param>
/// <param name="TestAccuracy">Micro accuracy on the test set of the model that <c>FitBest</c> trained on the whole training set
/// (of the defaults' fit).</param>
/// <param name="FitSeconds">Wall seconds of <c>FitBest</c> (of the defaults' fit).</param>
internal sealed record TuningRun(string DataSet, string Arm, int Seed, double Seconds, int Complete, int Pruned, int Failed, double? BestValidation,
    IReadOnlyList<(double Seconds, double Value)> BestSoFar, double TestAccuracy, double FitSeconds)
{
    /// <summary>All trials.</summary>
    public int Trials => Complete + Pruned + Failed;

    /// <summary>The share of the trials that were pruned.</summary>
    public double PrunedShare => Trials == 0 ? 0 : (double)Pruned / Trials;

    /// <summary>The seconds from the start of the search to the end of the first trial whose validation value reached
    /// <paramref name="target"/> (higher is better); <see langword="null"/> when none did.</summary>
    public double? TimeToReach(double target) => BestSoFar.Where(p => p.Value >= target).Select(p => (double?)p.Seconds).FirstOrDefault();

    /// <summary>The best-so-far curve of a search from its trials' end times: the complete trials that improved on every earlier one.</summary>
    public static IReadOnlyList<(double Seconds, double Value)> Improvements(IEnumerable<(double Seconds, Trial Trial)> ends, bool higherIsBetter)
    {
        var curve = new List<(double, double)>();
        double? best = null;
        foreach (var (seconds, trial) in ends.Where(e => e.Trial.State == TrialState.Complete && e.Trial.Value is not null).OrderBy(e => e.Seconds))
        {
            double value = trial.Value!.Value;
            if (best is null || (higherIsBetter ? value > best : value < best))
            {
                best = value;
                curve.Add((seconds, value));
            }
        }
        return curve;
    }
}
