namespace MLNet.Regularization.Tuning;

/// <summary>
/// Asynchronous successive halving (ASHA; Li et al. 2020, as Optuna's <c>SuccessiveHalvingPruner</c>): at each rung, epochs
/// r·η^(s + k) for k = 0, 1, …, a trial goes on only if its objective there is among the best 1/η of those of every trial
/// that reached the rung (itself included; at least the single best), and is pruned otherwise. Between rungs it is never
/// pruned. Trials are judged as they arrive, against whoever reached the rung before them, so no worker waits.
/// </summary>
/// <remarks>With r = <see cref="MinimumEpochs"/>, η = <see cref="ReductionFactor"/> and s =
/// <see cref="MinimumEarlyStoppingRate"/>, the defaults put the rungs at epochs 1, 3, 9, 27, …; about one trial in η goes
/// past each rung.</remarks>
public sealed class AshaPruner : Pruner
{
    /// <summary>Default values of the settings.</summary>
    public static class Defaults
    {
        /// <summary>Default epochs of the first rung, before the early-stopping rate.</summary>
        public const int MinimumEpochs = 1;
        /// <summary>Default reduction factor (Li et al.'s; Optuna uses 4).</summary>
        public const int ReductionFactor = 3;
        /// <summary>Default minimum early-stopping rate.</summary>
        public const int MinimumEarlyStoppingRate = 0;
    }

    /// <summary>The minimum resource r: the first rung is at epoch r·η^s. At least 1.</summary>
    /// <value>The default value is 1.</value>
    public int MinimumEpochs { get; set; } = Defaults.MinimumEpochs;

    /// <summary>The reduction factor η: one trial in η goes past each rung, and each rung is η times as many epochs as the
    /// one before. At least 2.</summary>
    /// <value>The default value is 3.</value>
    public int ReductionFactor { get; set; } = Defaults.ReductionFactor;

    /// <summary>The minimum early-stopping rate s: delays the first rung to epoch r·η^s. At least 0.</summary>
    /// <value>The default value is 0.</value>
    public int MinimumEarlyStoppingRate { get; set; } = Defaults.MinimumEarlyStoppingRate;

    internal override void Validate()
    {
        SettingsValidator.Require(MinimumEpochs >= 1, nameof(MinimumEpochs), "must be at least 1", MinimumEpochs);
        SettingsValidator.Require(ReductionFactor >= 2, nameof(ReductionFactor), "must be at least 2", ReductionFactor);
        SettingsValidator.Require(MinimumEarlyStoppingRate >= 0, nameof(MinimumEarlyStoppingRate), "must be at least 0",
            MinimumEarlyStoppingRate);
    }

    internal override bool ShouldPrune(TrialRecord trial, IReadOnlyList<TrialRecord> others, Direction direction)
    {
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(others);
        int epoch = trial.EpochValues.Count;
        if (epoch == 0 || !IsRung(epoch)) return false;
        double value = trial.EpochValues[epoch - 1];
        if (double.IsNaN(value)) return true;

        var competing = others
            .Where(t => t.Number != trial.Number && t.EpochValues.Count >= epoch && !double.IsNaN(t.EpochValues[epoch - 1]))
            .Select(t => direction.AsLoss(t.EpochValues[epoch - 1]))
            .Append(direction.AsLoss(value))
            .Order()
            .ToArray();
        // Optuna: promotable if at least as good as the ⌊n/η⌋-th best (the best when fewer than η reached the rung).
        int kept = Math.Max(competing.Length / ReductionFactor, 1);
        return direction.AsLoss(value) > competing[kept - 1];
    }

    /// <summary>Whether <paramref name="epoch"/> is r·η^(s + k) for some k ≥ 0.</summary>
    internal bool IsRung(int epoch)
    {
        long rung = MinimumEpochs;
        for (int i = 0; i < MinimumEarlyStoppingRate && rung <= epoch; i++) rung *= ReductionFactor;
        while (rung < epoch) rung *= ReductionFactor;
        return rung == epoch;
    }
}
