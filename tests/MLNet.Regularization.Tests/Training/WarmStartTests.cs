using Microsoft.ML;
using Microsoft.ML.Data;
using Xunit;

namespace MLNet.Regularization.Tests.Training;

public class WarmStartTests
{
    private readonly MLContext _ml = new(seed: 1);

    private IDataView Data => TestData.Multiclass(_ml, 300);

    private RegularizedNetworkModel TrainInitial() =>
        _ml.MulticlassClassification.Trainers.RegularizedMlp(Quick.Multiclass(o => o.Epochs = 8)).Fit(Data);

    [Fact]
    public void A_warm_start_continues_from_the_initial_weights()
    {
        var initial = TrainInitial();
        var fresh = _ml.MulticlassClassification.Trainers.RegularizedMlp(Quick.Multiclass(o => o.Epochs = 1)).Fit(Data);
        var continued = _ml.MulticlassClassification.Trainers.RegularizedMlp(Quick.Multiclass(o => o.Epochs = 1)).Fit(Data, initial.Network);

        double lastLoss = initial.TrainingReport.Epochs[^1].TrainLoss;
        Assert.True(continued.TrainingReport.Epochs[0].TrainLoss < 1.5 * lastLoss, "continued training starts near where the initial one ended");
        Assert.True(fresh.TrainingReport.Epochs[0].TrainLoss > 2 * lastLoss, "a fresh start begins far higher");
    }

    [Fact]
    public void A_warm_start_with_a_vanishing_learning_rate_predicts_like_the_initial_model()
    {
        var initial = TrainInitial();
        var continued = _ml.MulticlassClassification.Trainers
            .RegularizedMlp(Quick.Multiclass(o => { o.Epochs = 1; o.LearningRate = 1e-12; o.Optimizer = Optimizer.Sgd; o.Momentum = 0; }))
            .Fit(Data, initial.Network);

        var expected = initial.Transform(Data).GetColumn<float[]>("Score").SelectMany(s => s).ToArray();
        var actual = continued.Transform(Data).GetColumn<float[]>("Score").SelectMany(s => s).ToArray();
        Assert.Equal(expected, actual, (a, b) => Math.Abs(a - b) < 1e-5);
        Assert.Equal(initial.Network.Features.Mean, continued.Network.Features.Mean);
    }

    [Fact]
    public void A_warm_start_from_a_saved_model_file_may_change_the_regularization()
    {
        var initial = TrainInitial();
        var path = Path.Combine(Path.GetTempPath(), $"warm-start-{Guid.NewGuid():N}.zip");
        try
        {
            _ml.Model.Save(initial, Data.Schema, path);
            var continued = _ml.MulticlassClassification.Trainers
                .RegularizedMlp(Quick.Multiclass(o => { o.Epochs = 2; o.Dropout = [0.3]; o.L2 = 1e-4; o.BatchNormalization = true; }))
                .Fit(Data, TrainedNetwork.Load(path));
            Assert.True(_ml.MulticlassClassification.Evaluate(continued.Transform(Data)).MicroAccuracy > 0.8);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_warm_start_with_another_architecture_names_the_option()
    {
        var initial = TrainInitial();
        var hidden = Assert.Throws<ArgumentException>(() => _ml.MulticlassClassification.Trainers
            .RegularizedMlp(Quick.Multiclass(o => o.HiddenLayers = [64])).Fit(Data, initial.Network));
        Assert.Contains("HiddenLayers", hidden.Message);
        var activation = Assert.Throws<ArgumentException>(() => _ml.MulticlassClassification.Trainers
            .RegularizedMlp(Quick.Multiclass(o => o.Activation = Activation.Tanh)).Fit(Data, initial.Network));
        Assert.Contains("Activation", activation.Message);
        var task = Assert.Throws<ArgumentException>(() => _ml.BinaryClassification.Trainers
            .RegularizedMlp(Quick.Binary()).Fit(TestData.Binary(_ml, 100), initial.Network));
        Assert.Contains("task", task.Message);
    }
}
