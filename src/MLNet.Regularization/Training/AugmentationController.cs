using System.Globalization;

namespace MLNet.Regularization.Training;

/// <summary>
/// <see cref="AdaptiveAugmentation"/> as a callback: after every epoch, folds the epoch's generalization gap into a moving
/// average; every <see cref="AdaptiveAugmentation.Interval"/> epochs, moves the strength of the next epochs by one step towards
/// less overfitting (up while the average gap is above the target, down while it is below), within the bounds. At the end,
/// notes in the report when the strength sat at a bound with the gap on the wrong side of the target for the last updates:
/// the target cannot be reached with these steps.
/// </summary>
internal sealed class AugmentationController(AdaptiveAugmentation options) : TrainingCallback
{
    /// <summary>Updates at a bound, with the gap on the wrong side, after which the report says the target is out of reach.</summary>
    public const int UpdatesAtBound = 3;

    private double _gap = double.NaN;
    private int _atUpper;
    private int _atLower;

    public override bool EpochEnded(TrainingState state, EpochReport report)
    {
        double gap = report.GeneralizationGap;
        if (!double.IsFinite(gap)) return false;
        _gap = double.IsNaN(_gap) ? gap : options.Smoothing * gap + (1 - options.Smoothing) * _gap;
        if (report.Epoch % options.Interval != 0) return false;

        double strength = state.AugmentationStrength ?? options.InitialStrength;
        bool above = _gap > options.TargetGap;
        _atUpper = above && strength >= options.MaximumStrength ? _atUpper + 1 : 0;
        _atLower = !above && strength <= options.MinimumStrength ? _atLower + 1 : 0;
        state.AugmentationStrength = Math.Clamp(strength + (above ? options.StepSize : -options.StepSize), options.MinimumStrength, options.MaximumStrength);
        return false;
    }

    public override void TrainingEnded(TrainingState state)
    {
        string F(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
        if (_atUpper >= UpdatesAtBound)
            state.Notes.Add($"AdaptiveAugmentation: the generalization gap ({F(_gap)}) stayed above the target ({F(options.TargetGap)}) at the " +
                $"maximum strength ({F(options.MaximumStrength)}) for the last {_atUpper} updates: the target cannot be reached with these " +
                "augmentation steps. Stronger steps, a higher MaximumStrength or more regularization would narrow the gap.");
        else if (_atLower >= UpdatesAtBound)
            state.Notes.Add($"AdaptiveAugmentation: the generalization gap ({F(_gap)}) stayed below the target ({F(options.TargetGap)}) at the " +
                $"minimum strength ({F(options.MinimumStrength)}) for the last {_atLower} updates: the network does not overfit enough for " +
                "augmentation to be needed; the target cannot be reached from below.");
    }
}
