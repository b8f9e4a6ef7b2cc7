using Microsoft.ML;
using Xunit;

namespace MLNet.Regularization.Tests.Regularization;

public class EarlyStoppingTests
{
    private readonly MLContext _ml = new(seed: 1);

    // Few rows with a third of the labels random and a wide network without regularization: validation loss soon rises.
    private IDataView Train => TestData.Multiclass(_ml, 120, seed: 2, labelNoise: 0.4);
    private IDataView Validation => TestData.Multiclass(_ml, 400, seed: 3);

    private static RegularizedMlpMulticlassTrainer.Options Overfitting(Action<RegularizedMlpMulticlassTrainer.Options>? configure = null) =>
        Quick.Multiclass(o =>
        {
            o.HiddenLayers = [128, 128];
            o.Epochs = 300;
            o.EarlyStopping = true;
            o.EarlyStoppingPatience = 10;
            configure?.Invoke(o);
        });

    [Fact]
    public void Stops_before_the_epoch_limit_on_data_that_overfits_and_restores_the_best_epoch()
    {
        var model = _ml.MulticlassClassification.Trainers.RegularizedMlp(Overfitting()).Fit(Train, Validation);
        var report = model.TrainingReport;

        Assert.True(report.StoppedEarly);
        Assert.True(report.Epochs.Count < 300);
        int best = report.Epochs.MinBy(e => e.ValidationLoss)!.Epoch;
        Assert.Equal(best, report.KeptEpoch);
        Assert.Equal(report.KeptEpoch + 10, report.Epochs.Count);

        // The model holds the kept epoch's weights: its log-loss on the validation rows is that epoch's validation loss,
        // clearly lower than the last epoch's.
        double logLoss = _ml.MulticlassClassification.Evaluate(model.Transform(Validation)).LogLoss;
        Assert.Equal(report.Kept.ValidationLoss, logLoss, 3);
        Assert.True(report.Epochs[^1].ValidationLoss > report.Kept.ValidationLoss + 0.05);
    }

    [Fact]
    public void Without_restoring_best_weights_the_model_keeps_the_last_epoch()
    {
        var model = _ml.MulticlassClassification.Trainers.RegularizedMlp(Overfitting(o => o.RestoreBestWeights = false)).Fit(Train, Validation);
        var report = model.TrainingReport;

        Assert.Equal(report.Epochs.Count, report.KeptEpoch);
        double logLoss = _ml.MulticlassClassification.Evaluate(model.Transform(Validation)).LogLoss;
        Assert.Equal(report.Epochs[^1].ValidationLoss, logLoss, 3);
    }

    [Fact]
    public void Monitoring_the_metric_keeps_the_epoch_with_the_best_validation_accuracy()
    {
        var report = _ml.MulticlassClassification.Trainers.RegularizedMlp(Overfitting(o => o.EarlyStoppingMetric = EarlyStoppingMetric.Metric))
            .Fit(Train, Validation).TrainingReport;

        double bestAccuracy = report.Epochs.Max(e => e.ValidationMetric);
        Assert.Equal(bestAccuracy, report.Kept.ValidationMetric);
        Assert.Equal(report.Epochs.First(e => e.ValidationMetric == bestAccuracy).Epoch, report.KeptEpoch);
    }

    [Fact]
    public void A_validation_fraction_holds_out_that_share_of_rows_stratified()
    {
        var report = _ml.MulticlassClassification.Trainers.RegularizedMlp(Quick.Multiclass(o => { o.ValidationFraction = 0.25; o.Epochs = 2; }))
            .Fit(TestData.Multiclass(_ml, 400)).TrainingReport;

        Assert.InRange(report.ValidationRows, 98, 102);
        Assert.Equal(400 - report.ValidationRows, report.TrainingRows);
        Assert.All(report.Epochs, e => Assert.False(double.IsNaN(e.ValidationLoss)));
    }

    [Fact]
    public void Generalization_gap_grows_while_a_network_overfits()
    {
        var report = _ml.MulticlassClassification.Trainers.RegularizedMlp(Overfitting(o => o.EarlyStopping = false))
            .Fit(Train, Validation).TrainingReport;

        Assert.True(report.Epochs[^1].GeneralizationGap > report.Epochs[0].GeneralizationGap + 0.5);
        Assert.True(report.Epochs[^1].TrainLoss < report.Epochs[0].TrainLoss);
    }

    [Fact]
    public void A_NaN_or_infinite_validation_figure_is_never_the_best_epoch()
    {
        var stopping = new MLNet.Regularization.Regularization.EarlyStopping(higherIsBetter: false, monitorLoss: true, patience: 2, minDelta: 0, restoreBest: false);

        Assert.False(stopping.Update(1, double.NaN));
        Assert.True(stopping.Update(2, 0.5));
        Assert.False(stopping.Update(3, double.NegativeInfinity));
        Assert.False(stopping.Update(4, double.NaN));

        Assert.Equal(2, stopping.BestEpoch);
        Assert.True(stopping.ShouldStop);
    }
}
