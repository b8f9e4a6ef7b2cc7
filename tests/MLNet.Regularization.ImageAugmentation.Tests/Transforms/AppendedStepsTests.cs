using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Image;
using MLNet.Regularization.ImageAugmentation.Functional;

namespace MLNet.Regularization.ImageAugmentation.Tests.Transforms;

/// <summary>
/// Steps appended one after another on one column run in one pass over each row (the image converted once); these tests pin
/// that this gives exactly the images of the same steps run one by one, each in a view of its own (a column copy between two
/// steps keeps them apart): same seeds, probabilities and passes, on MLImage columns (rounded to 8 bits between steps) and
/// on pixel vectors, planar and interleaved.
/// </summary>
public class AppendedStepsTests
{
    // 11 x 13 = 143 pixels per plane: 17 vector steps of eight and a scalar tail of seven.
    private const int H = 11, W = 13, CropH = 9, CropW = 10;
    private readonly MLContext _ml = new(seed: 1);

    private sealed class ImageRow
    {
        [ImageType(H, W)] public MLImage Image { get; set; } = null!;
    }

    private sealed class PlanarRow
    {
        [VectorType(3, H, W)] public float[] Pixels { get; set; } = [];
    }

    private sealed class InterleavedRow
    {
        [VectorType(H, W, 3)] public float[] Pixels { get; set; } = [];
    }

    private IDataView Images(int count, MLPixelFormat format = MLPixelFormat.Bgra32)
    {
        var random = SeededRandom.Create(5);
        return _ml.Data.LoadFromEnumerable(Enumerable.Range(0, count).Select(_ =>
        {
            var bytes = new byte[4 * H * W];
            random.NextBytes(bytes);
            for (int i = 3; i < bytes.Length; i += 4) bytes[i] = 255;
            return new ImageRow { Image = MLImage.CreateFromPixels(W, H, format, bytes) };
        }).ToArray());
    }

    private static float[][] RandomPixels(int count)
    {
        var random = SeededRandom.Create(6);
        return Enumerable.Range(0, count).Select(_ => Enumerable.Range(0, 3 * H * W).Select(_ => random.NextSingle()).ToArray()).ToArray();
    }

    /// <summary>Steps that keep the pixel values (flips, nearest rotation, crops with an 8-bit fill) and steps that make new ones
    /// (bilinear sampling, fills off the 8-bit levels, unclamped noise, color jitter), a crop to another size among them.</summary>
    private static ImageAugmentationEstimator[] Steps(AugmentationCatalog augment, string column, int seed, double p, bool interleaved = false, bool resize = true) =>
    [..
    new[]
    {
        augment.RandomFlip(new RandomFlipOptions { OutputColumnName = column, Interleaved = interleaved, Probability = p, Seed = seed }),
        augment.RandomRotation(new RandomRotationOptions { OutputColumnName = column, Interleaved = interleaved, Probability = p, Seed = seed + 1 }),
        augment.GaussianNoise(new GaussianNoiseOptions { OutputColumnName = column, Interleaved = interleaved, StdDev = 0.3f, Probability = p, Seed = seed + 2 }),
        augment.RandomCrop(new RandomCropOptions { OutputColumnName = column, Interleaved = interleaved, Padding = 2, Fill = 0.3f, Probability = p, Seed = seed + 3 }),
        augment.RandomRotation(new RandomRotationOptions
        {
            OutputColumnName = column, Interleaved = interleaved, Interpolation = Interpolation.Bilinear, Fill = 0.5f, Probability = p, Seed = seed + 4,
        }),
        augment.RandomCrop(new RandomCropOptions { OutputColumnName = column, Interleaved = interleaved, Padding = 1, Height = CropH, Width = CropW, Seed = seed + 5 }),
        augment.RandomCrop(new RandomCropOptions { OutputColumnName = column, Interleaved = interleaved, Padding = 3, PaddingMode = PaddingMode.Reflect, Probability = p, Seed = seed + 6 }),
        augment.ColorJitter(new ColorJitterOptions
        {
            OutputColumnName = column, Interleaved = interleaved, Brightness = 0.4f, Contrast = 0.4f, Saturation = 0.4f, Hue = 0.1f, Probability = p, Seed = seed + 7,
        }),
        augment.RandomFlip(new RandomFlipOptions { OutputColumnName = column, Interleaved = interleaved, Direction = FlipDirection.Vertical, Probability = p, Seed = seed + 8 }),
    }.Where((_, k) => resize || k != 5),
    ];

    private static EstimatorChain<ITransformer> Appended(IEnumerable<IEstimator<ITransformer>> steps) =>
        steps.Aggregate(new EstimatorChain<ITransformer>(), (chain, step) => chain.Append(step));

    /// <summary>The same steps, each in a view of its own: a column copy between two steps.</summary>
    private EstimatorChain<ITransformer> OneByOne(IEnumerable<IEstimator<ITransformer>> steps, string column) =>
        steps.Skip(1).Aggregate(new EstimatorChain<ITransformer>().Append(steps.First()),
            (chain, step) => chain.Append(_ml.Transforms.CopyColumns(column, column)).Append(step));

