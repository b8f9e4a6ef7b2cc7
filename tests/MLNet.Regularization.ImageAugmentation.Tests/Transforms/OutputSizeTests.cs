using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Image;
using MLNet.Regularization.ImageAugmentation.Functional;

namespace MLNet.Regularization.ImageAugmentation.Tests.Transforms;

/// <summary>Crops with an output Height and Width: the column takes the new size, and the step has no scoring form.</summary>
public class OutputSizeTests
{
    private const int C = 3, H = 8, W = 10;
    private static readonly ImageShape Shape = new(C, H, W);
    private readonly MLContext _ml = new(seed: 1);

    private sealed class PixelRow
    {
        [VectorType(C, H, W)] public float[] Pixels { get; set; } = [];
    }

    private sealed class InterleavedRow
    {
        [VectorType(H, W, C)] public float[] Pixels { get; set; } = [];
    }

    private sealed class ImageRow
    {
        [ImageType(24, 20)] public MLImage Image { get; set; } = null!;
    }

    private static float[] Values(int row) => Enumerable.Range(0, Shape.Length).Select(j => ((row * 31 + j * 7) % 101) / 100f).ToArray();

    private IDataView Pixels(int count) => _ml.Data.LoadFromEnumerable(Enumerable.Range(0, count).Select(i => new PixelRow { Pixels = Values(i) }));

    private IDataView Images(params (int Height, int Width)[] sizes) => _ml.Data.LoadFromEnumerable(sizes.Select(s =>
        new ImageRow { Image = MLImage.CreateFromPixels(s.Width, s.Height, MLPixelFormat.Bgra32, Enumerable.Range(0, 4 * s.Height * s.Width).Select(b => (byte)(b * 13)).ToArray()) }));

    private static float[][] Read(IDataView view, string column) => view.GetColumn<float[]>(column).ToArray();

    [Fact]
    public void A_random_crop_of_a_set_size_takes_a_window_of_the_padded_image_at_a_random_offset()
    {
        var data = Pixels(60);
        var transformer = _ml.Transforms.Augment().RandomCrop(new RandomCropOptions
        {
            OutputColumnName = "Cropped", InputColumnName = "Pixels", Padding = 2, Height = 6, Width = 7, Seed = 3,
        }).Fit(data);
        var view = transformer.Transform(data);

        Assert.Equal(new VectorDataViewType(NumberDataViewType.Single, C, 6, 7), view.Schema["Cropped"].Type);
        Assert.Equal(view.Schema["Cropped"].Type, transformer.GetOutputSchema(data.Schema)["Cropped"].Type);
        Assert.Equal(new ImageShape(C, 6, 7), transformer.OutputShape);
        var output = Read(view, "Cropped");
        var offsets = new HashSet<(int, int)>();
        for (int i = 0; i < output.Length; i++)
        {
            // torchvision's rule: top in [-padding, H + padding - height], left likewise.
            var match = (from top in Enumerable.Range(-2, H + 2 - 6 + 3)
                         from left in Enumerable.Range(-2, W + 2 - 7 + 3)
                         let window = Crop(Values(i), top, left)
                         where window.SequenceEqual(output[i])
                         select (top, left)).ToList();
            Assert.NotEmpty(match);
            offsets.Add(match[0]);
        }
        Assert.True(offsets.Count > 10, $"only {offsets.Count} distinct offsets in 60 rows");
    }

    private static float[] Crop(float[] source, int top, int left)
    {
        var window = new float[C * 6 * 7];
        ImageFunctions.Crop(source, Shape, window, top, left, 6, 7, PaddingMode.Constant);
        return window;
    }

    [Fact]
    public void A_random_resized_crop_of_a_set_size_resizes_interleaved_pixels_into_the_new_shape()
    {
        // Scale 1 at the image's own aspect ratio draws the whole image, so the result is the image resized to 5 x 4.
        var rows = Enumerable.Range(0, 5).Select(i => new InterleavedRow { Pixels = Values(i) }).ToArray();
        var data = _ml.Data.LoadFromEnumerable(rows);
        var view = _ml.Transforms.Augment().RandomResizedCrop(new RandomResizedCropOptions
        {
            OutputColumnName = "Small", InputColumnName = "Pixels", Interleaved = true, MinScale = 1, MaxScale = 1,
            MinRatio = W / (double)H, MaxRatio = W / (double)H, Height = 5, Width = 4,
        }).Fit(data).Transform(data);

        Assert.Equal(new VectorDataViewType(NumberDataViewType.Single, 5, 4, C), view.Schema["Small"].Type);
        var output = Read(view, "Small");
        for (int i = 0; i < rows.Length; i++)
        {
            var planar = new float[Shape.Length];
            ImageLayout.ToPlanar(rows[i].Pixels, Shape, planar);
            var resized = new float[C * 5 * 4];
            ImageFunctions.Resize(planar, Shape, resized, 5, 4);
            var expected = new float[resized.Length];
            ImageLayout.ToInterleaved(resized, new ImageShape(C, 5, 4), expected);
            Assert.Equal(expected, output[i]);
        }
    }

