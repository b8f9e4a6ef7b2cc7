namespace MLNet.Regularization.Tuning;

/// <summary>Not yet written.</summary>
public sealed class AshaPruner : Pruner
{
    internal override void Validate() { }

    internal override bool ShouldPrune(TrialRecord trial, IReadOnlyList<TrialRecord> others, Direction direction) => throw new NotImplementedException();
}
