using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Regularization.ImageAugmentation;
using Xunit;

namespace MLNet.Regularization.Tests.Training;

/// <summary>With <see cref="RegularizedMlpOptions.ReadDataEachEpoch"/>, an augmentation in front of the trainer draws fresh variants every epoch.</summary>
public class ReadDataEachEpochTests
{
    private readonly MLContext _ml = new(seed: 1);

    private sealed class ImageRow
    {
        [VectorType(1, 2, 5)] public float[] Features { get; set; } = [];
        public bool Label { get; set; }
    }

    private IDataView Images() => _ml.Data.LoadFromEnumerable(TestData.BinaryRows(200).Select(r => new ImageRow { Features = r.Features, Label = r.Label }));

    private (ImageAugmentationTransformer Augmentation, RegularizedNetworkModel Model) Train(bool everyEpoch)
    {
        var data = Images();
        var augmentation = _ml.Transforms.Augment().GaussianNoise("Features", stdDev: 0.5f, seed: 3).Fit(data);
        var model = _ml.BinaryClassification.Trainers.RegularizedMlp(Quick.Binary(o => { o.Epochs = 4; o.ReadDataEachEpoch = everyEpoch; }))
            .Fit(augmentation.Transform(data));
        return (augmentation, model);
    }

    [Fact]
    public void Each_epoch_trains_on_a_fresh_pass_of_the_augmented_data()
    {
        Assert.Equal(1, Train(everyEpoch: false).Augmentation.Passes);
        Assert.Equal(4, Train(everyEpoch: true).Augmentation.Passes);
    }

    [Fact]
    public void Fresh_passes_change_the_network_and_stay_reproducible()
    {
        var once = Train(everyEpoch: false).Model.Networks[0].Layers()[0].Weight;
        var fresh = Train(everyEpoch: true).Model.Networks[0].Layers()[0].Weight;
        var again = Train(everyEpoch: true).Model.Networks[0].Layers()[0].Weight;

        Assert.NotEqual(once, fresh);
        Assert.Equal(fresh, again);
    }
}