    private static List<(int Width, int Height, byte[] Pixels)> ReadImages(IDataView view, string column)
    {
        var images = new List<(int, int, byte[])>();
        using var cursor = view.GetRowCursor([view.Schema[column]]);
        var get = cursor.GetGetter<MLImage>(view.Schema[column]);
        MLImage image = null!;
        while (cursor.MoveNext())
        {
            get(ref image);
            images.Add((image.Width, image.Height, image.Pixels.ToArray())); // not disposed: the identity hands back the source images
        }
        return images;
    }

    private static List<float[]> ReadVectors(IDataView view, string column)
    {
        var vectors = new List<float[]>();
        using var cursor = view.GetRowCursor([view.Schema[column]]);
        var get = cursor.GetGetter<VBuffer<float>>(view.Schema[column]);
        var value = default(VBuffer<float>);
        while (cursor.MoveNext())
        {
            get(ref value);
            vectors.Add(value.DenseValues().ToArray());
        }
        return vectors;
    }

    public static TheoryData<int, double> SeedsAndProbabilities() => new()
    {
        { 0, 1 }, { 0, 0.5 }, { 0, 0 }, { 7, 1 }, { 7, 0.5 }, { 123, 0.5 }, { 123, 0.8 },
    };

    [Theory]
    [MemberData(nameof(SeedsAndProbabilities))]
    public void Appended_steps_on_an_MLImage_column_give_the_images_of_the_steps_one_by_one_pass_after_pass(int seed, double p)
    {
        var data = Images(12);
        var augment = _ml.Transforms.Augment();
        var appended = Appended(Steps(augment, "Image", seed, p)).Fit(data).Transform(data);
        var oneByOne = OneByOne(Steps(augment, "Image", seed, p), "Image").Fit(data).Transform(data);

        for (int pass = 0; pass < 2; pass++)
        {
            var expected = ReadImages(oneByOne, "Image");
            var actual = ReadImages(appended, "Image");
            Assert.Equal(12, actual.Count);
            for (int i = 0; i < expected.Count; i++)
            {
                Assert.Equal((CropW, CropH), (actual[i].Width, actual[i].Height));
                Assert.Equal(expected[i].Pixels, actual[i].Pixels);
            }
        }
    }

    [Fact]
    public void Appended_steps_on_an_Rgba_MLImage_column_give_the_images_of_the_steps_one_by_one()
    {
        var data = Images(6, MLPixelFormat.Rgba32);
        var augment = _ml.Transforms.Augment();
        var appended = Appended(Steps(augment, "Image", 3, 0.7)).Fit(data).Transform(data);
        var oneByOne = OneByOne(Steps(augment, "Image", 3, 0.7), "Image").Fit(data).Transform(data);

        Assert.Equal(ReadImages(oneByOne, "Image").Select(i => i.Pixels), ReadImages(appended, "Image").Select(i => i.Pixels));
    }

    [Theory]
    [MemberData(nameof(SeedsAndProbabilities))]
    public void Appended_steps_on_a_pixel_vector_column_give_the_pixels_of_the_steps_one_by_one(int seed, double p)
    {
        var pixels = RandomPixels(10);
        var augment = _ml.Transforms.Augment();
        foreach (bool interleaved in new[] { false, true })
        {
            var data = interleaved
                ? _ml.Data.LoadFromEnumerable(pixels.Select(x => new InterleavedRow { Pixels = x }))
                : _ml.Data.LoadFromEnumerable(pixels.Select(x => new PlanarRow { Pixels = x }));
            var appended = Appended(Steps(augment, "Pixels", seed, p, interleaved)).Fit(data).Transform(data);
            var oneByOne = OneByOne(Steps(augment, "Pixels", seed, p, interleaved), "Pixels").Fit(data).Transform(data);

            for (int pass = 0; pass < 2; pass++)
            {
                var expected = ReadVectors(oneByOne, "Pixels");
                var actual = ReadVectors(appended, "Pixels");
                Assert.Equal(10, actual.Count);
                Assert.All(actual, a => Assert.Equal(3 * CropH * CropW, a.Length));
                Assert.Equal(expected, actual);
            }
        }
    }

    [Fact]
    public void Compositions_appended_after_steps_give_the_images_of_the_steps_one_by_one()
    {
        var data = Images(8);
        var augment = _ml.Transforms.Augment();
        ImageAugmentationEstimator[] Chain() =>
        [
            augment.RandomFlip("Image", probability: 0.5, seed: 1),
            augment.Compose("Image", augment.RandomRotation("x", 10), augment.RandomFlip("x", probability: 1)),
            augment.OneOf("Image", augment.GaussianNoise("x", 0.2f), augment.RandomCrop("x", padding: 2)),
            augment.RandomOrder("Image", augment.RandomFlip("x", probability: 1), augment.GaussianBlur("x", 3)),
        ];
        var appended = Appended(Chain()).Fit(data).Transform(data);
        var oneByOne = OneByOne(Chain(), "Image").Fit(data).Transform(data);

        Assert.Equal(ReadImages(oneByOne, "Image").Select(i => i.Pixels), ReadImages(appended, "Image").Select(i => i.Pixels));
    }

