using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.ML;
using MLNet.Regularization.Tuning;
using static MLNet.Regularization.Benchmarks.Measurement;

namespace MLNet.Regularization.Benchmarks.Tuning;

/// <summary>
/// The wall time of one search of a fixed number of trials (random sampling, no pruning, seed 1) on digits (the seed-1 80 %
/// training split of <c>--tuning</c>) with one worker (ThreadsPerTrial 2) and with two worker processes (ThreadsPerTrial 1),
/// in the same run, their order alternating over the rounds (odd rounds start with one worker). Every search keeps its trials
/// in its own SQLite file of a private temporary folder, deleted afterwards. Prints each search's wall time, the mean
/// two-worker over one-worker ratio (target: at most 0.6), and checks that every search completed its trials and that two
/// distinct workers ran the two-worker searches' trials (exit code 1 when a check fails):
///   --tuning-workers [--trials 8] [--rounds 2] [--tabular-data <folder>]
/// </summary>
internal static class TuningWorkersBenchmark
{
    private const double Target = 0.6;

    private const string Usage =
        "Usage: dotnet MLNet.Regularization.Benchmarks.dll --tuning-workers [--trials 8] [--rounds 2] [--tabular-data <folder>]\n" +
        "  --trials        trials of every search (no pruning, RandomSampler, seed 1)\n" +
        "  --rounds        rounds of one search with 1 worker and one with 2 workers, alternating which comes first\n" +
        "  --tabular-data  folder with digits.csv.gz; default ../shared/data/tabular relative to the repository root";

