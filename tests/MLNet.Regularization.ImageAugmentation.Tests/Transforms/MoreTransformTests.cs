using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Regularization.ImageAugmentation.Functional;

namespace MLNet.Regularization.ImageAugmentation.Tests.Transforms;

public class MoreTransformTests
{
    private const int C = 3, H = 12, W = 10;
    private static readonly ImageShape Shape = new(C, H, W);
    private readonly MLContext _ml = new(seed: 1);

    private sealed class ImageRow
    {
        [VectorType(C, H, W)] public float[] Pixels { get; set; } = [];
    }

    private static ImageRow[] Rows(int count) => Enumerable.Range(0, count).Select(i => new ImageRow
    {
        Pixels = Enumerable.Range(0, C * H * W).Select(j => ((i * 17 + j * 13) % 97) / 96f + 0.01f).ToArray(),
    }).ToArray();

    private (ImageRow[] Rows, float[][] Output) Run(ImageAugmentationEstimator estimator, int count = 40)
    {
        var rows = Rows(count);
        var data = _ml.Data.LoadFromEnumerable(rows);
        var view = estimator.Fit(data).Transform(data);
        return (rows, view.GetColumn<float[]>("Augmented").ToArray());
    }

    private static float[] Apply(float[] source, Action<float[], float[]> operation)
    {
        var result = new float[source.Length];
        operation(source, result);
        return result;
    }

    [Fact]
    public void Random_crop_shifts_the_padded_image_by_at_most_the_padding_and_keeps_its_size()
    {
        var (rows, output) = Run(_ml.Transforms.Augment().RandomCrop(new RandomCropOptions
        {
            OutputColumnName = "Augmented", InputColumnName = "Pixels", Padding = 2, PaddingMode = PaddingMode.Reflect, Seed = 3,
        }));
        var offsets = new HashSet<(int, int)>();
        for (int i = 0; i < rows.Length; i++)
        {
            var match = (from top in Enumerable.Range(-2, 5) from left in Enumerable.Range(-2, 5)
                         where Apply(rows[i].Pixels, (s, d) => ImageFunctions.Crop(s, Shape, d, top, left, H, W, PaddingMode.Reflect)).SequenceEqual(output[i])
                         select (top, left)).FirstOrDefault((99, 99));
            Assert.NotEqual((99, 99), match);
            offsets.Add(match);
        }
        Assert.True(offsets.Count > 5, "offsets vary from row to row");
    }

    [Fact]
    public void Random_resized_crop_keeps_the_size_and_changes_the_image()
    {
        var (rows, output) = Run(_ml.Transforms.Augment().RandomResizedCrop("Augmented", minScale: 0.3, inputColumnName: "Pixels", seed: 2));
        Assert.All(output, o => Assert.Equal(Shape.Length, o.Length));
        Assert.True(output.Where((o, i) => !o.SequenceEqual(rows[i].Pixels)).Count() > 30);
    }

    [Fact]
    public void Random_erasing_sets_one_rectangle_to_the_value_and_leaves_the_rest()
    {
        var (rows, output) = Run(_ml.Transforms.Augment().RandomErasing(new RandomErasingOptions
        {
            OutputColumnName = "Augmented", InputColumnName = "Pixels", Probability = 1, Value = -1, Seed = 4,
        }));
        for (int i = 0; i < rows.Length; i++)
        {
            var changed = Enumerable.Range(0, Shape.Length).Where(j => output[i][j] != rows[i].Pixels[j]).ToArray();
            Assert.NotEmpty(changed);
            Assert.All(changed, j => Assert.Equal(-1f, output[i][j]));
            var ys = changed.Select(j => j % (H * W) / W).ToArray();
            var xs = changed.Select(j => j % W).ToArray();
            int boxArea = (ys.Max() - ys.Min() + 1) * (xs.Max() - xs.Min() + 1);
            Assert.Equal(C * boxArea, changed.Length); // a full rectangle in every channel
        }
    }

    [Fact]
    public void Gaussian_blur_and_affine_identity_settings_behave()
    {
        var (rows, blurred) = Run(_ml.Transforms.Augment().GaussianBlur("Augmented", kernelSize: 3, inputColumnName: "Pixels"));
        Assert.True(blurred.Where((o, i) => !o.SequenceEqual(rows[i].Pixels)).Count() > 30);

        var (same, identity) = Run(_ml.Transforms.Augment().RandomAffine(new RandomAffineOptions { OutputColumnName = "Augmented", InputColumnName = "Pixels" }));
        for (int i = 0; i < same.Length; i++) Assert.Equal(same[i].Pixels, identity[i]);
    }

