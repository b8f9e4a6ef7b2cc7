using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Regularization.Samples;

namespace MLNet.Regularization.Benchmarks;

/// <summary>
/// Rows per second of scoring 10,000 rows with a trained <see cref="RegularizedNetworkModel"/>: <c>Transform</c> (batches through
/// the network), the same model saved and loaded (ML.NET's ONNX transform, row by row) and a <c>PredictionEngine</c>, one row
/// per call. The three alternate over several rounds in this process; the medians are reported.
/// </summary>
internal static class ScoringBenchmark
{
    private const int Rows = 10_000;
    private const int Rounds = 5;

    public static int Run(string samplesData)
    {
        var ml = new MLContext(seed: 0);
        var training = IdxDataset.Load(samplesData, "train");
        var rows = Enumerable.Range(0, Rows).Select(i => training[i % training.Length]).ToArray();
        var data = ml.Data.LoadFromEnumerable(rows);
        var keys = ml.Transforms.Conversion.MapValueToKey("Label").Fit(data);
        var model = ml.MulticlassClassification.Trainers.RegularizedMlp(new RegularizedMlpMulticlassTrainer.Options(MlpPreset.Pixels) { Epochs = 2, NumberOfThreads = 1 })
            .Fit(keys.Transform(ml.Data.LoadFromEnumerable(training)));
        using var saved = new MemoryStream();
        ml.Model.Save(model, keys.Transform(data).Schema, saved);
        saved.Position = 0;
        var loaded = new MLContext().Model.Load(saved, out _);
        var engine = ml.Model.CreatePredictionEngine<ImageRow, Prediction>(model);

        Console.WriteLine($"Scoring {Rows} Fashion-MNIST rows with a 784-512-256-10 MLP, {Rounds} rounds, median rows per second");
        var keyed = keys.Transform(data);
        var timings = new Dictionary<string, List<double>> { ["Transform (batches)"] = [], ["loaded model (row by row)"] = [], ["PredictionEngine (row by row)"] = [] };
        for (int round = 0; round < Rounds; round++)
        {
            timings["Transform (batches)"].Add(Time(() => model.Transform(keyed).GetColumn<float[]>("Score").Count()));
            timings["loaded model (row by row)"].Add(Time(() => loaded.Transform(keyed).GetColumn<float[]>("Score").Count()));
            timings["PredictionEngine (row by row)"].Add(Time(() => rows.Count(r => engine.Predict(r).Score.Length > 0)));
        }
        double batched = Median(timings["Transform (batches)"]);
        Console.WriteLine($"{"",-32}{"rows/s",12}{"batches / this",16}");
        foreach (var (name, seconds) in timings)
            Console.WriteLine($"{name,-32}{Rows / Median(seconds),12:N0}{Median(seconds) / batched,16:F2}");
        return 0;
    }

    private static double Time(Func<int> score)
    {
        var timer = Stopwatch.StartNew();
        if (score() != Rows) throw new InvalidOperationException("Not every row was scored.");
        return timer.Elapsed.TotalSeconds;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private sealed class Prediction
    {
        public float[] Score { get; set; } = [];
    }
}
