using Microsoft.ML;

namespace MLNet.Regularization.Benchmarks.Tabular;

/// <summary>One contender of <c>--tabular</c>: a trainer for each task, put at the end of the same pipeline. To add an arm,
/// derive from this and list it in <see cref="TabularArms"/>.</summary>
internal abstract class TabularArm(string name)
{
    /// <summary>The name <c>--arms</c> takes and the tables show.</summary>
    public string Name { get; } = name;

    /// <summary>What the arm trains, for the header of the run.</summary>
    public abstract string Description { get; }

    /// <summary>The trainer for <paramref name="task"/>. <paramref name="seed"/> is also the <c>MLContext</c>'s seed, which
    /// ML.NET's trainers draw theirs from; <paramref name="threads"/> is <c>--threads</c>, <see langword="null"/> for the trainer's default.</summary>
    public abstract IEstimator<ITransformer> CreateTrainer(MLContext ml, TabularTask task, int seed, int? threads);

    /// <summary>The trainer of the untimed warm-up fit that loads native libraries and compiles code once per process; the arm's
    /// trainer with seed 1 unless the arm has a cheaper one that does the same (a search of fewer trials).</summary>
    public virtual IEstimator<ITransformer> CreateWarmUpTrainer(MLContext ml, TabularTask task, int? threads) => CreateTrainer(ml, task, 1, threads);
}
