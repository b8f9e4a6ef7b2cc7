using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Regularization.ImageAugmentation.Functional;

namespace MLNet.Regularization.ImageAugmentation.Tests.Transforms;

public class AugmentationTransformTests
{
    private const int C = 3, H = 8, W = 10;
    private static readonly ImageShape Shape = new(C, H, W);
    private readonly MLContext _ml = new(seed: 1);

    private sealed class ImageRow
    {
        [VectorType(C, H, W)] public float[] Pixels { get; set; } = [];
        public int Id { get; set; }
    }

    private sealed class FlatRow
    {
        [VectorType(C * H * W)] public float[] Pixels { get; set; } = [];
    }

    private static ImageRow[] Rows(int count) => Enumerable.Range(0, count).Select(i => new ImageRow
    {
        Id = i,
        Pixels = Enumerable.Range(0, C * H * W).Select(j => ((i * 31 + j * 7) % 101) / 100f).ToArray(),
    }).ToArray();

    private IDataView Data(int count = 200) => _ml.Data.LoadFromEnumerable(Rows(count));

    private static float[][] Read(IDataView view, string column = "Augmented")
    {
        var values = new List<float[]>();
        using var cursor = view.GetRowCursor([view.Schema[column]]);
        var get = cursor.GetGetter<VBuffer<float>>(view.Schema[column]);
        var value = default(VBuffer<float>);
        while (cursor.MoveNext()) { get(ref value); values.Add(value.DenseValues().ToArray()); }
        return [.. values];
    }

    [Fact]
    public void A_flip_with_probability_one_equals_the_pixel_function_and_probability_zero_is_the_identity()
    {
        var data = Data(20);
        var flipped = Read(_ml.Transforms.Augment().RandomFlip("Augmented", "Pixels", probability: 1).Fit(data).Transform(data));
        var kept = Read(_ml.Transforms.Augment().RandomFlip("Augmented", "Pixels", probability: 0).Fit(data).Transform(data));
        var rows = Rows(20);
        for (int i = 0; i < rows.Length; i++)
        {
            var expected = new float[Shape.Length];
            ImageFunctions.HorizontalFlip(rows[i].Pixels, Shape, expected);
            Assert.Equal(expected, flipped[i]);
            Assert.Equal(rows[i].Pixels, kept[i]);
        }
    }

    private sealed class SparseRow
    {
        [VectorType(C, H, W)] public VBuffer<float> Pixels { get; set; }
    }

    [Fact]
    public void Sparse_pixel_vectors_give_the_same_rows_as_dense_ones()
    {
        // Every third value set: the sparse row's dense form equals the dense row, so the same seed gives the same result.
        int[] indices = Enumerable.Range(0, Shape.Length / 3).Select(i => 3 * i).ToArray();
        float[] values = indices.Select(i => (i % 17) / 16f).ToArray();
        var dense = new float[Shape.Length];
        foreach (var (index, value) in indices.Zip(values)) dense[index] = value;
        var sparseData = _ml.Data.LoadFromEnumerable(new[] { new SparseRow { Pixels = new VBuffer<float>(Shape.Length, indices.Length, values, indices) } });
        var denseData = _ml.Data.LoadFromEnumerable(new[] { new ImageRow { Pixels = dense } });

        float[] Rotated(IDataView data) => Read(_ml.Transforms.Augment().RandomRotation("Augmented", 30, "Pixels", seed: 4).Fit(data).Transform(data)).Single();
        float[] fromSparse = Rotated(sparseData);
        Assert.Equal(Rotated(denseData), fromSparse);
        Assert.NotEqual(dense, fromSparse);
    }

    [Fact]
    public void About_the_given_share_of_rows_is_augmented()
    {
        var data = Data(2000);
        var output = Read(_ml.Transforms.Augment().RandomFlip("Augmented", "Pixels", probability: 0.3, seed: 5).Fit(data).Transform(data));
        var rows = Rows(2000);
        int changed = output.Where((o, i) => !o.SequenceEqual(rows[i].Pixels)).Count();
        Assert.InRange(changed / 2000.0, 0.3 - 4 * 0.0102, 0.3 + 4 * 0.0102);
    }

    [Fact]
    public void The_same_seed_gives_the_same_rows_whatever_the_number_of_parallel_cursors()
    {
        var data = Data(300);
        var estimator = _ml.Transforms.Augment().RandomRotation(new RandomRotationOptions
        {
            OutputColumnName = "Augmented", InputColumnName = "Pixels", MinDegrees = -30, MaxDegrees = 30, Interpolation = Interpolation.Bilinear, Seed = 9,
        });
        var single = Read(estimator.Fit(data).Transform(data));

        var parallel = estimator.Fit(data).Transform(data); // a fresh transformer: its first pass, like the one above
        var byId = new Dictionary<int, float[]>();
        var cursors = parallel.GetRowCursorSet([parallel.Schema["Augmented"], parallel.Schema["Id"]], 3);
        Parallel.ForEach(cursors, cursor =>
        {
            var getPixels = cursor.GetGetter<VBuffer<float>>(parallel.Schema["Augmented"]);
            var getId = cursor.GetGetter<int>(parallel.Schema["Id"]);
            VBuffer<float> pixels = default;
            int id = 0;
            while (cursor.MoveNext())
            {
                getPixels(ref pixels);
                getId(ref id);
                lock (byId) byId[id] = pixels.DenseValues().ToArray();
            }
            cursor.Dispose();
        });

        Assert.Equal(300, byId.Count);
        for (int i = 0; i < single.Length; i++) Assert.Equal(single[i], byId[i]);
    }

