using Microsoft.ML;

namespace MLNet.Regularization.Benchmarks.Tabular;

/// <summary>The pack's RegularizedMlp for the task, at the defaults of a preset except the assigned options; the seed of each
/// fit is its Seed, and <c>--threads</c> its NumberOfThreads.</summary>
internal sealed class MlpArm(string name, IReadOnlyList<OptionAssignment> assignments, MlpPreset preset = MlpPreset.Tabular) : TabularArm(name)
{
    /// <summary>The name of the arm at the trainer's defaults.</summary>
    public const string DefaultName = "mlp";

    /// <summary>The name of the arm at the defaults for pixel vectors (the trainer's defaults before the tabular ones).</summary>
    public const string PixelsName = "mlp-pixels";

    public override string Description
    {
        get
        {
            if (assignments.Count == 0) return $"RegularizedMlp, MlpPreset.{preset} defaults";
            var regressionOnly = assignments.Where(a => !a.AppliesTo(typeof(RegularizedMlpRegressionTrainer.Options))).ToArray();
            return $"RegularizedMlp, MlpPreset.{preset}, {string.Join("; ", assignments)}" +
                (regressionOnly.Length > 0 ? $" (regression leaves out {string.Join(", ", regressionOnly.Select(a => a.Option))})" : "");
        }
    }

    public override IEstimator<ITransformer> CreateTrainer(MLContext ml, TabularTask task, int seed, int? threads) => task switch
    {
        TabularTask.Binary => ml.BinaryClassification.Trainers.RegularizedMlp(Configure(new RegularizedMlpBinaryTrainer.Options(preset), seed, threads)),
        TabularTask.Multiclass => ml.MulticlassClassification.Trainers.RegularizedMlp(Configure(new RegularizedMlpMulticlassTrainer.Options(preset), seed, threads)),
        _ => ml.Regression.Trainers.RegularizedMlp(Configure(new RegularizedMlpRegressionTrainer.Options(preset), seed, threads)),
    };

    private TOptions Configure<TOptions>(TOptions options, int seed, int? threads) where TOptions : RegularizedMlpOptions
    {
        options.Seed = seed;
        options.NumberOfThreads = threads;
        foreach (var assignment in assignments)
            assignment.ApplyTo(options);
        return options;
    }
}