    [Fact]
    public void An_earlier_steps_column_read_with_the_last_one_holds_that_steps_images()
    {
        var data = Images(5);
        var augment = _ml.Transforms.Augment();
        var view = Appended(Steps(augment, "Image", 11, 0.6)).Fit(data).Transform(data);
        var firstThree = Appended(Steps(augment, "Image", 11, 0.6).Take(3)).Fit(data).Transform(data);
        var all = Appended(Steps(augment, "Image", 11, 0.6)).Fit(data).Transform(data);
        // The third step's column, hidden by the later ones, and the last step's column, in one cursor.
        var third = view.Schema[data.Schema.Count + 2];
        var last = view.Schema["Image"];

        var middle = new List<byte[]>();
        var final = new List<byte[]>();
        using (var cursor = view.GetRowCursor([third, last]))
        {
            var getThird = cursor.GetGetter<MLImage>(third);
            var getLast = cursor.GetGetter<MLImage>(last);
            MLImage image = null!;
            while (cursor.MoveNext())
            {
                getLast(ref image);
                final.Add(image.Pixels.ToArray());
                getThird(ref image);
                middle.Add(image.Pixels.ToArray());
            }
        }

        Assert.Equal(ReadImages(firstThree, "Image").Select(i => i.Pixels), middle);
        Assert.Equal(ReadImages(all, "Image").Select(i => i.Pixels), final);
    }

    [Fact]
    public void Each_appended_step_takes_a_pass_only_when_its_column_or_a_later_one_is_read()
    {
        var data = Images(3);
        var augment = _ml.Transforms.Augment();
        var chain = Appended(Steps(augment, "Image", 2, 1).Take(4)).Fit(data);
        var model = chain.Cast<ImageAugmentationTransformer>().ToArray();
        var view = chain.Transform(data);
        Assert.Equal(new long[] { 0, 0, 0, 0 }, model.Select(t => t.Passes));

        using (var cursor = view.GetRowCursor([]))
            while (cursor.MoveNext()) { }
        Assert.Equal(new long[] { 0, 0, 0, 0 }, model.Select(t => t.Passes));

        using (var cursor = view.GetRowCursor([view.Schema[data.Schema.Count + 1]]))
            while (cursor.MoveNext()) { }
        Assert.Equal(new long[] { 1, 1, 0, 0 }, model.Select(t => t.Passes));

        ReadImages(view, "Image");
        Assert.Equal(new long[] { 2, 2, 1, 1 }, model.Select(t => t.Passes));
        Assert.Equal(view.Schema.Count, data.Schema.Count + 4);
        Assert.All(Enumerable.Range(data.Schema.Count, 4), i => Assert.Equal("Image", view.Schema[i].Name));
        Assert.Equal([false, false, false, true], Enumerable.Range(data.Schema.Count, 4).Select(i => !view.Schema[i].IsHidden));
    }

    [Fact]
    public void A_chain_of_appended_steps_on_an_MLImage_column_saves_and_loads_its_scoring_form_the_identity_and_keeps_augmenting()
    {
        var data = Images(4);
        var augment = _ml.Transforms.Augment();
        // A step that sets another size has no scoring form: the chain saved here keeps the size.
        var model = Appended(Steps(augment, "Image", 9, 0.5, resize: false)).Fit(data);
        var before = ReadImages(model.Transform(data), "Image");

        using var stream = new MemoryStream();
        _ml.Model.Save(model, inputSchema: null, stream); // an MLImage-only schema cannot be saved as data
        stream.Position = 0;
        var loaded = new MLContext().Model.Load(stream, out _);

        Assert.Equal(ReadImages(data, "Image").Select(i => i.Pixels), ReadImages(loaded.Transform(data), "Image").Select(i => i.Pixels));
        var again = Appended(Steps(augment, "Image", 9, 0.5, resize: false)).Fit(data).Transform(data);
        Assert.Equal(before.Select(i => i.Pixels), ReadImages(again, "Image").Select(i => i.Pixels));
    }

    [Fact]
    public void A_chain_of_appended_steps_on_a_pixel_vector_column_saves_and_loads_its_scoring_form_the_identity()
    {
        var pixels = RandomPixels(5);
        var data = _ml.Data.LoadFromEnumerable(pixels.Select(x => new PlanarRow { Pixels = x }));
        var model = Appended(Steps(_ml.Transforms.Augment(), "Pixels", 4, 0.5, resize: false)).Fit(data);
        Assert.NotEqual(pixels, ReadVectors(model.Transform(data), "Pixels"));

        using var stream = new MemoryStream();
        _ml.Model.Save(model, data.Schema, stream);
        stream.Position = 0;
        var loaded = new MLContext().Model.Load(stream, out var schema);

        Assert.Equal(data.Schema.Select(c => (c.Name, c.Type)), schema.Select(c => (c.Name, c.Type)));
        Assert.Equal(pixels, ReadVectors(loaded.Transform(data), "Pixels"));
    }
}
