namespace MLNet.Regularization.Training;

/// <summary>Hands each epoch's figures to <see cref="RegularizedTrainerOptions.Progress"/> and to the log (<c>MLContext.Log</c>).</summary>
internal sealed class ProgressCallback(IProgress<EpochReport>? progress, Action<string>? log) : TrainingCallback
{
    public override bool EpochEnded(TrainingState state, EpochReport report)
    {
        progress?.Report(report);
        log?.Invoke(state.Member > 0 ? $"member {state.Member} {report}" : report.ToString());
        return false;
    }
}
