namespace MLNet.Regularization.Tuning;

/// <summary>
/// Stops a trial whose best objective so far is worse than the median, at the same epoch, of the complete trials
/// (Optuna's <c>MedianPruner</c>: its <c>PercentilePruner</c> at 50 %).
/// </summary>
/// <remarks>Only complete trials set the median, and only those that reached the epoch; pruned, failed and running trials
/// do not count. A trial is never pruned before <see cref="StartupTrials"/> trials are complete, nor at or before epoch
/// <see cref="WarmupEpochs"/>.</remarks>
public sealed class MedianPruner : Pruner
{
    /// <summary>Default values of the settings (Optuna's).</summary>
    public static class Defaults
    {
        /// <summary>Default number of complete trials before pruning starts.</summary>
        public const int StartupTrials = 5;
        /// <summary>Default number of first epochs never pruned.</summary>
        public const int WarmupEpochs = 0;
        /// <summary>Default number of epochs between checks.</summary>
        public const int Interval = 1;
        /// <summary>Default number of complete trials needed at an epoch.</summary>
        public const int MinimumTrials = 1;
    }

    /// <summary>The number of complete trials before any trial is pruned. At least 0.</summary>
    /// <value>The default value is 5.</value>
    public int StartupTrials { get; set; } = Defaults.StartupTrials;

    /// <summary>A trial is not pruned at or before this epoch (the first epochs of training are noisy). At least 0.</summary>
    /// <value>The default value is 0.</value>
    public int WarmupEpochs { get; set; } = Defaults.WarmupEpochs;

    /// <summary>The number of epochs between checks, counted from the first epoch after <see cref="WarmupEpochs"/>.
    /// At least 1.</summary>
    /// <value>The default value is 1.</value>
    public int Interval { get; set; } = Defaults.Interval;

    /// <summary>The number of complete trials that must have reached the epoch for the median to count. At least 1.</summary>
    /// <value>The default value is 1.</value>
    public int MinimumTrials { get; set; } = Defaults.MinimumTrials;

    internal override void Validate()
    {
        SettingsValidator.Require(StartupTrials >= 0, nameof(StartupTrials), "must be at least 0", StartupTrials);
        SettingsValidator.Require(WarmupEpochs >= 0, nameof(WarmupEpochs), "must be at least 0", WarmupEpochs);
        SettingsValidator.Require(Interval >= 1, nameof(Interval), "must be at least 1", Interval);
        SettingsValidator.Require(MinimumTrials >= 1, nameof(MinimumTrials), "must be at least 1", MinimumTrials);
    }

    internal override bool ShouldPrune(TrialRecord trial, IReadOnlyList<TrialRecord> others, Direction direction)
    {
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(others);
        var complete = others.Where(t => t.State == TrialState.Complete && t.Number != trial.Number).ToList();
        int epoch = trial.EpochValues.Count;
        if (complete.Count == 0 || complete.Count < StartupTrials || epoch == 0 || epoch <= WarmupEpochs) return false;
        if ((epoch - 1 - WarmupEpochs) % Interval != 0) return false;

        var reported = trial.EpochValues.Where(v => !double.IsNaN(v)).ToList();
        if (reported.Count == 0) return true; // nothing but NaN: diverged
        double best = reported.Select(v => direction.AsLoss(v)).Min();

        var atEpoch = complete.Where(t => t.EpochValues.Count >= epoch).Select(t => t.EpochValues[epoch - 1]).ToList();
        if (atEpoch.Count < MinimumTrials) return false;
        double[] losses = atEpoch.Where(v => !double.IsNaN(v)).Select(v => direction.AsLoss(v)).Order().ToArray();
        if (losses.Length == 0) return false;
        return best > Median(losses);
    }

    /// <summary>The median of sorted values (the mean of the middle two for an even count).</summary>
    private static double Median(double[] sorted) =>
        sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : 0.5 * (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]);
}
