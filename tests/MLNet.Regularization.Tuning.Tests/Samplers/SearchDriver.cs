namespace MLNet.Regularization.Tuning.Tests;

/// <summary>A sequential search in a test: each trial proposed from the ones before, scored by a cheap objective, stored
/// complete.</summary>
internal static class SearchDriver
{
    public static List<TrialRecord> Run(Sampler sampler, SearchSpace space, Func<IReadOnlyDictionary<string, double>, double> objective,
        int trials, int seed, Direction direction = Direction.Minimize)
    {
        var history = new List<TrialRecord>();
        for (int n = 0; n < trials; n++)
        {
            var parameters = sampler.Propose(space, history, n, direction, seed);
            history.Add(Complete(n, parameters, objective(parameters)));
        }
        return history;
    }

    public static TrialRecord Complete(int number, IReadOnlyDictionary<string, double> parameters, double value, IReadOnlyList<double>? epochValues = null) =>
        new(number, number, TrialState.Complete, parameters, value, epochValues ?? [value], 0, null, "test", null);

    public static TrialRecord Running(int number, IReadOnlyDictionary<string, double> parameters, IReadOnlyList<double>? epochValues = null) =>
        new(number, number, TrialState.Running, parameters, null, epochValues ?? [], 0, null, "test", null);

    public static TrialRecord Pruned(int number, IReadOnlyList<double> epochValues) =>
        new(number, number, TrialState.Pruned, new Dictionary<string, double>(), epochValues[^1], epochValues, 0, null, "test", null);
}
