using Microsoft.ML;

namespace MLNet.Regularization.Tuning;

/// <summary>
/// What a search trains and what it optimizes: the trainer the options belong to, and the metrics of its task, each with its
/// direction and the per-epoch validation figure the pruners compare (accuracy or root mean squared error, from
/// <see cref="EpochReport.ValidationMetric"/>, or the loss, <see cref="EpochReport.ValidationLoss"/>, for log-loss metrics).
/// </summary>
internal sealed class SearchTask
{
    private SearchTask(PredictionTask task, IReadOnlyList<SearchMetric> metrics)
    {
        Task = task;
        Metrics = metrics;
    }

    public PredictionTask Task { get; }

    /// <summary>The metrics a search of this task can optimize; the first is the default.</summary>
    public IReadOnlyList<SearchMetric> Metrics { get; }

    public static SearchTask Of(RegularizedTrainerOptions options) => options switch
    {
        RegularizedMlpMulticlassTrainer.Options or RegularizedCnnMulticlassTrainer.Options => Multiclass,
        RegularizedMlpBinaryTrainer.Options or RegularizedCnnBinaryTrainer.Options => Binary,
        RegularizedMlpRegressionTrainer.Options => Regression,
        _ => throw new ArgumentException($"A search tunes the options of the RegularizedMlp and RegularizedCnn trainers; got {options.GetType().FullName}."),
    };

    /// <summary>The metric named <paramref name="name"/>, or the task's default when it is null; throws naming the task's metrics.</summary>
    public SearchMetric Metric(string? name) =>
        name is null ? Metrics[0]
        : Metrics.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase))
          ?? throw new ArgumentException($"Metric {name} is not a metric of {Task} models; use one of {string.Join(", ", Metrics.Select(m => m.Name))}.");

    /// <summary>Trains with <paramref name="options"/> on <paramref name="train"/>, validating on <paramref name="validation"/>.</summary>
    public static RegularizedNetworkModel Fit(MLContext mlContext, RegularizedTrainerOptions options, IDataView train, IDataView? validation) => options switch
    {
        RegularizedMlpMulticlassTrainer.Options o => mlContext.MulticlassClassification.Trainers.RegularizedMlp(o).Fit(train, validation),
        RegularizedCnnMulticlassTrainer.Options o => mlContext.MulticlassClassification.Trainers.RegularizedCnn(o).Fit(train, validation),
        RegularizedMlpBinaryTrainer.Options o => mlContext.BinaryClassification.Trainers.RegularizedMlp(o).Fit(train, validation),
        RegularizedCnnBinaryTrainer.Options o => mlContext.BinaryClassification.Trainers.RegularizedCnn(o).Fit(train, validation),
        RegularizedMlpRegressionTrainer.Options o => mlContext.Regression.Trainers.RegularizedMlp(o).Fit(train, validation),
        _ => throw new ArgumentException($"No trainer takes options of type {options.GetType().FullName}."),
    };

    private static readonly SearchTask Multiclass = new(PredictionTask.Multiclass,
    [
        new("MicroAccuracy", Direction.Maximize, EpochLoss: false, (ml, scored, label) => ml.MulticlassClassification.Evaluate(scored, label).MicroAccuracy),
        new("MacroAccuracy", Direction.Maximize, EpochLoss: false, (ml, scored, label) => ml.MulticlassClassification.Evaluate(scored, label).MacroAccuracy),
        new("LogLoss", Direction.Minimize, EpochLoss: true, (ml, scored, label) => ml.MulticlassClassification.Evaluate(scored, label).LogLoss),
        new("LogLossReduction", Direction.Maximize, EpochLoss: true, (ml, scored, label) => ml.MulticlassClassification.Evaluate(scored, label).LogLossReduction),
    ]);

    private static readonly SearchTask Binary = new(PredictionTask.Binary,
    [
        new("Accuracy", Direction.Maximize, EpochLoss: false, (ml, scored, label) => ml.BinaryClassification.EvaluateNonCalibrated(scored, label).Accuracy),
        new("AreaUnderRocCurve", Direction.Maximize, EpochLoss: false, (ml, scored, label) => ml.BinaryClassification.EvaluateNonCalibrated(scored, label).AreaUnderRocCurve),
        new("F1Score", Direction.Maximize, EpochLoss: false, (ml, scored, label) => ml.BinaryClassification.EvaluateNonCalibrated(scored, label).F1Score),
        new("AreaUnderPrecisionRecallCurve", Direction.Maximize, EpochLoss: false, (ml, scored, label) => ml.BinaryClassification.EvaluateNonCalibrated(scored, label).AreaUnderPrecisionRecallCurve),
        new("LogLoss", Direction.Minimize, EpochLoss: true, (ml, scored, label) => ml.BinaryClassification.Evaluate(scored, label).LogLoss),
    ]);

    private static readonly SearchTask Regression = new(PredictionTask.Regression,
    [
        new("RSquared", Direction.Maximize, EpochLoss: false, (ml, scored, label) => ml.Regression.Evaluate(scored, label).RSquared),
        new("RootMeanSquaredError", Direction.Minimize, EpochLoss: false, (ml, scored, label) => ml.Regression.Evaluate(scored, label).RootMeanSquaredError),
        new("MeanAbsoluteError", Direction.Minimize, EpochLoss: false, (ml, scored, label) => ml.Regression.Evaluate(scored, label).MeanAbsoluteError),
        new("MeanSquaredError", Direction.Minimize, EpochLoss: false, (ml, scored, label) => ml.Regression.Evaluate(scored, label).MeanSquaredError),
    ]);
}

/// <summary>A metric a search optimizes.</summary>
/// <param name="Name">ML.NET's name of the metric (the property of the task's metrics class).</param>
/// <param name="Direction">Whether higher or lower is better.</param>
/// <param name="EpochLoss">Whether the pruners compare the validation loss after each epoch (rather than the validation metric).</param>
/// <param name="Evaluate">The metric on scored data with the given label column.</param>
internal sealed record SearchMetric(string Name, Direction Direction, bool EpochLoss, Func<MLContext, IDataView, string, double> Evaluate)
{
    /// <summary>The per-epoch figure the pruners compare, from one epoch's report.</summary>
    public double EpochValue(EpochReport report) => EpochLoss ? report.ValidationLoss : report.ValidationMetric;

    /// <summary>Whether the per-epoch figure is better when lower: the loss and the regression error are; accuracy is not.</summary>
    public Direction EpochDirection(PredictionTask task) => EpochLoss || task == PredictionTask.Regression ? Direction.Minimize : Direction.Maximize;
}
