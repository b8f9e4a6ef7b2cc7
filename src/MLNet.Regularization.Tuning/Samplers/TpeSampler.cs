namespace MLNet.Regularization.Tuning;

/// <summary>Not yet written.</summary>
public sealed class TpeSampler : Sampler
{
    internal override void Validate() { }

    internal override IReadOnlyDictionary<string, double> Propose(SearchSpace space, IReadOnlyList<TrialRecord> history,
        int number, Direction direction, int seed) => throw new NotImplementedException();
}
