using System.Runtime.CompilerServices;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;
using MLNet.Regularization;

/// <summary>
/// Fits, scores, saves, loads and disposes models of every task, and prints after each step the number of entries in the
/// process's temporary folder (<see cref="Path.GetTempPath"/>; a test points it at an empty folder of its own through
/// TMPDIR) that were not there before the first fit, as lines "step: count". The first line, "baseline: names", lists
/// the entries there before: the .NET runtime's diagnostic pipes (removed at exit) and ONNX Runtime's telemetry session
/// file (.ses, kept for later processes), which ONNX Runtime writes when it starts. Models saved go to the work folder.
/// </summary>
internal static class TemporaryFilesProbe
{
    private const int FeatureCount = 4;
    private const int FitsPerTask = 3;

    public static int Run(string workFolder)
    {
        var temporary = Path.GetTempPath();
        OrtEnv.Instance(); // starts ONNX Runtime, which writes its own session file
        var baseline = Directory.EnumerateFileSystemEntries(temporary).Select(Path.GetFileName).ToHashSet();
        Console.WriteLine($"baseline: {string.Join(" ", baseline)}");
        void Report(string step) =>
            Console.WriteLine($"{step}: {Directory.EnumerateFileSystemEntries(temporary).Count(e => !baseline.Contains(Path.GetFileName(e)))}");

        var kept = new List<ITransformer>();
        foreach (var task in new[] { "binary", "multiclass", "regression" })
        {
            var ml = new MLContext(seed: 1);
            var data = Data(ml, task);

            for (int i = 0; i < FitsPerTask; i++)
            {
                using var model = Fit(ml, task, data);
                Score(model, data);
            }
            Report($"{task}: {FitsPerTask} fits, each scored and disposed");

            var path = Path.Combine(workFolder, $"{task}.zip");
            using (var model = Fit(ml, task, data))
            {
                ml.Model.Save(model, data.Schema, path);
                ml.Model.Save(model, data.Schema, path); // a second save finds the graph again
            }
            var loaded = new MLContext().Model.Load(path, out _);
            Score(loaded, data);
            ((IDisposable)loaded).Dispose();
            Report($"{task}: fit, saved twice, disposed; loaded, scored, disposed");

            kept.Add(Fit(ml, task, data));
            Report($"{task}: fit, not disposed");
        }

        LoadAndDrop(Path.Combine(workFolder, "binary.zip"));
        GC.Collect();
        GC.WaitForPendingFinalizers();
        Report("loaded, not disposed, after a garbage collection");

        GC.KeepAlive(kept);
        return 0;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void LoadAndDrop(string path) => new MLContext().Model.Load(path, out _);

    private static RegularizedNetworkModel Fit(MLContext ml, string task, IDataView data) => task switch
    {
        "binary" => ml.BinaryClassification.Trainers.RegularizedMlp(Options(new RegularizedMlpBinaryTrainer.Options())).Fit(data),
        "multiclass" => ml.MulticlassClassification.Trainers.RegularizedMlp(Options(new RegularizedMlpMulticlassTrainer.Options())).Fit(data),
        _ => ml.Regression.Trainers.RegularizedMlp(Options(new RegularizedMlpRegressionTrainer.Options())).Fit(data),
    };

    private static T Options<T>(T options) where T : RegularizedMlpOptions
    {
        options.HiddenLayers = [8];
        options.Epochs = 2;
        options.NumberOfThreads = 1;
        options.Seed = 1;
        return options;
    }

    private static void Score(ITransformer model, IDataView data)
    {
        var scored = model.Transform(data);
        using var cursor = scored.GetRowCursor(scored.Schema);
        while (cursor.MoveNext()) { }
    }

    /// <summary>200 rows whose label follows the first feature: bool, a key of three classes, or a float.</summary>
    private static IDataView Data(MLContext ml, string task)
    {
        var random = new Random(1);
        var rows = Enumerable.Range(0, 200).Select(_ => new Row
        {
            Features = Enumerable.Range(0, FeatureCount).Select(_ => (float)random.NextDouble() * 2 - 1).ToArray(),
        }).ToArray();
        foreach (var row in rows) row.Value = row.Features[0];
        var data = ml.Data.LoadFromEnumerable(rows);
        return task switch
        {
            "binary" => ml.Transforms.CustomMapping((Row r, BoolLabel l) => l.Label = r.Value > 0, null).Fit(data).Transform(data),
            "multiclass" => ml.Transforms.CustomMapping((Row r, TextLabel l) => l.Label = r.Value < -0.3f ? "low" : r.Value < 0.3f ? "mid" : "high", null)
                .Append(ml.Transforms.Conversion.MapValueToKey("Label")).Fit(data).Transform(data),
            _ => ml.Transforms.CopyColumns("Label", nameof(Row.Value)).Fit(data).Transform(data),
        };
    }

    private sealed class Row
    {
        [VectorType(FeatureCount)] public float[] Features { get; set; } = [];
        public float Value { get; set; }
    }

    private sealed class BoolLabel
    {
        public bool Label { get; set; }
    }

    private sealed class TextLabel
    {
        public string Label { get; set; } = "";
    }
}
