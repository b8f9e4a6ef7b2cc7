using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNet.Regularization.ImageAugmentation.Tests.Transforms;

/// <summary>Every simple catalog overload takes the probability of its Options and hands it to the transform.</summary>
public class SimpleOverloadProbabilityTests
{
    private const int C = 3, H = 12, W = 10;
    private static readonly MLContext Ml = new(seed: 1);

    private sealed class ImageRow
    {
        [VectorType(C, H, W)] public float[] Pixels { get; set; } = [];
    }

    private static ImageRow[] Rows(int count) => Enumerable.Range(0, count).Select(i => new ImageRow
    {
        Pixels = Enumerable.Range(0, C * H * W).Select(j => ((i * 17 + j * 13) % 97) / 96f + 0.01f).ToArray(),
    }).ToArray();

    public static TheoryData<string> Overloads => new(Simple.Keys);

    private static readonly Dictionary<string, Func<double, ImageAugmentationEstimator>> Simple = new()
    {
        ["RandomFlip"] = p => Ml.Transforms.Augment().RandomFlip("Augmented", "Pixels", probability: p, seed: 1),
        ["RandomRotation"] = p => Ml.Transforms.Augment().RandomRotation("Augmented", 180, "Pixels", probability: p, seed: 1),
        ["GaussianNoise"] = p => Ml.Transforms.Augment().GaussianNoise("Augmented", 0.1f, "Pixels", probability: p, seed: 1),
        ["ColorJitter"] = p => Ml.Transforms.Augment().ColorJitter("Augmented", brightness: 0.5f, contrast: 0.5f, inputColumnName: "Pixels", probability: p, seed: 1),
        ["RandomCrop"] = p => Ml.Transforms.Augment().RandomCrop("Augmented", padding: 3, inputColumnName: "Pixels", probability: p, seed: 1),
        ["RandomResizedCrop"] = p => Ml.Transforms.Augment().RandomResizedCrop("Augmented", minScale: 0.3, inputColumnName: "Pixels", probability: p, seed: 1),
        ["RandomErasing"] = p => Ml.Transforms.Augment().RandomErasing("Augmented", probability: p, inputColumnName: "Pixels", seed: 1),
        ["RandomAffine"] = p => Ml.Transforms.Augment().RandomAffine("Augmented", degrees: 20, translate: 0.2f, inputColumnName: "Pixels", probability: p, seed: 1),
        ["GaussianBlur"] = p => Ml.Transforms.Augment().GaussianBlur("Augmented", kernelSize: 3, inputColumnName: "Pixels", probability: p, seed: 1),
    };

    private static int ChangedRows(ImageAugmentationEstimator estimator)
    {
        var rows = Rows(40);
        var data = Ml.Data.LoadFromEnumerable(rows);
        var output = estimator.Fit(data).Transform(data).GetColumn<float[]>("Augmented").ToArray();
        return output.Where((o, i) => !o.SequenceEqual(rows[i].Pixels)).Count();
    }

    [Theory]
    [MemberData(nameof(Overloads))]
    public void Probability_zero_leaves_every_row_unchanged_and_one_changes_them(string name)
    {
        Assert.Equal(0, ChangedRows(Simple[name](0)));
        Assert.True(ChangedRows(Simple[name](1)) > 30, $"{name} with probability 1 changes most rows");
    }

    [Theory]
    [MemberData(nameof(Overloads))]
    public void A_probability_out_of_range_is_refused_naming_the_option(string name)
    {
        Assert.Contains("Probability", Assert.Throws<ArgumentOutOfRangeException>(() => Simple[name](1.5)).Message);
    }

    private static double Fitted(ImageAugmentationEstimator estimator) => estimator.Fit(Ml.Data.LoadFromEnumerable(Rows(1))).Probability;

    [Fact]
    public void The_simple_overloads_default_to_the_probability_of_their_options()
    {
        Assert.Equal(new RandomRotationOptions().Probability, Fitted(Ml.Transforms.Augment().RandomRotation("Pixels", 10)));
        Assert.Equal(new GaussianNoiseOptions().Probability, Fitted(Ml.Transforms.Augment().GaussianNoise("Pixels")));
        Assert.Equal(new ColorJitterOptions().Probability, Fitted(Ml.Transforms.Augment().ColorJitter("Pixels")));
        Assert.Equal(new RandomCropOptions().Probability, Fitted(Ml.Transforms.Augment().RandomCrop("Pixels")));
        Assert.Equal(new RandomResizedCropOptions().Probability, Fitted(Ml.Transforms.Augment().RandomResizedCrop("Pixels")));
        Assert.Equal(new RandomAffineOptions().Probability, Fitted(Ml.Transforms.Augment().RandomAffine("Pixels")));
        Assert.Equal(new GaussianBlurOptions().Probability, Fitted(Ml.Transforms.Augment().GaussianBlur("Pixels")));
        Assert.Equal(new RandomFlipOptions().Probability, Fitted(Ml.Transforms.Augment().RandomFlip("Pixels")));
        Assert.Equal(new RandomErasingOptions().Probability, Fitted(Ml.Transforms.Augment().RandomErasing("Pixels")));
    }
}
