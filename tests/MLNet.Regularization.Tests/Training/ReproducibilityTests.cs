using Microsoft.ML;
using Microsoft.ML.Data;
using Xunit;

namespace MLNet.Regularization.Tests.Training;

public class ReproducibilityTests
{
    private readonly MLContext _ml = new(seed: 1);

    private float[][] Scores(RegularizedMlpMulticlassTrainer.Options options)
    {
        var data = TestData.Multiclass(_ml, 300);
        var model = _ml.MulticlassClassification.Trainers.RegularizedMlp(options).Fit(data);
        return model.Transform(data).GetColumn<float[]>("Score").ToArray();
    }

    // Every random step on: initialization, shuffling, dropout, input noise, validation split, bootstrap.
    private static RegularizedMlpMulticlassTrainer.Options Stochastic(int seed) => Quick.Multiclass(o =>
    {
        o.Seed = seed;
        o.Epochs = 5;
        o.Dropout = [0.3];
        o.InputDropout = 0.1;
        o.InputNoiseStdDev = 0.2;
        o.ValidationFraction = 0.2;
        o.EnsembleSize = 2;
        o.EnsembleBootstrap = true;
    });

    [Fact]
    public void The_same_seed_gives_bit_identical_predictions()
    {
        Assert.Equal(Scores(Stochastic(11)), Scores(Stochastic(11)));
    }

    [Fact]
    public void A_different_seed_gives_a_different_network()
    {
        Assert.NotEqual(Scores(Stochastic(11)), Scores(Stochastic(12)));
    }

    [Fact]
    public void Repeated_predictions_of_a_model_trained_with_dropout_are_identical()
    {
        var data = TestData.Multiclass(_ml, 100);
        var model = _ml.MulticlassClassification.Trainers.RegularizedMlp(Stochastic(3)).Fit(data);
        var first = model.Transform(data).GetColumn<float[]>("Score").ToArray();
        var second = model.Transform(data).GetColumn<float[]>("Score").ToArray();
        Assert.Equal(first, second);
    }
}
