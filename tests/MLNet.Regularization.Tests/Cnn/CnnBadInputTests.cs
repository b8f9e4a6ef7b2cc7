using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Regularization.ImageAugmentation;
using Xunit;

namespace MLNet.Regularization.Tests.Cnn;

/// <summary>Bad input to the CNN trainers gets a clear error naming the column or option, before any training.</summary>
public class CnnBadInputTests
{
    private readonly MLContext _ml = new(seed: 1);

    private sealed class EpochCounter : IProgress<EpochReport>
    {
        public int Epochs;
        public void Report(EpochReport value) => Epochs++;
    }

    private IDataView Keyed<T>(IEnumerable<T> rows) where T : class =>
        _ml.Transforms.Conversion.MapValueToKey("Label").Fit(_ml.Data.LoadFromEnumerable(rows)).Transform(_ml.Data.LoadFromEnumerable(rows));

    private IDataView Images => Keyed(TestImages.Rows(60, 1));

    private IDataView FlatImages => Keyed(TestImages.FlatRows(60, 1));

    /// <summary>Fits with the options and returns the error, checking that no epoch ran.</summary>
    private TException FitFails<TException>(IDataView data, Action<RegularizedCnnMulticlassTrainer.Options> configure) where TException : Exception
    {
        var counter = new EpochCounter();
        var error = Assert.ThrowsAny<TException>(() =>
            _ml.MulticlassClassification.Trainers.RegularizedCnn(CnnTrainerTests.Small(o => { o.Progress = counter; configure(o); })).Fit(data));
        Assert.Equal(0, counter.Epochs);
        return error;
    }

    [Fact]
    public void A_pixel_vector_without_a_shape_in_its_type_or_the_options_is_refused_naming_the_column_and_the_options()
    {
        var error = FitFails<ArgumentException>(FlatImages, _ => { });
        Assert.Contains("'Features'", error.Message);
        Assert.Contains("ImageChannels, ImageHeight and ImageWidth", error.Message);
        Assert.Contains("ExtractPixels", error.Message);
    }

    [Fact]
    public void The_options_give_the_shape_of_a_flat_pixel_vector()
    {
        var model = _ml.MulticlassClassification.Trainers.RegularizedCnn(CnnTrainerTests.Small(o =>
        {
            o.Epochs = 1;
            o.ImageChannels = 1;
            o.ImageHeight = 12;
            o.ImageWidth = 12;
        })).Fit(FlatImages);
        Assert.Equal(12, ((CnnArchitecture)model.Network.Architecture).Width);
    }

    [Fact]
    public void Channels_that_do_not_match_the_pixel_count_are_refused_with_both_sizes()
    {
        var error = FitFails<ArgumentException>(FlatImages, o => { o.ImageChannels = 3; o.ImageHeight = 12; o.ImageWidth = 12; });
        Assert.Contains("'Features' has 144 values", error.Message);
        Assert.Contains("3x12x12", error.Message);
    }

    [Fact]
    public void An_image_shape_in_the_options_that_contradicts_the_column_is_refused()
    {
        var error = FitFails<ArgumentException>(Images, o => { o.ImageChannels = 1; o.ImageHeight = 6; o.ImageWidth = 24; });
        Assert.Contains("1x12x12", error.Message);
        Assert.Contains("1x6x24", error.Message);
    }

    private sealed class InterleavedRow
    {
        [VectorType(12, 12, 1)] public float[] Features { get; set; } = [];
        public string Label { get; set; } = "";
    }

    [Fact]
    public void Interleaved_pixels_are_refused_with_how_to_extract_planar_ones()
    {
        var rows = TestImages.Rows(60, 1).Select(r => new InterleavedRow { Features = r.Features, Label = r.Label });
        var error = FitFails<ArgumentException>(Keyed(rows), _ => { });
        Assert.Contains("12x12x1", error.Message);
        Assert.Contains("interleavePixelColors: false", error.Message);
    }

    [Fact]
    public void Part_of_the_image_shape_in_the_options_is_refused()
    {
        var error = FitFails<ArgumentException>(FlatImages, o => o.ImageChannels = 1);
        Assert.Contains("ImageChannels, ImageHeight and ImageWidth go together: set all three", error.Message);
    }

    [Fact]
    public void Blocks_that_pool_the_feature_maps_below_1x1_are_refused_naming_the_block_and_the_size()
    {
        var error = FitFails<ArgumentException>(Images, o => o.BlockChannels = [4, 4, 4, 4, 4]);
        Assert.Contains("block 4 of 5", error.Message);
        Assert.Contains("1x1 feature maps below 1x1", error.Message);
    }

    [Fact]
    public void An_augmentation_step_that_changes_the_image_size_is_refused()
    {
        var error = FitFails<ArgumentException>(Images, o => o.Augmentation = [new RandomFlipOptions(), new RandomCropOptions { Height = 8, Width = 8 }]);
        Assert.Contains("Option Augmentation", error.Message);
        Assert.Contains("step 1 (RandomCropOptions) changes the image size", error.Message);
        Assert.Contains("1x12x12", error.Message);
    }

    [Fact]
    public void A_composition_as_an_augmentation_step_is_refused_with_what_to_do_instead()
    {
        var error = FitFails<ArgumentException>(Images, o => o.Augmentation = [new CompositionOptions()]);
        Assert.Contains("give the steps of a composition directly", error.Message);
    }

    [Theory]
    [InlineData("MixupAlpha")]
    [InlineData("CutMixAlpha")]
    [InlineData("KernelSize")]
    [InlineData("CutMixProbability")]
    [InlineData("SpatialDropout")]
    [InlineData("BlockChannels")]
    [InlineData("ImageHeight")]
    public void An_option_out_of_range_is_refused_when_the_trainer_is_created_naming_it(string option)
    {
        Action<RegularizedCnnMulticlassTrainer.Options> makeBad = option switch
        {
            "MixupAlpha" => o => { o.MixupProbability = 0.5; o.MixupAlpha = 0; },
            "CutMixAlpha" => o => o.CutMixAlpha = -1,
            "KernelSize" => o => o.KernelSize = 4,
            "CutMixProbability" => o => { o.MixupProbability = 0.6; o.CutMixProbability = 0.6; },
            "SpatialDropout" => o => o.SpatialDropout = 1,
            "BlockChannels" => o => o.BlockChannels = [8, 0],
            _ => o => o.ImageHeight = 0,
        };
        var error = Assert.ThrowsAny<ArgumentException>(() => _ml.MulticlassClassification.Trainers.RegularizedCnn(CnnTrainerTests.Small(makeBad)));
        Assert.Contains($"Option {option}", error.Message);
    }
}
