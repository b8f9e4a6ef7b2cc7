using Microsoft.ML;
using MLNet.Regularization.Tuning;

namespace MLNet.Regularization.Benchmarks.Tabular;

/// <summary>The pack's RegularizedMlp tuned by the regularization-cocktail search: the default space of the task's MlpPreset.Tabular
/// options (<c>mlContext.Tuning().DefaultSpace</c>) at the default search options (TPE, ASHA, 20 trials, a 20 % hold-out), with
/// the fit's seed as the search's Seed and <c>--threads</c> as NumberOfThreads; then the best options trained on all the fit's
/// training rows. Each search's trials are printed as it ends.</summary>
internal sealed class MlpTunedArm() : TabularArm(ArmName)
{
    /// <summary>The name of this arm.</summary>
    public const string ArmName = "mlp-tuned";

    public override string Description =>
        $"RegularizedMlp, MlpPreset.Tabular, tuned: default search space, TpeSampler, AshaPruner, {SearchOptions.Defaults.MaxTrials} trials, then FitBest";

    public override IEstimator<ITransformer> CreateTrainer(MLContext ml, TabularTask task, int seed, int? threads) =>
        Create(ml, task, new SearchOptions { Seed = seed }, threads,
            (result, seconds) => Console.WriteLine($"  {ArmName} search: {TunedMlpEstimator.Describe(result, seconds)}"));

    /// <summary>A search of two trials, untimed: it loads and compiles what the timed searches use.</summary>
    public override IEstimator<ITransformer> CreateWarmUpTrainer(MLContext ml, TabularTask task, int? threads) =>
        Create(ml, task, new SearchOptions { Seed = 1, MaxTrials = 2 }, threads, null);

    private static TunedMlpEstimator Create(MLContext ml, TabularTask task, SearchOptions search, int? threads, Action<SearchResult, double>? searched)
    {
        RegularizedMlpOptions options = task switch
        {
            TabularTask.Binary => new RegularizedMlpBinaryTrainer.Options(),
            TabularTask.Multiclass => new RegularizedMlpMulticlassTrainer.Options(),
            _ => new RegularizedMlpRegressionTrainer.Options(),
        };
        options.NumberOfThreads = threads;
        IEstimator<ITransformer> plain = options switch
        {
            RegularizedMlpBinaryTrainer.Options o => ml.BinaryClassification.Trainers.RegularizedMlp(o),
            RegularizedMlpMulticlassTrainer.Options o => ml.MulticlassClassification.Trainers.RegularizedMlp(o),
            RegularizedMlpRegressionTrainer.Options o => ml.Regression.Trainers.RegularizedMlp(o),
            _ => throw new ArgumentOutOfRangeException(nameof(task), task, "no RegularizedMlp options for this task"),
        };
        return new TunedMlpEstimator(ml, options, search, plain, searched);
    }
}
