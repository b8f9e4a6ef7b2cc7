using MLNet.Regularization.Tuning;

namespace MLNet.Regularization.Benchmarks.Tuning;

/// <summary>One contender of <c>--tuning</c>: a sampler and a pruner for the search, or (<see cref="IsSearch"/> false) the
/// trainer's default options fitted once.</summary>
/// <param name="Name">The name <c>--arms</c> takes and the tables show.</param>
/// <param name="CreateSampler">A fresh sampler for one search; <see langword="null"/> for the arm without a search.</param>
/// <param name="CreatePruner">A fresh pruner for one search; <see langword="null"/> runs every trial to the end.</param>
internal sealed record TuningArm(string Name, Func<Sampler>? CreateSampler, Func<Pruner>? CreatePruner)
{
    /// <summary>The arm every other arm's time to reach a value is measured against.</summary>
    public const string Random = "random";

    /// <summary>The arm the targets are about.</summary>
    public const string TpeAsha = "tpe-asha";

    /// <summary>The arm of the trainer's defaults.</summary>
    public const string Defaults = "defaults";

    /// <summary>Every arm, in the order they run and the tables show them (random first: the others' time to reach its best
    /// is printed as they end).</summary>
    public static IReadOnlyList<TuningArm> All { get; } =
    [
        new(Random, () => new RandomSampler(), null),
        new("tpe", () => new TpeSampler(), null),
        new("random-asha", () => new RandomSampler(), () => new AshaPruner()),
        new(TpeAsha, () => new TpeSampler(), () => new AshaPruner()),
        new(Defaults, null, null),
    ];

    /// <summary>Whether the arm runs a search.</summary>
    public bool IsSearch => CreateSampler is not null;

    /// <summary>The arm named <paramref name="name"/>, or <see langword="null"/>.</summary>
    public static TuningArm? Find(string name) => All.FirstOrDefault(a => a.Name == name);
}
