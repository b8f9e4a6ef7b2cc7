using Microsoft.ML;
using Microsoft.ML.Data;
using Xunit;

namespace MLNet.Regularization.Tests.Training;

public class TrainerTests
{
    private readonly MLContext _ml = new(seed: 1);

    [Fact]
    public void Default_multiclass_trainer_reaches_a_sensible_accuracy_on_fashion_mnist_small()
    {
        var (train, test) = TestData.FashionMnistSmall(_ml);
        var pipeline = _ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(_ml.MulticlassClassification.Trainers.RegularizedMlp(new RegularizedMlpMulticlassTrainer.Options { Epochs = 15, NumberOfThreads = 2 }));

        var model = pipeline.Fit(train);
        var metrics = _ml.MulticlassClassification.Evaluate(model.Transform(test));

        Assert.True(metrics.MicroAccuracy > 0.84, $"test accuracy {metrics.MicroAccuracy:F4}");
    }

    [Fact]
    public void Ensemble_prediction_is_the_mean_of_its_members_probabilities()
    {
        var data = TestData.Multiclass(_ml, 200);
        float[][] Scores(int seed, int members) => _ml.MulticlassClassification.Trainers
            .RegularizedMlp(Quick.Multiclass(o => { o.Seed = seed; o.EnsembleSize = members; o.Epochs = 5; }))
            .Fit(data).Transform(data).GetColumn<float[]>("Score").ToArray();

        var ensemble = Scores(20, 3);
        var members = new[] { Scores(20, 1), Scores(21, 1), Scores(22, 1) };

        for (int row = 0; row < ensemble.Length; row++)
            for (int c = 0; c < 3; c++)
                Assert.Equal(members.Average(m => m[row][c]), ensemble[row][c], 1e-6);
    }

    [Fact]
    public void Bootstrap_ensemble_members_train_on_different_samples()
    {
        var data = TestData.Binary(_ml, 200);
        var model = _ml.BinaryClassification.Trainers.RegularizedMlp(Quick.Binary(o => { o.EnsembleSize = 2; o.EnsembleBootstrap = true; o.Epochs = 3; }))
            .Fit(data);
        var plain = _ml.BinaryClassification.Trainers.RegularizedMlp(Quick.Binary(o => { o.EnsembleSize = 2; o.Epochs = 3; }))
            .Fit(data);

        Assert.Equal(2, model.TrainingReports.Count);
        Assert.Equal(200, model.TrainingReports[1].TrainingRows);
        Assert.NotEqual(plain.Networks[0].Layers()[0].Weight, model.Networks[0].Layers()[0].Weight);
    }

    [Fact]
    public void Standardization_makes_predictions_independent_of_the_feature_scale()
    {
        var rows = TestData.BinaryRows(300);
        var scaled = rows.Select(r => new TestData.ClassRow { Label = r.Label, Features = r.Features.Select(v => v * 1000 + 7).ToArray() }).ToArray();
        float[] Probabilities(TestData.ClassRow[] data) => _ml.BinaryClassification.Trainers.RegularizedMlp(Quick.Binary(o => o.Epochs = 5))
            .Fit(_ml.Data.LoadFromEnumerable(data)).Transform(_ml.Data.LoadFromEnumerable(data)).GetColumn<float>("Probability").ToArray();

        Assert.Equal(Probabilities(rows), Probabilities(scaled), (a, b) => Math.Abs(a - b) < 1e-3);
    }

    [Fact]
    public void Label_smoothing_makes_predicted_probabilities_less_extreme()
    {
        var data = TestData.Multiclass(_ml, 300);
        double MeanTopProbability(double smoothing) => _ml.MulticlassClassification.Trainers
            .RegularizedMlp(Quick.Multiclass(o => o.LabelSmoothing = smoothing)).Fit(data).Transform(data)
            .GetColumn<float[]>("Score").Average(s => s.Max());

        double sharp = MeanTopProbability(0), smooth = MeanTopProbability(0.3);
        Assert.True(sharp > 0.97, $"without smoothing {sharp:F3}");
        Assert.InRange(smooth, 0.7, 0.9);
    }

    [Theory]
    [InlineData(LearningRateSchedule.Constant, new[] { 0.01, 0.01, 0.01, 0.01 })]
    [InlineData(LearningRateSchedule.Step, new[] { 0.01, 0.01, 0.005, 0.005 })]
    [InlineData(LearningRateSchedule.Cosine, new[] { 0.01, 0.0085355339059327378, 0.005, 0.0014644660940672626 })]
    public void Learning_rate_schedules_follow_their_formula(LearningRateSchedule schedule, double[] expected)
    {
        var report = _ml.BinaryClassification.Trainers.RegularizedMlp(Quick.Binary(o =>
        {
            o.Epochs = 4;
            o.LearningRateSchedule = schedule;
            o.ScheduleStepSize = 2;
            o.ScheduleGamma = 0.5;
        })).Fit(TestData.Binary(_ml, 100)).TrainingReport;

        Assert.Equal(expected, report.Epochs.Select(e => e.LearningRate), (a, b) => Math.Abs(a - b) < 1e-12);
    }

    [Fact]
    public void Reduce_on_plateau_lowers_the_learning_rate_when_validation_loss_stalls()
    {
        var report = _ml.MulticlassClassification.Trainers.RegularizedMlp(Quick.Multiclass(o =>
        {
            o.HiddenLayers = [128];
            o.Epochs = 60;
            o.LearningRateSchedule = LearningRateSchedule.ReduceOnPlateau;
            o.SchedulePatience = 2;
            o.ScheduleGamma = 0.5;
        })).Fit(TestData.Multiclass(_ml, 120, seed: 2, labelNoise: 0.4), TestData.Multiclass(_ml, 300, seed: 3)).TrainingReport;

        var rates = report.Epochs.Select(e => e.LearningRate).ToArray();
        Assert.True(rates[^1] < rates[0] / 3, $"last rate {rates[^1]}");
        Assert.All(rates.Zip(rates.Skip(1)), p => Assert.True(p.Second <= p.First));
    }

    [Fact]
    public void Regression_predicts_in_label_units()
    {
        var data = TestData.Regression(_ml, 500);
        var model = _ml.Regression.Trainers.RegularizedMlp(Quick.Regression(o => o.Epochs = 60)).Fit(data);
        var metrics = _ml.Regression.Evaluate(model.Transform(data));

        Assert.True(metrics.RSquared > 0.95, $"R^2 {metrics.RSquared:F3}");
        Assert.Equal(metrics.RootMeanSquaredError, model.TrainingReport.Epochs[^1].TrainMetric, 0);
        Assert.Equal("RootMeanSquaredError", model.TrainingReport.MetricName);
    }
}
