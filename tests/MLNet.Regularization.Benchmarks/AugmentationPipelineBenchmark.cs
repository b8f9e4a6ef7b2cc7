using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Image;
using MLNet.Regularization.ImageAugmentation;
using MLNet.Regularization.ImageAugmentation.Functional;

namespace MLNet.Regularization.Benchmarks;

/// <summary>
/// The chained set as a user runs it: seven <c>mlContext.Transforms.Augment()</c> estimators (the Python script's "all",
/// with its parameters) appended into one ML.NET chain or in one <c>Compose</c>, fitted, and read back row by row with a cursor, on a column of
/// <c>vector&lt;float, 3, H, W&gt;</c> pixels or of <see cref="MLImage"/>s (8-bit BGRA). Everything the pure functions
/// skip is in: ML.NET's cursor and getters, each row's seeded generators, and for images the byte-to-float conversion, the
/// rounding to 8 bits between appended steps and a new <see cref="MLImage"/> per row.
/// </summary>
internal sealed class AugmentationPipelineBenchmark
{
    private readonly IDataView _augmented;
    private readonly DataViewSchema.Column _output;
    private readonly bool _images;

    /// <summary>Builds and fits the chain over <paramref name="size"/>x<paramref name="size"/> RGB images.</summary>
    /// <param name="size">The image side.</param>
    /// <param name="images">An <see cref="MLImage"/> column, else a pixel vector column.</param>
    /// <param name="compose">The seven steps in one <c>Compose</c> transform, else appended one by one.</param>
    public AugmentationPipelineBenchmark(int size, bool images, bool compose)
    {
        var ml = new MLContext(seed: 0);
        int count = size <= 64 ? 512 : 32;
        var random = SeededRandom.Create(0);
        // The rows are made once (arrays, not lazy sequences): a pass reads the same images, and the timing holds only
        // the ML.NET path, not the drawing of new random images. The transforms never dispose their input images.
        IDataView data = images
            ? ml.Data.LoadFromEnumerable(Enumerable.Range(0, count).Select(_ => new ImageRow { Image = RandomImage(size, random) }).ToArray())
            : ml.Data.LoadFromEnumerable(
                Enumerable.Range(0, count).Select(_ => new PixelRow { Pixels = Enumerable.Range(0, 3 * size * size).Select(_ => random.NextSingle()).ToArray() }).ToArray(),
                PixelSchema(size));
        string column = images ? nameof(ImageRow.Image) : nameof(PixelRow.Pixels);
        var augment = ml.Transforms.Augment();
        ImageAugmentationEstimator[] steps =
        [
            augment.RandomFlip(new RandomFlipOptions { OutputColumnName = column, Probability = 1, Seed = 1 }),
            augment.RandomFlip(new RandomFlipOptions { OutputColumnName = column, Direction = FlipDirection.Vertical, Probability = 1, Seed = 2 }),
            augment.RandomRotation(new RandomRotationOptions { OutputColumnName = column, MinDegrees = -15, MaxDegrees = 15, Seed = 3 }),
            augment.RandomCrop(new RandomCropOptions { OutputColumnName = column, Padding = size / 8, Seed = 4 }),
            augment.RandomResizedCrop(new RandomResizedCropOptions { OutputColumnName = column, MinScale = 0.6, Seed = 5 }),
            augment.GaussianNoise(new GaussianNoiseOptions { OutputColumnName = column, StdDev = 0.1f, Minimum = 0, Maximum = 1, Seed = 6 }),
            augment.ColorJitter(new ColorJitterOptions { OutputColumnName = column, Brightness = 0.4f, Contrast = 0.4f, Saturation = 0.4f, Hue = 0.1f, Seed = 7 }),
        ];
        _augmented = compose
            ? augment.Compose(column, steps).Fit(data).Transform(data)
            : steps.Skip(1).Aggregate((IEstimator<ITransformer>)steps[0], (chain, step) => chain.Append(step)).Fit(data).Transform(data);
        _output = _augmented.Schema[column];
        _images = images;
    }

    /// <summary>One pass: reads the augmented column of every row (a new cursor, so fresh draws); returns the rows read.</summary>
    public long ReadAll() => ReadAll(_augmented, _output, _images);

    private static long ReadAll(IDataView data, DataViewSchema.Column column, bool images)
    {
        long rows = 0;
        using var cursor = data.GetRowCursor([column]);
        if (images)
        {
            var read = cursor.GetGetter<MLImage>(column);
            MLImage image = null!;
            while (cursor.MoveNext())
            {
                read(ref image);
                image.Dispose();
                rows++;
            }
        }
        else
        {
            var read = cursor.GetGetter<VBuffer<float>>(column);
            var pixels = default(VBuffer<float>);
            while (cursor.MoveNext())
            {
                read(ref pixels);
                rows++;
            }
        }

        return rows;
    }

    private static MLImage RandomImage(int size, Random random)
    {
        var bgra = new byte[4 * size * size];
        random.NextBytes(bgra);
        for (int i = 3; i < bgra.Length; i += 4) bgra[i] = 255;
        return MLImage.CreateFromPixels(size, size, MLPixelFormat.Bgra32, bgra);
    }

    private static SchemaDefinition PixelSchema(int size)
    {
        var schema = SchemaDefinition.Create(typeof(PixelRow));
        schema[nameof(PixelRow.Pixels)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, 3, size, size);
        return schema;
    }

    private sealed class PixelRow
    {
        public float[] Pixels { get; set; } = [];
    }

    private sealed class ImageRow
    {
        [ImageType(1, 1)] // a nominal size for the schema (attributes need constants); the transforms use each image's own size
        public MLImage Image { get; set; } = null!;
    }
}
