using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Regularization.ImageAugmentation;
using Xunit;
using Xunit.Abstractions;

namespace MLNet.Regularization.Tests.Cnn;

/// <summary>What the CNN trainers learn, keep and save, on generated images of patterns at random positions.</summary>
public class CnnTrainerTests(ITestOutputHelper output)
{
    private readonly MLContext _ml = new(seed: 1);

    internal static RegularizedCnnMulticlassTrainer.Options Small(Action<RegularizedCnnMulticlassTrainer.Options>? configure = null)
    {
        var options = new RegularizedCnnMulticlassTrainer.Options
        {
            BlockChannels = [8, 16],
            Epochs = 15,
            BatchSize = 32,
            LearningRate = 3e-3,
            NumberOfThreads = 1,
            Seed = 3,
        };
        configure?.Invoke(options);
        return options;
    }

    private IDataView Images(int count, int seed) => _ml.Transforms.Conversion.MapValueToKey("Label")
        .Fit(_ml.Data.LoadFromEnumerable(TestImages.Rows(30, 99))).Transform(_ml.Data.LoadFromEnumerable(TestImages.Rows(count, seed)));

    private double Accuracy(ITransformer model, IDataView test) =>
        _ml.MulticlassClassification.Evaluate(model.Transform(test)).MacroAccuracy;

    [Fact]
    public void The_CNN_learns_a_pattern_at_random_positions_that_an_MLP_of_similar_size_cannot()
    {
        var train = Images(600, seed: 1);
        var test = Images(300, seed: 2);

        var cnn = _ml.MulticlassClassification.Trainers.RegularizedCnn(Small()).Fit(train);
        var mlp = _ml.MulticlassClassification.Trainers.RegularizedMlp(Quick.Multiclass(o =>
        {
            o.HiddenLayers = [16, 16];   // about as many weights as the CNN (about 3,600)
            o.Epochs = 15;
            o.LearningRate = 3e-3;
        })).Fit(train);

        double cnnAccuracy = Accuracy(cnn, test), mlpAccuracy = Accuracy(mlp, test);
        output.WriteLine(cnn.TrainingReport.ToString());
        output.WriteLine($"CNN {cnnAccuracy:F3} ({cnn.Network.Members[0].Arrays.Sum(a => a.Length)} weights), " +
            $"MLP {mlpAccuracy:F3} ({mlp.Network.Members[0].Arrays.Sum(a => a.Length)} weights)");
        Assert.True(cnnAccuracy > 0.95, $"CNN accuracy {cnnAccuracy}");
        Assert.True(mlpAccuracy < 0.75, $"MLP accuracy {mlpAccuracy}");
    }
}
