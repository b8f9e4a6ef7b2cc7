using System.Drawing;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Regularization.ImageAugmentation.Functional;

namespace MLNet.Regularization.ImageAugmentation.Tests.Transforms;

/// <summary>
/// The steps RandomPosterize, RandomSolarize, RandomEqualize, RandomAutoContrast, RandomAdjustSharpness, RandomInvert,
/// RandomGrayscale, RandomPerspective and ElasticTransform: their effect, their probability and seed, their use in
/// compositions and in batch augmentation, and their option checks.
/// </summary>
public class ToneAndDistortionTransformTests
{
    private const int C = 3, H = 24, W = 20;
    private static readonly ImageShape Shape = new(C, H, W);
    private readonly MLContext _ml = new(seed: 1);

    private sealed class ImageRow
    {
        [VectorType(C, H, W)] public float[] Pixels { get; set; } = [];
    }

    /// <summary>Every step, with probability 1 and its options at values that change an image.</summary>
    private static readonly string[] Names = ["posterize", "solarize", "equalize", "autocontrast", "sharpness", "invert", "grayscale", "perspective", "elastic"];

    public static TheoryData<string> StepNames => new(Names);

    private static ImageAugmentationOptions Step(string name, double probability = 1, int seed = 0) => name switch
    {
        "posterize" => new RandomPosterizeOptions { Bits = 2, Probability = probability, Seed = seed },
        "solarize" => new RandomSolarizeOptions { Threshold = 0.4f, Probability = probability, Seed = seed },
        "equalize" => new RandomEqualizeOptions { Probability = probability, Seed = seed },
        "autocontrast" => new RandomAutoContrastOptions { Probability = probability, Seed = seed },
        "sharpness" => new RandomAdjustSharpnessOptions { SharpnessFactor = 3, Probability = probability, Seed = seed },
        "invert" => new RandomInvertOptions { Probability = probability, Seed = seed },
        "grayscale" => new RandomGrayscaleOptions { Probability = probability, Seed = seed },
        "perspective" => new RandomPerspectiveOptions { DistortionScale = 0.8f, Probability = probability, Seed = seed },
        "elastic" => new ElasticTransformOptions { Alpha = 30, Sigma = 2, Probability = probability, Seed = seed },
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private ImageAugmentationEstimator Estimator(ImageAugmentationOptions options)
    {
        var augment = _ml.Transforms.Augment();
        return options switch
        {
            RandomPosterizeOptions o => augment.RandomPosterize(o),
            RandomSolarizeOptions o => augment.RandomSolarize(o),
            RandomEqualizeOptions o => augment.RandomEqualize(o),
            RandomAutoContrastOptions o => augment.RandomAutoContrast(o),
            RandomAdjustSharpnessOptions o => augment.RandomAdjustSharpness(o),
            RandomInvertOptions o => augment.RandomInvert(o),
            RandomGrayscaleOptions o => augment.RandomGrayscale(o),
            RandomPerspectiveOptions o => augment.RandomPerspective(o),
            ElasticTransformOptions o => augment.ElasticTransform(o),
            _ => throw new ArgumentOutOfRangeException(nameof(options)),
        };
    }

    private static float[] Image(int seed) => BatchImages.Image(Shape, seed);

    private static float[][] Batch(ImageAugmentationOptions[] steps, int count, int seed, long pass = 0) =>
        BatchImages.Batch(Shape, steps, count, seed, pass);

    [Theory]
    [MemberData(nameof(StepNames))]
    public void Each_step_changes_images_with_probability_1_and_leaves_them_with_probability_0(string name)
    {
        float[][] applied = Batch([Step(name, probability: 1)], count: 8, seed: 3);
        float[][] skipped = Batch([Step(name, probability: 0)], count: 8, seed: 3);
        for (int i = 0; i < 8; i++)
        {
            Assert.NotEqual(Image(i), applied[i]);
            Assert.Equal(Image(i), skipped[i]);
        }
    }

    [Theory]
    [MemberData(nameof(StepNames))]
    public void Each_step_gives_the_same_images_for_the_same_seed_and_pass(string name)
    {
        Assert.Equal(Batch([Step(name, 0.5)], 16, seed: 4, pass: 2), Batch([Step(name, 0.5)], 16, seed: 4, pass: 2));
        Assert.NotEqual(Batch([Step(name, 0.5)], 16, seed: 4, pass: 2), Batch([Step(name, 0.5)], 16, seed: 5, pass: 2));
    }

    [Fact]
    public void Deterministic_steps_apply_their_pixel_function()
    {
        float[] image = Image(0);
        float[] Expected(Action<float[], float[]> f)
        {
            var result = new float[Shape.Length];
            f(image, result);
            return result;
        }

        Assert.Equal(Expected((s, d) => ImageFunctions.Posterize(s, Shape, d, 2)), Batch([Step("posterize")], 1, seed: 1)[0]);
        Assert.Equal(Expected((s, d) => ImageFunctions.Solarize(s, Shape, d, 0.4f)), Batch([Step("solarize")], 1, seed: 1)[0]);
        Assert.Equal(Expected((s, d) => ImageFunctions.Equalize(s, Shape, d)), Batch([Step("equalize")], 1, seed: 1)[0]);
        Assert.Equal(Expected((s, d) => ImageFunctions.AutoContrast(s, Shape, d)), Batch([Step("autocontrast")], 1, seed: 1)[0]);
        Assert.Equal(Expected((s, d) => ImageFunctions.AdjustSharpness(s, Shape, d, 3f)), Batch([Step("sharpness")], 1, seed: 1)[0]);
        Assert.Equal(Expected((s, d) => ImageFunctions.Invert(s, Shape, d)), Batch([Step("invert")], 1, seed: 1)[0]);
    }

    [Fact]
    public void RandomInvert_twice_gives_the_image_back_in_a_Compose_step()
    {
        var rows = Enumerable.Range(0, 6).Select(i => new ImageRow { Pixels = Image(i) }).ToArray();
        var data = _ml.Data.LoadFromEnumerable(rows);
        var augment = _ml.Transforms.Augment();
        var twice = augment.Compose("Pixels", augment.RandomInvert("Pixels", probability: 1), augment.RandomInvert("Pixels", probability: 1));
        var once = augment.RandomInvert("Out", "Pixels", probability: 1, seed: 9);
        // 1 - (1 - x) rounds once in float: the 8-bit levels come back to within one unit in the last place.
        Assert.All(twice.Fit(data).Transform(data).GetColumn<float[]>("Pixels").Zip(rows), pair =>
            Assert.All(pair.First.Zip(pair.Second.Pixels), v => Assert.Equal(v.Second, v.First, 1e-7f)));
        Assert.All(once.Fit(data).Transform(data).GetColumn<float[]>("Out").Zip(rows), pair =>
            Assert.Equal(pair.Second.Pixels.Select(v => 1f - v), pair.First));
    }

    [Fact]
    public void RandomGrayscale_with_probability_1_gives_three_equal_channels_of_the_luma()
    {
        float[] image = Image(2);
        float[] gray = Batch([Step("grayscale")], 3, seed: 1)[2];
        int plane = Shape.PlaneSize;
        var luma = new float[plane];
        ImageFunctions.Grayscale(image, Shape, luma);
        for (int c = 0; c < C; c++) Assert.Equal(luma, gray.AsSpan(c * plane, plane).ToArray());
    }

    [Fact]
    public void RandomGrayscale_leaves_one_channel_images_and_refuses_other_channel_counts()
    {
        var gray = new ImageShape(1, 5, 6);
        float[] source = Enumerable.Range(0, gray.Length).Select(i => i / 30f).ToArray();
        var destination = new float[gray.Length];
        new ImageBatchAugmentation([new RandomGrayscaleOptions { Probability = 1 }], gray).Apply(source, destination, 1, seed: 1, pass: 0);
        Assert.Equal(source, destination);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ImageBatchAugmentation([new RandomGrayscaleOptions()], new ImageShape(4, 5, 6)));
        Assert.Contains("RandomGrayscale needs 1 or 3", error.Message);
    }

