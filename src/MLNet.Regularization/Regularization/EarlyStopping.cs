using MLNet.Regularization.Networks;
using MLNet.Regularization.Training;
using static TorchSharp.torch;

namespace MLNet.Regularization.Regularization;

/// <summary>
/// Early stopping as a callback: tracks the best value of the monitored validation figure (NaN is never best), stops after
/// <c>patience</c> epochs without an improvement of more than <c>minDelta</c>, and with <c>restoreBest</c> keeps a copy of the
/// best epoch's weights and puts it back when training ends (also after a divergence).
/// </summary>
internal sealed class EarlyStopping(bool higherIsBetter, bool monitorLoss, int? patience, double minDelta, bool restoreBest)
    : TrainingCallback, IDisposable
{
    private double _best = double.NaN;
    private int _epochsWithoutImprovement;
    private Dictionary<string, Tensor>? _bestWeights;

    public static EarlyStopping From(RegularizedTrainerOptions options, bool higherMetricIsBetter)
    {
        bool monitorLoss = options.EarlyStoppingMetric == EarlyStoppingMetric.Loss;
        return new EarlyStopping(higherMetricIsBetter && !monitorLoss, monitorLoss,
            options.EarlyStopping ? options.EarlyStoppingPatience : null, options.EarlyStoppingMinDelta,
            options.EarlyStopping && options.RestoreBestWeights);
    }

    public int BestEpoch { get; private set; }

    /// <summary>Records the epoch's value; returns whether it improved on the best so far.</summary>
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

    public override bool EpochEnded(TrainingState state, EpochReport report)
    {
        if (!state.HasValidation) return false;
        bool improved = Update(report.Epoch, monitorLoss ? report.ValidationLoss : report.ValidationMetric);
        if (improved && restoreBest)
        {
            Release();
            _bestWeights = Snapshot(state.Network);
            state.RestorableEpoch = BestEpoch;
        }
        return ShouldStop;
    }

    public override void TrainingEnded(TrainingState state)
    {
        if (_bestWeights is null) return;
        state.Network.load_state_dict(_bestWeights);
        state.KeptEpoch = BestEpoch;
        Release();
    }

    private static Dictionary<string, Tensor> Snapshot(Network network)
    {
        using var scope = NewDisposeScope();
        return network.state_dict().ToDictionary(p => p.Key, p => p.Value.detach().clone().MoveToOuterDisposeScope());
    }

    private void Release()
    {
        if (_bestWeights is null) return;
        foreach (var t in _bestWeights.Values) t.Dispose();
        _bestWeights = null;
    }

    public void Dispose() => Release();
}
