using System.Text.Json;
using System.Text.Json.Nodes;

namespace MLNet.Regularization.Tuning;

/// <summary>
/// What a search is, as stored with it so that every worker runs it the same way and a resumed search can be checked against
/// it: the base trainer options, the space, the metric, sampler and pruner, the evaluation, the seed, the default budget, and
/// a hash of the training data.
/// </summary>
internal sealed class SearchDefinition
{
    /// <summary>The version of this JSON layout.</summary>
    private const int Format = 1;

    public required RegularizedTrainerOptions Options { get; init; }
    public required SearchSpace Space { get; init; }
    public required string Metric { get; init; }
    public required Sampler Sampler { get; init; }
    public required Pruner? Pruner { get; init; }
    public required double ValidationFraction { get; init; }
    public required int? Folds { get; init; }
    public required int Seed { get; init; }
    /// <summary>The trial budget of the search's creator: what a worker joining without its own budget keeps to.</summary>
    public required int? MaxTrials { get; init; }
    public required string DataHash { get; init; }

    public string ToJson() => new JsonObject
    {
        ["format"] = Format,
        ["options"] = OptionsJson.Write(Options),
        ["space"] = SpaceJson.Write(Space),
        ["metric"] = Metric,
        ["sampler"] = JsonSerializer.SerializeToNode(Sampler),
        ["pruner"] = Pruner is null ? null : JsonSerializer.SerializeToNode(Pruner),
        ["validationFraction"] = ValidationFraction,
        ["folds"] = Folds,
        ["seed"] = Seed,
        ["maxTrials"] = MaxTrials,
        ["dataHash"] = DataHash,
    }.ToJsonString(new JsonSerializerOptions { WriteIndented = true });

    public static SearchDefinition FromJson(string json, string searchName)
    {
        var root = JsonNode.Parse(json)!.AsObject();
        int format = root["format"]!.GetValue<int>();
        if (format != Format)
            throw new NotSupportedException($"Search {searchName} was stored in definition format {format}; this version of MLNet.Regularization.Tuning reads format {Format}.");
        return new SearchDefinition
        {
            Options = (RegularizedTrainerOptions)OptionsJson.Read(root["options"]!.AsObject()),
            Space = SpaceJson.Read(root["space"]!.AsArray()),
            Metric = root["metric"]!.GetValue<string>(),
            Sampler = root["sampler"].Deserialize<Sampler>()!,
            Pruner = root["pruner"]?.Deserialize<Pruner>(),
            ValidationFraction = root["validationFraction"]!.GetValue<double>(),
            Folds = root["folds"]?.GetValue<int>(),
            Seed = root["seed"]!.GetValue<int>(),
            MaxTrials = root["maxTrials"]?.GetValue<int>(),
            DataHash = root["dataHash"]!.GetValue<string>(),
        };
    }

    /// <summary>What differs between this definition and <paramref name="stored"/> (the budget aside), in words; null when nothing does.</summary>
    public string? Difference(SearchDefinition stored)
    {
        string Lines(SearchSpace space) => space.ToString();
        if (Lines(Space) != Lines(stored.Space))
        {
            var mine = Space.ToString().Split(Environment.NewLine);
            var theirs = stored.Space.ToString().Split(Environment.NewLine);
            string? added = mine.Except(theirs).FirstOrDefault();
            string? removed = theirs.Except(mine).FirstOrDefault();
            return $"the search space differs: the stored space has {(removed is null ? "no such range" : $"'{removed}'")} " +
                $"where this one has {(added is null ? "none" : $"'{added}'")}";
        }
        var myOptions = OptionsJson.Write(Options);
        var storedOptions = OptionsJson.Write(stored.Options);
        foreach (var (name, value) in storedOptions)
            if (!JsonNode.DeepEquals(value, myOptions[name]))
                return $"the base options differ: {name} is {value?.ToJsonString() ?? "null"} in the stored search and {myOptions[name]?.ToJsonString() ?? "null"} here";
        if (Metric != stored.Metric) return $"the metric differs: {stored.Metric} stored, {Metric} here";
        if (JsonSerializer.Serialize(Sampler) != JsonSerializer.Serialize(stored.Sampler))
            return $"the sampler differs: {JsonSerializer.Serialize(stored.Sampler)} stored, {JsonSerializer.Serialize(Sampler)} here";
        if (JsonSerializer.Serialize(Pruner) != JsonSerializer.Serialize(stored.Pruner))
            return $"the pruner differs: {JsonSerializer.Serialize(stored.Pruner)} stored, {JsonSerializer.Serialize(Pruner)} here";
        if (ValidationFraction != stored.ValidationFraction || Folds != stored.Folds)
            return $"the evaluation differs: {Describe(stored)} stored, {Describe(this)} here";
        if (Seed != stored.Seed) return $"the seed differs: {stored.Seed} stored, {Seed} here";
        if (DataHash != stored.DataHash) return "the training data differs (the SHA-256 hash of its values)";
        return null;
    }

    private static string Describe(SearchDefinition d) =>
        d.Folds is int k ? $"{k}-fold cross-validation" : FormattableString.Invariant($"a {d.ValidationFraction} hold-out");
}
