using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Regularization.ImageAugmentation;
using Xunit;

namespace MLNet.Regularization.Tests.Conformance;

/// <summary>
/// The augmentation transforms through the conformance kit. Their scoring form (row-to-row mapper, prediction engine,
/// saved model) is the identity while Transform augments, so the kit runs them with probability 0, where both agree;
/// this checks the plumbing: schema, bad input, determinism, mappers, save/load and parallel cursors.
/// </summary>
public class AugmentationConformanceTests
{
    private readonly MLContext _ml = new(seed: 1);

    private sealed class PixelRow
    {
        [VectorType(3, 8, 8)] public float[] Pixels { get; set; } = [];
    }

    private sealed class PixelOutput
    {
        public float[] Augmented { get; set; } = [];
    }

    private IDataView Data() => _ml.Data.LoadFromEnumerable(Enumerable.Range(0, 120).Select(i => new PixelRow
    {
        Pixels = Enumerable.Range(0, 192).Select(j => ((i * 11 + j * 5) % 53) / 52f).ToArray(),
    }));

    public static TheoryData<string> Transforms => ["RandomFlip", "RandomRotation", "RandomCrop", "RandomResizedCrop", "RandomAffine",
        "GaussianNoise", "ColorJitter", "GaussianBlur", "RandomErasing", "Compose"];

    [Theory]
    [MemberData(nameof(Transforms))]
    public void Augmentation_transform_with_probability_zero_passes_every_conformance_check(string name)
    {
        var augment = _ml.Transforms.Augment();
        ImageAugmentationEstimator estimator = name switch
        {
            "RandomFlip" => augment.RandomFlip(new RandomFlipOptions { OutputColumnName = "Augmented", InputColumnName = "Pixels", Probability = 0 }),
            "RandomRotation" => augment.RandomRotation(new RandomRotationOptions { OutputColumnName = "Augmented", InputColumnName = "Pixels", Probability = 0 }),
            "RandomCrop" => augment.RandomCrop(new RandomCropOptions { OutputColumnName = "Augmented", InputColumnName = "Pixels", Probability = 0 }),
            "RandomResizedCrop" => augment.RandomResizedCrop(new RandomResizedCropOptions { OutputColumnName = "Augmented", InputColumnName = "Pixels", Probability = 0 }),
            "RandomAffine" => augment.RandomAffine(new RandomAffineOptions { OutputColumnName = "Augmented", InputColumnName = "Pixels", Degrees = 10, Probability = 0 }),
            "GaussianNoise" => augment.GaussianNoise(new GaussianNoiseOptions { OutputColumnName = "Augmented", InputColumnName = "Pixels", Probability = 0 }),
            "ColorJitter" => augment.ColorJitter(new ColorJitterOptions { OutputColumnName = "Augmented", InputColumnName = "Pixels", Brightness = 0.4f, Hue = 0.1f, Probability = 0 }),
            "GaussianBlur" => augment.GaussianBlur(new GaussianBlurOptions { OutputColumnName = "Augmented", InputColumnName = "Pixels", Probability = 0 }),
            "Compose" => augment.Compose(new CompositionOptions { OutputColumnName = "Augmented", InputColumnName = "Pixels", Probability = 0 },
                augment.RandomFlip("x"), augment.GaussianNoise("x")),
            _ => augment.RandomErasing(new RandomErasingOptions { OutputColumnName = "Augmented", InputColumnName = "Pixels", Probability = 0 }),
        };
        var data = Data();
        EstimatorConformance.Check(_ml, estimator, data, new ConformanceOptions
        {
            BadInputs = [BadInput.Missing(_ml, data, "Pixels", rejectedByFittedTransformer: true)],
            PredictionEngine = PredictionEngineProbe.For<PixelRow, PixelOutput>(("Augmented", o => o.Augmented)),
        }).ThrowIfFailed();
    }

    private sealed class ImageRow
    {
        [Microsoft.ML.Transforms.Image.ImageType(24, 20)] public MLImage Image { get; set; } = null!;
    }

    [Fact]
    public void A_crop_that_sets_the_size_of_an_image_column_declares_the_new_size_in_its_output_schema_shape()
    {
        var data = _ml.Data.LoadFromEnumerable(new[] { new ImageRow { Image = MLImage.CreateFromPixels(20, 24, MLPixelFormat.Bgra32, new byte[4 * 24 * 20]) } });
        var estimator = _ml.Transforms.Augment().RandomResizedCrop(new RandomResizedCropOptions { OutputColumnName = "Small", InputColumnName = "Image", Height = 12, Width = 14 });

        var declared = estimator.GetOutputSchema(EstimatorConformance.ShapeOf(data.Schema)).Single(c => c.Name == "Small");
        Assert.Equal(new Microsoft.ML.Transforms.Image.ImageDataViewType(12, 14), declared.ItemType);
        Assert.Equal(declared.ItemType, estimator.Fit(data).Transform(data).Schema["Small"].Type);
    }
}
