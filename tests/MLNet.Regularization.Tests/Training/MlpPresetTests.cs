using Microsoft.ML;
using Xunit;

namespace MLNet.Regularization.Tests.Training;

/// <summary>What the two presets do in a fit: the tabular defaults embed the numeric columns, hold out 10 % of the rows and keep
/// the best epoch; the pixel defaults train every row for 30 epochs and keep the last.</summary>
public class MlpPresetTests
{
    [Fact]
    public void The_tabular_defaults_embed_numeric_columns_hold_out_a_tenth_and_keep_the_best_validation_epoch()
    {
        var ml = new MLContext(seed: 1);
        var options = new RegularizedMlpRegressionTrainer.Options { HiddenLayers = [16], NumberOfThreads = 1, Seed = 3 };
        Assert.Equal(MlpPreset.Tabular, options.Preset);

        var model = ml.Regression.Trainers.RegularizedMlp(options).Fit(TestData.Regression(ml, 300, noise: 0.5));

        var report = model.TrainingReport;
        Assert.Equal(NumericEmbedding.Periodic, ((MlpArchitecture)model.Network.Architecture).NumericEmbedding);
        Assert.Contains("\"ValidationFraction\":0.1", model.Network.Options);
        Assert.All(report.Epochs, e => Assert.True(double.IsFinite(e.ValidationLoss), $"epoch {e.Epoch} has validation figures"));
        var best = report.Epochs.MinBy(e => e.ValidationLoss)!;
        Assert.Equal(best.Epoch, report.KeptEpoch);
        Assert.True(report.StoppedEarly, $"a small noisy table stops before its {report.Epochs.Count} epochs run out of patience");
        Assert.Equal(report.KeptEpoch + 16, report.Epochs.Count);
    }

    [Fact]
    public void The_pixel_defaults_train_every_row_for_30_epochs_and_keep_the_last()
    {
        var ml = new MLContext(seed: 1);
        var options = new RegularizedMlpRegressionTrainer.Options(MlpPreset.Pixels) { HiddenLayers = [16], NumberOfThreads = 1, Seed = 3 };

        var model = ml.Regression.Trainers.RegularizedMlp(options).Fit(TestData.Regression(ml, 300, noise: 0.5));

        var report = model.TrainingReport;
        Assert.Equal(NumericEmbedding.None, ((MlpArchitecture)model.Network.Architecture).NumericEmbedding);
        Assert.Equal(30, report.Epochs.Count);
        Assert.Equal(30, report.KeptEpoch);
        Assert.All(report.Epochs, e => Assert.True(double.IsNaN(e.ValidationLoss)));
    }
}
