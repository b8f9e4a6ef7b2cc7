using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNet.Regularization.Tuning.Tests.Search;

/// <summary>Small generated data for searches that train real networks in a second or two.</summary>
internal static class SearchData
{
    public const int FeatureCount = 8;

    /// <summary>Three noisy Gaussian blobs in 8 dimensions, with a key-typed label: a task that a few epochs learn, but not perfectly.</summary>
    public static IDataView Blobs(MLContext mlContext, int rows, int seed)
    {
        var random = new Random(seed);
        var centers = Enumerable.Range(0, 3).Select(_ => Enumerable.Range(0, FeatureCount).Select(_ => random.NextSingle() * 2 - 1).ToArray()).ToArray();
        var data = Enumerable.Range(0, rows).Select(i =>
        {
            int label = i % 3;
            return new Row
            {
                Class = $"c{label}",
                Features = [.. centers[label].Select(c => c + (float)Gaussian(random) * 0.9f)],
            };
        }).ToArray();
        var view = mlContext.Data.LoadFromEnumerable(data);
        return mlContext.Transforms.Conversion.MapValueToKey("Label", "Class").Fit(view).Transform(view);
    }

    /// <summary>Quick MLP options for the blobs: a small network, few epochs.</summary>
    public static RegularizedMlpMulticlassTrainer.Options QuickMlp(int epochs = 6) => new()
    {
        HiddenLayers = [16],
        Epochs = epochs,
        BatchSize = 32,
        LearningRate = 0.01,
        ValidationFraction = 0,
        EarlyStopping = false,
        NumberOfThreads = 1,
    };

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private sealed class Row
    {
        public string Class { get; set; } = "";

        [VectorType(FeatureCount)]
        public float[] Features { get; set; } = [];
    }
}
