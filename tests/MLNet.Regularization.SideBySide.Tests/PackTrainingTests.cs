using Microsoft.ML;
using Xunit;

namespace MLNet.Regularization.SideBySide.Tests;

/// <summary>The pack's trainers train and learn in an application that also references Microsoft.ML.TorchSharp.</summary>
public class PackTrainingTests
{
    private readonly MLContext _ml = new(seed: 1);

    private static T Small<T>(T options) where T : RegularizedMlpOptions
    {
        options.HiddenLayers = [16];
        options.Epochs = 20;
        options.LearningRate = 1e-2;
        options.NumberOfThreads = 1;
        options.Seed = 1;
        return options;
    }

    [Fact]
    public void Binary_regularized_MLP_learns()
    {
        var pipeline = _ml.Transforms.CopyColumns("Label", "Flag")
            .Append(_ml.BinaryClassification.Trainers.RegularizedMlp(Small(new RegularizedMlpBinaryTrainer.Options())));
        var model = pipeline.Fit(NumericRows.Create(_ml, 400, seed: 1));

        var metrics = _ml.BinaryClassification.Evaluate(model.Transform(NumericRows.Create(_ml, 400, seed: 2)));

        Assert.True(metrics.Accuracy > 0.9, $"accuracy {metrics.Accuracy:F3}");
    }

    [Fact]
    public void Multiclass_regularized_MLP_learns()
    {
        var pipeline = _ml.Transforms.Conversion.MapValueToKey("Label", "Class")
            .Append(_ml.MulticlassClassification.Trainers.RegularizedMlp(Small(new RegularizedMlpMulticlassTrainer.Options())));
        var model = pipeline.Fit(NumericRows.Create(_ml, 400, seed: 1));

        var metrics = _ml.MulticlassClassification.Evaluate(model.Transform(NumericRows.Create(_ml, 400, seed: 2)));

        Assert.True(metrics.MicroAccuracy > 0.85, $"micro-accuracy {metrics.MicroAccuracy:F3}");
    }

    [Fact]
    public void Regression_regularized_MLP_learns()
    {
        var pipeline = _ml.Transforms.CopyColumns("Label", "Value")
            .Append(_ml.Regression.Trainers.RegularizedMlp(Small(new RegularizedMlpRegressionTrainer.Options())));
        var model = pipeline.Fit(NumericRows.Create(_ml, 400, seed: 1));

        var metrics = _ml.Regression.Evaluate(model.Transform(NumericRows.Create(_ml, 400, seed: 2)));

        Assert.True(metrics.RSquared > 0.9, $"R-squared {metrics.RSquared:F3}");
    }
}
