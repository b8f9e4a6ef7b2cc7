using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Regularization.Samples;

namespace MLNet.Regularization.Tests;

/// <summary>Small generated data sets and the Fashion-MNIST subset shipped with the samples.</summary>
public static class TestData
{
    public const int FeatureCount = 10;

    public sealed class ClassRow
    {
        [VectorType(FeatureCount)] public float[] Features { get; set; } = [];
        public bool Label { get; set; }
    }

    public sealed class MulticlassRow
    {
        [VectorType(FeatureCount)] public float[] Features { get; set; } = [];
        public string Label { get; set; } = "";
    }

    public sealed class RegressionRow
    {
        [VectorType(FeatureCount)] public float[] Features { get; set; } = [];
        public float Label { get; set; }
    }

    /// <summary>Rows whose label depends on the first three features only (the other seven are noise), with an offset and
    /// scale so that standardization matters. <paramref name="labelNoise"/> flips that share of labels (to make a set that overfits).</summary>
    public static ClassRow[] BinaryRows(int count, int seed = 1, double labelNoise = 0)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ =>
        {
            var x = RandomFeatures(random);
            bool label = x[0] - 2 * x[1] + 0.5f * x[2] > 0;
            if (random.NextDouble() < labelNoise) label = !label;
            return new ClassRow { Features = Shift(x), Label = label };
        }).ToArray();
    }

    /// <summary>Three classes ("cat", "dog", "fox") by which of the first three features is largest.</summary>
    public static MulticlassRow[] MulticlassRows(int count, int seed = 1, double labelNoise = 0)
    {
        string[] names = ["cat", "dog", "fox"];
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ =>
        {
            var x = RandomFeatures(random);
            int label = x[0] > x[1] ? (x[0] > x[2] ? 0 : 2) : (x[1] > x[2] ? 1 : 2);
            if (random.NextDouble() < labelNoise) label = random.Next(3);
            return new MulticlassRow { Features = Shift(x), Label = names[label] };
        }).ToArray();
    }

    /// <summary>y = 3 x0 - 2 x1 + x2^2 + noise, in units around 100.</summary>
    public static RegressionRow[] RegressionRows(int count, int seed = 1, double noise = 0.1)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ =>
        {
            var x = RandomFeatures(random);
            float y = 3 * x[0] - 2 * x[1] + x[2] * x[2] + (float)(noise * Gaussian(random));
            return new RegressionRow { Features = Shift(x), Label = 100 + 20 * y };
        }).ToArray();
    }

    /// <summary>Columns of the mixed table (<see cref="MixedRegressionRows"/>) with more than two distinct values.</summary>
    public static readonly int[] MixedNumericColumns = [0, 1, 2, 3, 4, 5, 6];

    /// <summary><see cref="RegressionRows"/> whose last three columns are not numeric: column 7 one-hot (0 or 1), column 8
    /// binary (2 or 7), column 9 constant (4). The label still depends on the first three columns only.</summary>
    public static RegressionRow[] MixedRegressionRows(int count, int seed = 1)
    {
        var random = new Random(seed + 1000);
        var rows = RegressionRows(count, seed);
        foreach (var row in rows)
        {
            row.Features[7] = random.Next(2);
            row.Features[8] = random.Next(2) == 0 ? 2 : 7;
            row.Features[9] = 4;
        }
        return rows;
    }

    public static IDataView Binary(MLContext ml, int count, int seed = 1, double labelNoise = 0) =>
        ml.Data.LoadFromEnumerable(BinaryRows(count, seed, labelNoise));

    /// <summary>Multiclass rows with the string label already mapped to a key column "Label".</summary>
    public static IDataView Multiclass(MLContext ml, int count, int seed = 1, double labelNoise = 0) =>
        ml.Transforms.Conversion.MapValueToKey("Label").Fit(ml.Data.LoadFromEnumerable(MulticlassRows(count, 1))).Transform(
            ml.Data.LoadFromEnumerable(MulticlassRows(count, seed, labelNoise)));

    public static IDataView Regression(MLContext ml, int count, int seed = 1, double noise = 0.1) =>
        ml.Data.LoadFromEnumerable(RegressionRows(count, seed, noise));

    /// <summary>The Fashion-MNIST subset shipped in samples/data (5,000 train, 1,000 test rows; 784 pixels in [0, 1]).</summary>
    public static (IDataView Train, IDataView Test) FashionMnistSmall(MLContext ml)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "data", "fashion-mnist-small");
        return (ml.Data.LoadFromEnumerable(IdxDataset.Load(folder, "train")), ml.Data.LoadFromEnumerable(IdxDataset.Load(folder, "t10k")));
    }

    private static float[] RandomFeatures(Random random) => Enumerable.Range(0, FeatureCount).Select(_ => (float)Gaussian(random)).ToArray();

    private static float[] Shift(float[] x) => x.Select((v, i) => v * (1 + i) + 5 * i).ToArray();

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
