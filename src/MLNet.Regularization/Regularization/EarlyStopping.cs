namespace MLNet.Regularization.Regularization;

/// <summary>
/// Tracks the best value of a monitored figure and says when it has not improved for <paramref name="patience"/>
/// epochs. With <paramref name="patience"/> <see langword="null"/> it only tracks the best epoch (for restoring best weights).
/// </summary>
internal sealed class EarlyStopping(bool higherIsBetter, int? patience, double minDelta)
{
    private double _best = double.NaN;
    private int _epochsWithoutImprovement;

    public int BestEpoch { get; private set; }

    /// <summary>Records an epoch's value; returns whether it is the best so far. A NaN or infinite value is never the best.</summary>
    public bool Update(int epoch, double value)
    {
        bool improved = double.IsFinite(value)
            && (double.IsNaN(_best) || (higherIsBetter ? value > _best + minDelta : value < _best - minDelta));
        if (improved)
        {
            _best = value;
            BestEpoch = epoch;
            _epochsWithoutImprovement = 0;
        }
        else
        {
            _epochsWithoutImprovement++;
        }
        return improved;
    }

    public bool ShouldStop => patience is int p && _epochsWithoutImprovement >= p;
}
