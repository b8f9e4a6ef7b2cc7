using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;
using MLNet.Regularization.Samples;

namespace MLNet.Regularization.Benchmarks;

/// <summary>
/// Peak memory of one training epoch (a 784-256-128-10 MLP, batch 128) against the bytes of the features, and the throughput of the disk cache against memory.
/// Full Fashion-MNIST (60,000 x 784) is written, its rows repeated 1, 2 and 4 times, to ML.NET binary files that are read
/// lazily with <c>LoadFromBinary</c> (so the source data is not in memory); each fit runs in a child process of its own, which
/// reports its peak working set (VmHWM). The fixed overhead is the peak of a process that reads the whole file once (ML.NET's
/// loader keeps about 110 MB of buffers after that, whatever the file's size) and then trains the same network for as many
/// optimizer steps as one epoch of 60,000 rows, on 1,000 rows (so the allocator's working memory of training is counted).
/// </summary>
/// <remarks>
/// <c>--memory [--data folder] [--repeats 1,2,4] [--threads 2] [--limit-mb 64]</c>. The disk cache runs on the largest file with
/// <c>MemoryLimit</c> set to <c>--limit-mb</c>, far below the data, and on the smallest for the throughput ratio.
/// </remarks>
internal static class MemoryBenchmark
{
    public static int Run(string[] args, string repoRoot)
    {
        string data = Argument(args, "--data") ?? Path.Combine(repoRoot, "..", "shared", "data", "fashion-mnist");
        int[] repeats = (Argument(args, "--repeats") ?? "1,2,4").Split(',').Select(int.Parse).ToArray();
        int threads = int.Parse(Argument(args, "--threads") ?? "2", CultureInfo.InvariantCulture);
        long limit = long.Parse(Argument(args, "--limit-mb") ?? "64", CultureInfo.InvariantCulture) << 20;
        if (!File.Exists(Path.Combine(data, "train-images-idx3-ubyte.gz")))
        {
            Console.Error.WriteLine($"Fashion-MNIST not found in {data}; pass --data <folder> with the IDX gz files.");
            return 2;
        }

        var folder = Directory.CreateTempSubdirectory("mlnet-regularization-memory-");
        try
        {
            var rows = IdxDataset.Load(data, "train");
            Console.WriteLine($"Fashion-MNIST train: {rows.Length} rows x 784 features; one epoch of a 784-256-128-10 MLP (batch 128, otherwise the default options), {threads} threads, a child process per fit");
            var files = repeats.ToDictionary(r => r, r => Write(rows, r, Path.Combine(folder.FullName, $"x{r}.idv")));
            rows = null;

            // The fixed overhead: the same training, as many optimizer steps as one epoch of the smallest file, on 1,000 rows.
            var baseline = Child(files[repeats[0]], DataStorage.Memory, null, threads, takeRows: 1000, epochs: 60);
            Console.WriteLine($"Fixed overhead (the file read once, then as many steps as one epoch of 60,000 rows, on 1,000 rows): peak working set {Mb(baseline.Peak)}");
            Console.WriteLine();
            Console.WriteLine($"| Rows | Feature bytes | Storage | Peak working set | Peak - overhead | / feature bytes | s/epoch | rows/s |");
            Console.WriteLine($"|---:|---:|---|---:|---:|---:|---:|---:|");
            void Print(Result r)
            {
                long features = (long)r.Rows * 784 * sizeof(float);
                Console.WriteLine($"| {r.Rows:N0} | {Mb(features)} | {r.Storage}{(r.Storage == "DiskCache" ? $" (limit {Mb(limit)})" : "")} | {Mb(r.Peak)} | " +
                    $"{Mb(r.Peak - baseline.Peak)} | {(double)(r.Peak - baseline.Peak) / features:F2} | {r.EpochSeconds:F1} | {r.Rows / r.EpochSeconds:N0} |");
            }
            foreach (int r in repeats) Print(Child(files[r], DataStorage.Memory, null, threads));
            foreach (int r in new[] { repeats[0], repeats[^1] }.Distinct()) Print(Child(files[r], DataStorage.DiskCache, limit, threads));

            // Throughput: memory and disk cache alternate on the smallest file, three rounds each.
            var ratios = new List<double>();
            for (int round = 0; round < 3; round++)
            {
                var memory = Child(files[repeats[0]], DataStorage.Memory, null, threads);
                var disk = Child(files[repeats[0]], DataStorage.DiskCache, limit, threads);
                ratios.Add(memory.EpochSeconds / disk.EpochSeconds);
            }
            Console.WriteLine();
            Console.WriteLine($"Disk cache throughput / in-memory throughput, {Mb((long)repeats[0] * 60000 * 784 * 4)} of features, " +
                $"three alternating rounds: {string.Join(", ", ratios.Select(r => r.ToString("F2", CultureInfo.InvariantCulture)))} (median {ratios.Order().ElementAt(1):F2})");
            return 0;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>The child's side: one fit, then its peak working set and epoch time as a JSON line.</summary>
    public static int RunChild(string[] args)
    {
        string file = args[1];
        var storage = Enum.Parse<DataStorage>(args[2]);
        long? limit = args[3] == "-" ? null : long.Parse(args[3], CultureInfo.InvariantCulture);
        int threads = int.Parse(args[4], CultureInfo.InvariantCulture);
        int take = int.Parse(args[5], CultureInfo.InvariantCulture);
        int epochs = int.Parse(args[6], CultureInfo.InvariantCulture);
        var ml = new MLContext(seed: 1);
        IDataView data = ml.Data.LoadFromBinary(file);
        if (take > 0)
        {
            // The fixed overhead includes what ML.NET's loader keeps after reading the whole file (its buffer pools).
            using (var cursor = data.GetRowCursor(data.Schema))
                while (cursor.MoveNext()) { }
            data = ml.Data.TakeRows(data, take);
        }
        using var model = ml.MulticlassClassification.Trainers.RegularizedMlp(new RegularizedMlpMulticlassTrainer.Options(MlpPreset.Pixels)
        {
            Epochs = epochs,
            HiddenLayers = [256, 128],
            BatchSize = 128,
            NumberOfThreads = threads,
            DataStorage = storage,
            MemoryLimit = limit,
            Seed = 1,
        }).Fit(data);
        var report = model.TrainingReport;
        Console.WriteLine(JsonSerializer.Serialize(new Result(report.TrainingRows, report.DataStorage.ToString(), PeakWorkingSet(),
            report.Epochs[0].Duration.TotalSeconds)));
        return 0;
    }

    private sealed record Result(int Rows, string Storage, long Peak, double EpochSeconds);

    private static string Write(ImageRow[] rows, int repeat, string path)
    {
        var ml = new MLContext(seed: 1);
        var view = ml.Data.LoadFromEnumerable(Enumerable.Range(0, repeat).SelectMany(_ => rows));
        var keyed = ml.Transforms.Conversion.MapValueToKey("Label", keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByValue)
            .Fit(ml.Data.LoadFromEnumerable(rows)).Transform(view);
        using var stream = File.Create(path);
        ml.Data.SaveAsBinary(ml.Transforms.SelectColumns("Features", "Label").Fit(keyed).Transform(keyed), stream, keepHidden: false);
        return path;
    }

    private static Result Child(string file, DataStorage storage, long? limit, int threads, int takeRows = 0, int epochs = 1)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!)
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "MLNet.Regularization.Benchmarks.dll") }
            .Where(_ => Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet"))
            start.ArgumentList.Add(argument);
        foreach (var argument in new[] { "--memory-child", file, storage.ToString(), limit?.ToString(CultureInfo.InvariantCulture) ?? "-",
            threads.ToString(CultureInfo.InvariantCulture), takeRows.ToString(CultureInfo.InvariantCulture), epochs.ToString(CultureInfo.InvariantCulture) })
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"The child fit failed ({process.ExitCode}): {output}");
        return JsonSerializer.Deserialize<Result>(output.Trim().Split('\n')[^1])!;
    }

    /// <summary>The process's peak resident set (VmHWM) in bytes; elsewhere than Linux, the peak working set .NET reports.</summary>
    private static long PeakWorkingSet()
    {
        const string status = "/proc/self/status";
        if (File.Exists(status))
            foreach (var line in File.ReadLines(status))
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        return Process.GetCurrentProcess().PeakWorkingSet64;
    }

    private static string Mb(long bytes) => $"{bytes / 1048576.0:N0} MB";

    private static string? Argument(string[] args, string name) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