    [Fact]
    public void Each_new_pass_draws_fresh_augmentations_and_the_sequence_repeats_from_the_seed()
    {
        var data = Data(50);
        var estimator = _ml.Transforms.Augment().GaussianNoise("Augmented", stdDev: 0.1f, inputColumnName: "Pixels", seed: 3);
        var first = estimator.Fit(data);
        var view = first.Transform(data);
        var pass0 = Read(view);
        var pass1 = Read(view);
        Assert.NotEqual(pass0[0], pass1[0]);
        Assert.Equal(2, first.Passes);

        var again = estimator.Fit(data).Transform(data);
        Assert.Equal(pass0, Read(again));
        Assert.Equal(pass1, Read(again));
    }

    [Fact]
    public void Gaussian_noise_has_the_requested_mean_and_standard_deviation()
    {
        var data = Data(100);
        var output = Read(_ml.Transforms.Augment().GaussianNoise(new GaussianNoiseOptions
        {
            OutputColumnName = "Augmented", InputColumnName = "Pixels", Mean = 0.2f, StdDev = 0.1f, Seed = 4,
        }).Fit(data).Transform(data));
        var differences = output.Zip(Rows(100), (o, r) => o.Zip(r.Pixels, (a, b) => (double)a - b)).SelectMany(d => d).ToArray();
        double mean = differences.Average();
        double std = Math.Sqrt(differences.Select(d => (d - mean) * (d - mean)).Average());
        Assert.InRange(mean, 0.2 - 0.003, 0.2 + 0.003);
        Assert.InRange(std, 0.1 * 0.97, 0.1 * 1.03);
    }

    [Fact]
    public void The_scoring_form_is_the_identity_in_a_prediction_engine_and_after_saving()
    {
        var data = Data(20);
        var model = _ml.Transforms.Augment().ColorJitter("Augmented", brightness: 0.5f, contrast: 0.5f, saturation: 0.5f, hue: 0.2f, inputColumnName: "Pixels")
            .Fit(data);
        Assert.NotEqual(Rows(20)[0].Pixels, Read(model.Transform(data))[0]);

        using var stream = new MemoryStream();
        _ml.Model.Save(model, data.Schema, stream);
        stream.Position = 0;
        var loaded = new MLContext().Model.Load(stream, out _);
        Assert.Equal(Rows(20).Select(r => r.Pixels), Read(loaded.Transform(data)));

        var engine = _ml.Model.CreatePredictionEngine<ImageRow, AugmentedRow>(model);
        Assert.Equal(Rows(1)[0].Pixels, engine.Predict(Rows(1)[0]).Augmented);
    }

    private sealed class AugmentedRow
    {
        public float[] Augmented { get; set; } = [];
    }

    [Fact]
    public void Bad_columns_and_options_are_refused_with_the_column_or_option_named()
    {
        var flat = _ml.Data.LoadFromEnumerable([new FlatRow { Pixels = new float[C * H * W] }]);
        var shapeless = Assert.Throws<ArgumentOutOfRangeException>(() => _ml.Transforms.Augment().RandomFlip("Pixels").Fit(flat));
        Assert.Contains("'Pixels'", shapeless.Message);
        Assert.Contains("three known dimensions", shapeless.Message);

        var missing = Assert.Throws<ArgumentOutOfRangeException>(() => _ml.Transforms.Augment().RandomFlip("Out", "Image").Fit(Data(2)));
        Assert.Contains("'Image'", missing.Message);

        Assert.Contains("Probability", Assert.Throws<ArgumentOutOfRangeException>(() => _ml.Transforms.Augment().RandomFlip("Pixels", probability: 1.5)).Message);
        Assert.Contains("StdDev", Assert.Throws<ArgumentOutOfRangeException>(() => _ml.Transforms.Augment().GaussianNoise("Pixels", stdDev: -1)).Message);
        Assert.Contains("MinDegrees", Assert.Throws<ArgumentOutOfRangeException>(() => _ml.Transforms.Augment().RandomRotation("Pixels", float.NaN)).Message);
        Assert.Contains("Hue", Assert.Throws<ArgumentOutOfRangeException>(() => _ml.Transforms.Augment().ColorJitter("Pixels", hue: 0.7f)).Message);

        var fitted = _ml.Transforms.Augment().RandomFlip("Augmented", "Pixels").Fit(Data(2));
        var other = Assert.Throws<ArgumentOutOfRangeException>(() => fitted.Transform(flat));
        Assert.Contains("'Pixels'", other.Message);
    }

    [Fact]
    public void Interleaved_pixels_are_augmented_in_the_same_layout()
    {
        var rows = Rows(5);
        var interleaved = rows.Select(r =>
        {
            var hwc = new float[Shape.Length];
            ImageLayout.ToInterleaved(r.Pixels, Shape, hwc);
            return new InterleavedRow { Pixels = hwc };
        }).ToArray();
        var data = _ml.Data.LoadFromEnumerable(interleaved);
        var output = Read(_ml.Transforms.Augment().RandomFlip(new RandomFlipOptions
        {
            OutputColumnName = "Augmented", InputColumnName = "Pixels", Interleaved = true, Probability = 1, Direction = FlipDirection.Vertical,
        }).Fit(data).Transform(data));
        for (int i = 0; i < rows.Length; i++)
        {
            var flipped = new float[Shape.Length];
            ImageFunctions.VerticalFlip(rows[i].Pixels, Shape, flipped);
            var expected = new float[Shape.Length];
            ImageLayout.ToInterleaved(flipped, Shape, expected);
            Assert.Equal(expected, output[i]);
        }
    }

    private sealed class InterleavedRow
    {
        [VectorType(H, W, C)] public float[] Pixels { get; set; } = [];
    }
}