    public static int Run(string[] args, string repoRoot)
    {
        int trials = 8, rounds = 2;
        string data = Path.Combine(repoRoot, "..", "shared", "data", "tabular");
        for (int i = 0; i < args.Length; i++)
        {
            string name = args[i];
            if (name == "--tuning-workers") continue;
            if (name is "-h" or "--help")
            {
                Console.WriteLine(Usage);
                return 0;
            }
            string? value = i + 1 < args.Length ? args[++i] : null;
            bool ok = value is not null && name switch
            {
                "--trials" => int.TryParse(value, CultureInfo.InvariantCulture, out trials) && trials > 0,
                "--rounds" => int.TryParse(value, CultureInfo.InvariantCulture, out rounds) && rounds > 0,
                "--tabular-data" => (data = value).Length > 0,
                _ => false,
            };
            if (!ok)
            {
                Console.Error.WriteLine(value is null ? $"Argument {name} needs a value." : $"Unknown argument or bad value: {name} {value}");
                Console.Error.WriteLine(Usage);
                return 2;
            }
        }
        var settings = TuningSettings.Parse(["--tabular-data", data], repoRoot, out _)!;
        var missing = TuningDataSet.Missing(TuningDataSet.Digits, settings).ToArray();
        if (missing.Length > 0)
        {
            Console.Error.WriteLine($"Data not found: {string.Join(", ", missing)}; pass --tabular-data <folder> (digits.csv.gz).");
            return 2;
        }

        Console.WriteLine(Invariant($"Tuning workers: digits (seed-1 80 % split), RegularizedMlp MlpPreset.Tabular (EnsembleSize 1), {trials} trials per search, ") +
            Invariant($"RandomSampler, no pruning, seed 1; 1 worker x 2 threads against 2 workers x 1 thread, {rounds} round(s); {Environment.ProcessorCount} cores."));
        string folder = Directory.CreateTempSubdirectory("mlnet-tuning-workers-").FullName;
        var seconds = new Dictionary<int, List<double>> { [1] = [], [2] = [] };
        var problems = new List<string>();
        try
        {
            var (train, _) = TuningDataSet.Open(TuningDataSet.Digits, settings, folder).Split(new MLContext(1), 1);
            WarmUp(train);
            for (int round = 1; round <= rounds; round++)
            {
                int[] order = round % 2 == 1 ? [1, 2] : [2, 1];
                foreach (int workers in order)
                {
                    CollectGarbage();
                    string storage = "sqlite:" + Path.Combine(folder, $"round{round}-workers{workers}.db");
                    var search = new MLContext(1).Tuning().CreateSearch(Options(), new SearchOptions
                    {
                        Name = $"workers-{workers}", Storage = storage, Sampler = new RandomSampler(), Pruner = null, MaxTrials = trials, Seed = 1,
                        Workers = workers, ThreadsPerTrial = workers == 1 ? 2 : 1,
                    });
                    var timer = Stopwatch.StartNew();
                    var result = search.Run(train);
                    double wall = timer.Elapsed.TotalSeconds;
                    seconds[workers].Add(wall);
                    var check = Check(result, trials, workers);
                    if (check is not null) problems.Add(Invariant($"round {round}, {workers} worker(s): {check}"));
                    var byWorker = result.Trials.GroupBy(t => t.Worker).Select(g => $"{g.Key} {g.Count()}");
                    Console.WriteLine(Invariant($"round {round}  {workers} worker(s) x {(workers == 1 ? 2 : 1)} thread(s)  wall {wall,6:F1} s  ") +
                        Invariant($"{result.Trials.Count(t => t.State == TrialState.Complete)}/{trials} complete, trials by worker: {string.Join(", ", byWorker)}") +
                        (check is null ? "" : $"  CHECK FAILED: {check}"));
                    foreach (string note in result.Notes) Console.WriteLine($"  note: {note}");
                }
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }

        double one = seconds[1].Average(), two = seconds[2].Average(), ratio = two / one;
        Console.WriteLine();
        Console.WriteLine(Invariant($"1 worker x 2 threads: {one:F1} s mean wall time ({string.Join(", ", seconds[1].Select(s => s.ToString("F1", CultureInfo.InvariantCulture)))})"));
        Console.WriteLine(Invariant($"2 workers x 1 thread: {two:F1} s mean wall time ({string.Join(", ", seconds[2].Select(s => s.ToString("F1", CultureInfo.InvariantCulture)))})"));
        Console.WriteLine(Invariant($"Target 2 workers / 1 worker wall time <= {Target}: {ratio:F3} {(ratio <= Target ? "met" : "NOT met")}"));
        Console.WriteLine(problems.Count == 0
            ? "Checks: every search completed its trials; every two-worker search ran trials in two distinct workers."
            : $"Checks FAILED: {string.Join("; ", problems)}");
        return problems.Count == 0 ? 0 : 1;
    }

    /// <summary>Digits' default tabular options with one network; NumberOfThreads is left to the search's ThreadsPerTrial.</summary>
    private static RegularizedMlpMulticlassTrainer.Options Options() => new() { EnsembleSize = 1 };

    /// <summary>What is wrong with a search's trials, or <see langword="null"/>.</summary>
    private static string? Check(SearchResult result, int trials, int workers)
    {
        var problems = new List<string>();
        if (result.Trials.Count != trials || result.Trials.Any(t => t.State != TrialState.Complete))
            problems.Add($"{result.Trials.Count(t => t.State == TrialState.Complete)} of {trials} trials complete " +
                $"({string.Join(", ", result.Trials.GroupBy(t => t.State).Select(g => $"{g.Count()} {g.Key.ToString().ToLowerInvariant()}"))})");
        int distinct = result.Trials.Select(t => t.Worker).Distinct().Count();
        if (workers > 1 && distinct != workers) problems.Add($"{distinct} distinct worker(s) ran trials, not {workers}");
        if (result.Notes.Count > 0) problems.Add($"{result.Notes.Count} note(s) from the workers");
        return problems.Count == 0 ? null : string.Join("; ", problems);
    }

    /// <summary>One untimed single-epoch trial, so that loading libtorch and compiling the search's code is not charged to the first search.</summary>
    private static void WarmUp(IDataView train)
    {
        var options = Options();
        options.Epochs = 1;
        new MLContext(0).Tuning().CreateSearch(options, new SearchOptions { Name = "warm-up", MaxTrials = 1, Seed = 0, ThreadsPerTrial = 2 }).Run(train);
        CollectGarbage();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