    [Fact]
    public void RandomPerspective_with_no_distortion_and_ElasticTransform_with_no_strength_keep_the_image()
    {
        var steps = new ImageAugmentationOptions[]
        {
            new RandomPerspectiveOptions { DistortionScale = 0, Probability = 1 },
            new ElasticTransformOptions { Alpha = 0, Probability = 1 },
        };
        float[][] result = Batch(steps, 4, seed: 2);
        for (int i = 0; i < 4; i++) Assert.Equal(Image(i), result[i]);
    }

    [Fact]
    public void RandomPerspective_draws_corners_inside_torchvisions_ranges()
    {
        // With distortion 0.5 on a 20 x 24 image each corner moves inwards by up to 5 columns and 6 rows: the quadrilateral
        // always covers the middle, so a white image stays white there, gets fill outside it, and the draws differ by row.
        var white = Enumerable.Repeat(1f, Shape.Length).ToArray();
        var destination = new float[8 * Shape.Length];
        new ImageBatchAugmentation([new RandomPerspectiveOptions { DistortionScale = 0.5f, Probability = 1, Interpolation = Interpolation.Nearest }], Shape)
            .Apply(Enumerable.Repeat(white, 8).SelectMany(x => x).ToArray(), destination, 8, seed: 6, pass: 0);
        var images = destination.Chunk(Shape.Length).ToArray();
        Assert.All(images, image => Assert.Equal(1f, image[Shape.IndexOf(0, H / 2, W / 2)]));
        Assert.All(images, image => Assert.Equal(1f, image[Shape.IndexOf(2, 6, 5)]));
        Assert.Contains(images, image => image.Contains(0f));
        Assert.True(images.Distinct(new ArrayComparer()).Count() > 4);
    }

