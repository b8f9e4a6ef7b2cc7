namespace MLNet.Regularization.Tuning;

/// <summary>
/// Draws every active option independently from its range (uniform, log-uniform, or a uniform choice), ignoring the trials
/// so far: the baseline the other samplers should beat, and a good choice for small budgets or many workers.
/// </summary>
public sealed class RandomSampler : Sampler
{
    internal override void Validate() { }

    internal override IReadOnlyDictionary<string, double> Propose(SearchSpace space, IReadOnlyList<TrialRecord> history,
        int number, Direction direction, int seed)
    {
        ArgumentNullException.ThrowIfNull(space);
        var random = TrialRandom(seed, number);
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (name, range) in space.Active(values)) values[name] = range.Sample(random);
        return values;
    }
}