    [Fact]
    public void Images_of_any_size_come_out_at_the_set_size_and_feed_ExtractPixels()
    {
        var data = Images((24, 20), (30, 18), (16, 16));
        var pipeline = _ml.Transforms.Augment().RandomResizedCrop(new RandomResizedCropOptions { OutputColumnName = "Image", Height = 12, Width = 14, Seed = 2 })
            .Append(_ml.Transforms.ExtractPixels("Pixels", "Image"));
        var model = pipeline.Fit(data);
        var view = model.Transform(data);

        Assert.Equal(new ImageDataViewType(12, 14), view.Schema["Image"].Type);
        Assert.All(Read(view, "Pixels"), p => Assert.Equal(3 * 12 * 14, p.Length));
    }

    [Fact]
    public void The_training_only_pattern_scores_with_a_resize_of_the_same_size_and_saves()
    {
        var data = Images((24, 20), (30, 18));
        var pipeline = new EstimatorChain<ITransformer>()
            .Append(_ml.Transforms.Augment().RandomResizedCrop(new RandomResizedCropOptions { OutputColumnName = "Image", Height = 12, Width = 14 }), TransformerScope.Training)
            .Append(_ml.Transforms.ResizeImages("Image", imageWidth: 14, imageHeight: 12), TransformerScope.Scoring)
            .Append(_ml.Transforms.ExtractPixels("Pixels", "Image"));
        var model = pipeline.Fit(data);
        var scoring = model.GetModelFor(TransformerScope.Scoring);

        var path = Path.Combine(Path.GetTempPath(), $"output-size-{Guid.NewGuid():N}.zip");
        try
        {
            _ml.Model.Save(scoring, inputSchema: null, path); // an MLImage-only schema cannot be saved as data
            var loaded = new MLContext().Model.Load(path, out _);
            var scored = Read(loaded.Transform(Images((24, 20), (40, 30))), "Pixels");
            Assert.All(scored, p => Assert.Equal(3 * 12 * 14, p.Length));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_step_that_sets_another_size_has_no_scoring_form_and_says_what_to_do()
    {
        var data = Pixels(3);
        var sized = _ml.Transforms.Augment().RandomCrop(new RandomCropOptions { OutputColumnName = "Pixels", Height = 6, Width = 6 }).Fit(data);
        var sameSize = _ml.Transforms.Augment().RandomCrop(new RandomCropOptions { OutputColumnName = "Pixels", Height = H, Width = W }).Fit(data);

        Assert.False(sized.HasScoringForm);
        Assert.True(sameSize.HasScoringForm);
        var error = Assert.Throws<InvalidOperationException>(() => sized.GetRowToRowMapper(data.Schema));
        Assert.Contains("TransformerScope.Training", error.Message);
        Assert.Contains("TransformerScope.Scoring", error.Message);
        Assert.Throws<InvalidOperationException>(() => _ml.Model.Save(sized, data.Schema, new MemoryStream()));
        Assert.NotNull(sameSize.GetRowToRowMapper(data.Schema));
    }

    [Fact]
    public void Bad_sizes_are_refused_naming_the_options_and_the_column()
    {
        var augment = _ml.Transforms.Augment();
        var data = Pixels(3);
        var tooLarge = Assert.Throws<ArgumentOutOfRangeException>(() =>
            augment.RandomCrop(new RandomCropOptions { OutputColumnName = "Pixels", Padding = 2, Height = 13, Width = 6 }).Fit(data));
        Assert.Contains("Height", tooLarge.Message);
        Assert.Contains("'Pixels'", tooLarge.Message);
        Assert.Contains("12 x 14", tooLarge.Message);

        Assert.Contains("both", Assert.Throws<ArgumentOutOfRangeException>(() =>
            augment.RandomResizedCrop(new RandomResizedCropOptions { OutputColumnName = "P", Height = 5 })).Message);
        Assert.Contains("Probability", Assert.Throws<ArgumentOutOfRangeException>(() =>
            augment.RandomCrop(new RandomCropOptions { OutputColumnName = "P", Height = 5, Width = 5, Probability = 0.5 })).Message);
        Assert.Contains("keep the image size", Assert.Throws<ArgumentOutOfRangeException>(() =>
            augment.Compose("Pixels", augment.RandomFlip("x"), augment.RandomCrop(new RandomCropOptions { Height = 4, Width = 4 })).Fit(data)).Message);

        var images = Images((10, 10));
        var tooSmall = augment.RandomCrop(new RandomCropOptions { OutputColumnName = "Image", Padding = 0, Height = 12, Width = 12 }).Fit(images).Transform(images);
        var error = Assert.ThrowsAny<Exception>(() => Read(_ml.Transforms.ExtractPixels("Pixels", "Image").Fit(tooSmall).Transform(tooSmall), "Pixels"));
        Assert.Contains("'Image'", (error.InnerException ?? error).Message);
    }
}