    [Fact]
    public void One_of_applies_exactly_one_choice_per_row_and_uses_each()
    {
        var augment = _ml.Transforms.Augment();
        var (rows, output) = Run(augment.OneOf(new CompositionOptions { OutputColumnName = "Augmented", InputColumnName = "Pixels", Seed = 5 },
            augment.RandomFlip("x", probability: 1), augment.RandomFlip("x", direction: FlipDirection.Vertical, probability: 1)));
        int horizontal = 0, vertical = 0;
        for (int i = 0; i < rows.Length; i++)
        {
            bool h = output[i].SequenceEqual(Apply(rows[i].Pixels, (s, d) => ImageFunctions.HorizontalFlip(s, Shape, d)));
            bool v = output[i].SequenceEqual(Apply(rows[i].Pixels, (s, d) => ImageFunctions.VerticalFlip(s, Shape, d)));
            Assert.True(h ^ v);
            horizontal += h ? 1 : 0;
            vertical += v ? 1 : 0;
        }
        Assert.True(horizontal > 5 && vertical > 5);
    }

    [Fact]
    public void Random_order_applies_every_step()
    {
        var augment = _ml.Transforms.Augment();
        var (rows, output) = Run(augment.RandomOrder(new CompositionOptions { OutputColumnName = "Augmented", InputColumnName = "Pixels", Seed = 6 },
            augment.RandomFlip("x", probability: 1), augment.RandomFlip("x", direction: FlipDirection.Vertical, probability: 1)));
        for (int i = 0; i < rows.Length; i++)
        {
            var both = Apply(Apply(rows[i].Pixels, (s, d) => ImageFunctions.HorizontalFlip(s, Shape, d)), (s, d) => ImageFunctions.VerticalFlip(s, Shape, d));
            Assert.Equal(both, output[i]);
        }
    }

    [Fact]
    public void Compose_applies_its_steps_in_the_given_order_and_skips_those_not_drawn()
    {
        // A quarter turn then a horizontal flip differs from the reverse order; a step with probability 0 never runs.
        var augment = _ml.Transforms.Augment();
        var quarterTurn = augment.RandomRotation(new RandomRotationOptions { MinDegrees = 90, MaxDegrees = 90 });
        var (rows, output) = Run(augment.Compose(new CompositionOptions { OutputColumnName = "Augmented", InputColumnName = "Pixels", Seed = 3 },
            quarterTurn, augment.RandomFlip("x", probability: 0), augment.RandomFlip("x", probability: 1)));
        for (int i = 0; i < rows.Length; i++)
        {
            var turned = Apply(rows[i].Pixels, (s, d) => ImageFunctions.Rotate(s, Shape, d, 90));
            var expected = Apply(turned, (s, d) => ImageFunctions.HorizontalFlip(s, Shape, d));
            var reversed = Apply(Apply(rows[i].Pixels, (s, d) => ImageFunctions.HorizontalFlip(s, Shape, d)), (s, d) => ImageFunctions.Rotate(s, Shape, d, 90));
            Assert.Equal(expected, output[i]);
            Assert.NotEqual(reversed, output[i]);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Compose_gives_the_steps_result_whatever_their_number(int flips)
    {
        // Steps alternate between the output and a scratch buffer: an even or odd number, or none, all end in the output.
        var augment = _ml.Transforms.Augment();
        var steps = Enumerable.Range(0, flips).Select(_ => augment.RandomFlip("x", probability: 1))
            .Append(augment.RandomFlip("x", direction: FlipDirection.Vertical, probability: 0)).ToArray();
        var (rows, output) = Run(augment.Compose(new CompositionOptions { OutputColumnName = "Augmented", InputColumnName = "Pixels" }, steps));
        for (int i = 0; i < rows.Length; i++)
        {
            var expected = flips % 2 == 0 ? rows[i].Pixels : Apply(rows[i].Pixels, (s, d) => ImageFunctions.HorizontalFlip(s, Shape, d));
            Assert.Equal(expected, output[i]);
        }
    }

    [Fact]
    public void Bad_options_of_the_new_transforms_name_the_option()
    {
        var augment = _ml.Transforms.Augment();
        Assert.Contains("Padding", Assert.Throws<ArgumentOutOfRangeException>(() => augment.RandomCrop("P", padding: -1)).Message);
        Assert.Contains("MinScale", Assert.Throws<ArgumentOutOfRangeException>(() => augment.RandomResizedCrop("P", minScale: 0)).Message);
        Assert.Contains("KernelSize", Assert.Throws<ArgumentOutOfRangeException>(() => augment.GaussianBlur("P", kernelSize: 4)).Message);
        Assert.Contains("ShearX", Assert.Throws<ArgumentOutOfRangeException>(() => augment.RandomAffine(new RandomAffineOptions { ShearX = 95 })).Message);
        Assert.Throws<ArgumentException>(() => augment.OneOf(new CompositionOptions()));
        Assert.Contains("steps", Assert.Throws<ArgumentException>(() => augment.Compose("P")).Message);
    }
}