    [Fact]
    public void ElasticTransform_moves_pixels_by_about_alpha_over_two_before_smoothing()
    {
        // A vertical ramp: each pixel's value tells which row it came from. Without smoothing (sigma 0) the vertical field is
        // uniform in [-1, 1) * alpha / W grid units, that is up to alpha / W * H / 2 = 3 rows here.
        var ramp = Enumerable.Range(0, Shape.Length).Select(i => (float)(i % Shape.PlaneSize / W)).ToArray();
        var destination = new float[Shape.Length];
        new ImageBatchAugmentation([new ElasticTransformOptions { Alpha = 5, Sigma = 0, Probability = 1, Fill = -100, Interpolation = Interpolation.Nearest }], Shape)
            .Apply(ramp, destination, 1, seed: 8, pass: 0);
        float[] moved = destination.Zip(ramp, (d, r) => d == -100 ? 0 : MathF.Abs(d - r)).ToArray();
        Assert.All(moved, m => Assert.InRange(m, 0f, 3.0001f));
        Assert.True(moved.Average() > 0.5f, $"average move {moved.Average()} rows");
    }

    [Fact]
    public void The_new_steps_compose_with_OneOf_and_Compose_in_a_pipeline()
    {
        var rows = Enumerable.Range(0, 20).Select(i => new ImageRow { Pixels = Image(i) }).ToArray();
        var data = _ml.Data.LoadFromEnumerable(rows);
        var augment = _ml.Transforms.Augment();
        var pipeline = augment.Compose(new CompositionOptions { OutputColumnName = "Out", InputColumnName = "Pixels", Seed = 3 },
            augment.OneOf("Pixels", augment.RandomEqualize("Pixels", probability: 1), augment.RandomSolarize("Pixels", 0.5f, probability: 1)),
            augment.RandomPerspective("Pixels", probability: 1),
            augment.ElasticTransform("Pixels", alpha: 20, sigma: 2),
            augment.RandomGrayscale("Pixels", probability: 0.5),
            augment.RandomAdjustSharpness("Pixels", 2f, probability: 1),
            augment.RandomPosterize("Pixels", 4, probability: 1),
            augment.RandomAutoContrast("Pixels", probability: 1),
            augment.RandomInvert("Pixels", probability: 1));
        var model = pipeline.Fit(data);
        float[][] first = model.Transform(data).GetColumn<float[]>("Out").ToArray();
        float[][] again = pipeline.Fit(data).Transform(data).GetColumn<float[]>("Out").ToArray();
        Assert.Equal(first, again);
        Assert.All(first.Zip(rows), pair => Assert.NotEqual(pair.Second.Pixels, pair.First));
        Assert.All(first, image => Assert.All(image, v => Assert.InRange(v, 0f, 1f)));
    }

    [Fact]
    public void Steps_refuse_bad_options_when_created_naming_the_option()
    {
        var augment = _ml.Transforms.Augment();
        void Refused(string option, Func<ImageAugmentationEstimator> create) =>
            Assert.Contains(option, Assert.Throws<ArgumentOutOfRangeException>(() => create()).Message);

        Refused("Bits", () => augment.RandomPosterize("P", 9));
        Refused("Bits", () => augment.RandomPosterize("P", -1));
        Refused("Threshold", () => augment.RandomSolarize("P", 1.5f));
        Refused("Threshold", () => augment.RandomSolarize("P", -0.5f));
        Refused("Threshold", () => augment.RandomSolarize(new RandomSolarizeOptions { Threshold = 300, MaxValue = 255 }));
        Refused("MaxValue", () => augment.RandomEqualize(new RandomEqualizeOptions { MaxValue = 0 }));
        Refused("MaxValue", () => augment.RandomAutoContrast(new RandomAutoContrastOptions { MaxValue = float.NaN }));
        Refused("MaxValue", () => augment.RandomInvert(new RandomInvertOptions { MaxValue = -1 }));
        Refused("SharpnessFactor", () => augment.RandomAdjustSharpness("P", -1f));
        Refused("DistortionScale", () => augment.RandomPerspective("P", 1.5f));
        Refused("DistortionScale", () => augment.RandomPerspective("P", -0.1f));
        Refused("Fill", () => augment.RandomPerspective(new RandomPerspectiveOptions { Fill = float.NaN }));
        Refused("Interpolation", () => augment.ElasticTransform(new ElasticTransformOptions { Interpolation = (Interpolation)5 }));
        Refused("Alpha", () => augment.ElasticTransform("P", alpha: -1));
        Refused("Sigma", () => augment.ElasticTransform("P", sigma: -1));
        Refused("Sigma", () => augment.ElasticTransform("P", sigma: float.NaN));
        foreach (string name in Names)
        {
            Refused("Probability", () => Estimator(Step(name, probability: 1.5)));
            Refused("Probability", () => Estimator(Step(name, probability: -0.1)));
        }

        Assert.Contains("Bits", Assert.Throws<ArgumentOutOfRangeException>(() => new ImageBatchAugmentation([new RandomPosterizeOptions { Bits = 12 }], Shape)).Message);
    }

    [Fact]
    public void Defaults_follow_torchvision()
    {
        Assert.Equal(0.5, new RandomPosterizeOptions().Probability);
        Assert.Equal(0.5, new RandomSolarizeOptions().Probability);
        Assert.Equal(0.5, new RandomEqualizeOptions().Probability);
        Assert.Equal(0.5, new RandomAutoContrastOptions().Probability);
        Assert.Equal(0.5, new RandomAdjustSharpnessOptions().Probability);
        Assert.Equal(0.5, new RandomInvertOptions().Probability);
        Assert.Equal(0.1, new RandomGrayscaleOptions().Probability);
        var perspective = new RandomPerspectiveOptions();
        Assert.Equal((0.5, 0.5f, Interpolation.Bilinear, 0f), (perspective.Probability, perspective.DistortionScale, perspective.Interpolation, perspective.Fill));
        var elastic = new ElasticTransformOptions();
        Assert.Equal((1.0, 50f, 5f, Interpolation.Bilinear), (elastic.Probability, elastic.Alpha, elastic.Sigma, elastic.Interpolation));
    }

    private sealed class ArrayComparer : IEqualityComparer<float[]>
    {
        public bool Equals(float[]? x, float[]? y) => x!.SequenceEqual(y!);

        public int GetHashCode(float[] obj) => obj.Aggregate(17, (h, v) => (h * 31) + v.GetHashCode());
    }
}
