using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using MLNet.Regularization.Tuning;
using static MLNet.Regularization.Benchmarks.Measurement;

namespace MLNet.Regularization.Benchmarks.Tuning;

/// <summary>
/// Random search, TPE, and each with ASHA pruning, against the trainer's defaults: RegularizedMlp on digits (the Model Builder
/// features of <c>--tabular</c>, a seeded 80/20 split) and on Fashion-MNIST-small's pixels (5,000 training, 1,000 test images).
/// Every search tunes the default space of the trainer's options (<c>mlContext.Tuning().DefaultSpace</c>; EnsembleSize 1,
/// epochs at their defaults) for the same wall time per data set (MaxTime; no trial starts after it, a running one finishes),
/// scoring trials by MicroAccuracy on its seeded 20 % hold-out, with Seed = the run's seed; its best options are then fitted on
/// the whole training set (<c>FitBest</c>) and scored on the test set. The defaults arm fits the default options once. Prints a
/// line per search, then per data set a Markdown table of mean ± sd over the seeds, and the targets: (a) tpe-asha reaches
/// random search's best validation accuracy in at most half of random's wall time; (b) the tuned model beats the defaults.
///   --tuning [--data-sets digits,fashion-mnist-small] [--arms random,tpe,random-asha,tpe-asha,defaults] [--seeds 3] [--first-seed 1]
///            [--budget digits:120,fashion-mnist-small:300] [--threads 2] [--tabular-data <folder>] [--fashion-data <folder>]
///            [--markdown <file>] [--plots <folder>]
/// The time to reach random's best is read from the trials' end times (a Progress receiver), so it counts whole trials.
/// </summary>
internal static class TuningBenchmark
{
    public static int Run(string[] args, string repoRoot)
    {
        var settings = TuningSettings.Parse(args, repoRoot, out string? argumentError);
        if (settings is null)
        {
            if (argumentError is null)
            {
                Console.WriteLine(TuningSettings.Usage);
                return 0;
            }
            Console.Error.WriteLine(argumentError);
            Console.Error.WriteLine(TuningSettings.Usage);
            return 2;
        }
        var missing = settings.DataSets.SelectMany(d => TuningDataSet.Missing(d, settings)).ToArray();
        if (missing.Length > 0)
        {
            Console.Error.WriteLine($"Data not found: {string.Join(", ", missing)}; pass --tabular-data <folder> (digits.csv.gz) or --fashion-data <folder> (IDX gz files).");
            return 2;
        }
        if (settings.Plots is string plots) Directory.CreateDirectory(plots);

        string run = Invariant($"Tuning benchmark: RegularizedMlpMulticlassTrainer, default search space, seeds {settings.FirstSeed}..{settings.FirstSeed + settings.Seeds - 1}, ") +
            Invariant($"budget {string.Join(", ", settings.DataSets.Select(d => $"{d} {settings.Budgets[d].TotalSeconds:0} s"))} per search, ") +
            Invariant($"threads {settings.Threads}, .NET {Environment.Version}, {Environment.ProcessorCount} cores.");
        Console.WriteLine(run);
        foreach (var arm in settings.Arms)
            Console.WriteLine($"  arm {arm.Name}: {Describe(arm)}");

        var runs = new List<TuningRun>();
        var failures = new List<string>();
        string scratch = Directory.CreateTempSubdirectory("mlnet-tuning-bench-").FullName;
        try
        {
            foreach (string name in settings.DataSets)
            {
                var set = TuningDataSet.Open(name, settings, scratch);
                Console.WriteLine();
                Console.WriteLine(set.Description);
                WarmUp(set, settings);
                for (int seed = settings.FirstSeed; seed < settings.FirstSeed + settings.Seeds; seed++)
                {
                    var (train, test) = set.Split(new MLContext(seed), seed);
                    foreach (var arm in settings.Arms)
                    {
                        string prefix = Invariant($"{set.Name,-19} seed {seed,2}  {arm.Name,-11}");
                        try
                        {
                            CollectGarbage();
                            var result = arm.IsSearch ? Search(set, arm, seed, train, test, settings) : Defaults(set, seed, train, test, settings);
                            runs.Add(result);
                            Console.WriteLine($"{prefix} {Describe(result, runs)}");
                        }
                        catch (Exception e) when (e is not OutOfMemoryException)
                        {
                            failures.Add($"{set.Name} seed {seed} {arm.Name}");
                            Console.WriteLine($"{prefix} FAILED: {e.GetType().Name}: {e.Message}");
                        }
                    }
                }
            }
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }

        string report = TuningReport.Markdown(runs, settings, failures, run);
        Console.WriteLine();
        Console.Write(report);
        if (settings.Markdown is string markdown)
        {
            File.WriteAllText(markdown, report);
            Console.WriteLine($"Markdown written to {markdown}");
        }
        return 0;
    }

    /// <summary>The base options of every arm: the data set's defaults with one network and <c>--threads</c> threads.</summary>
    private static RegularizedMlpMulticlassTrainer.Options Options(TuningDataSet set, TuningSettings settings)
    {
        var options = set.CreateOptions();
        options.EnsembleSize = 1;
        options.NumberOfThreads = settings.Threads;
        return options;
    }

    private static TuningRun Search(TuningDataSet set, TuningArm arm, int seed, IDataView train, IDataView test, TuningSettings settings)
    {
        var ml = new MLContext(seed);
        var clock = new TrialClock();
        var search = ml.Tuning().CreateSearch(Options(set, settings), new SearchOptions
        {
            Name = $"{set.Name}-{arm.Name}-seed{seed}",
            Sampler = arm.CreateSampler!(),
            Pruner = arm.CreatePruner?.Invoke(),
            MaxTrials = null,
            MaxTime = settings.Budgets[set.Name],
            Seed = seed,
            Progress = clock,
        });
        var started = Stopwatch.StartNew();
        var result = search.Run(train);
        double seconds = started.Elapsed.TotalSeconds;

        var fitting = Stopwatch.StartNew();
        using var model = result.FitBest(train);
        double fitSeconds = fitting.Elapsed.TotalSeconds;
        double testAccuracy = ml.MulticlassClassification.Evaluate(model.Transform(test)).MicroAccuracy;

        if (arm.Name == TuningArm.TpeAsha && settings.Plots is string plots)
        {
            string stem = Path.Combine(plots, $"{set.Name}-seed{seed}-{arm.Name}");
            result.SaveLearningCurves(stem + "-learning-curves.png");
            result.SaveOptimizationHistory(stem + "-optimization-history.png");
            result.SaveCsv(stem + "-leaderboard.csv");
        }
        foreach (string note in result.Notes) Console.WriteLine($"  note: {note}");
        return new TuningRun(set.Name, arm.Name, seed, seconds,
            result.Trials.Count(t => t.State == TrialState.Complete), result.Trials.Count(t => t.State == TrialState.Pruned),
            result.Trials.Count(t => t.State == TrialState.Failed), result.BestTrial.Value,
            TuningRun.Improvements(clock.Ends, result.HigherIsBetter), testAccuracy, fitSeconds);
    }

    private static TuningRun Defaults(TuningDataSet set, int seed, IDataView train, IDataView test, TuningSettings settings)
    {
        var ml = new MLContext(seed);
        var options = Options(set, settings);
        options.Seed = seed;
        var fitting = Stopwatch.StartNew();
        using var model = ml.MulticlassClassification.Trainers.RegularizedMlp(options).Fit(train);
        double seconds = fitting.Elapsed.TotalSeconds;
        double testAccuracy = ml.MulticlassClassification.Evaluate(model.Transform(test)).MicroAccuracy;
        return new TuningRun(set.Name, TuningArm.Defaults, seed, seconds, 0, 0, 0, null, [], testAccuracy, seconds);
    }

    /// <summary>One untimed search of one single-epoch trial and its FitBest, so that loading libtorch and ONNX Runtime and
    /// compiling the search's code is not charged to the first arm.</summary>
    private static void WarmUp(TuningDataSet set, TuningSettings settings)
    {
        var ml = new MLContext(0);
        var (train, _) = set.Split(ml, 0);
        var options = Options(set, settings);
        options.Epochs = 1;
        var result = ml.Tuning().CreateSearch(options, new SearchOptions { Name = "warm-up", MaxTrials = 1, Seed = 0 }).Run(train);
        using var model = result.FitBest(train);
        CollectGarbage();
    }

    private static string Describe(TuningArm arm) => arm.IsSearch
        ? $"{arm.CreateSampler!().GetType().Name}, {(arm.CreatePruner is null ? "no pruning" : arm.CreatePruner().GetType().Name)}, then FitBest on the training set"
        : "the default options, one fit on the training set";

    /// <summary>The line of one run; a search after random's on the same data set and seed also says when it reached random's best.</summary>
    private static string Describe(TuningRun run, IReadOnlyList<TuningRun> runs)
    {
        if (run.BestValidation is not double best)
            return Invariant($"fit  {run.Seconds,6:F1} s  (no search)  test {run.TestAccuracy:F4}");
        string reach = "";
        var random = runs.FirstOrDefault(r => r.DataSet == run.DataSet && r.Seed == run.Seed && r.Arm == TuningArm.Random);
        if (random?.BestValidation is double target)
            reach = run.TimeToReach(target) is double t ? Invariant($"  reached random's best at {t:F0} s") : "  never reached random's best";
        return Invariant($"wall {run.Seconds,6:F1} s  trials {run.Trials,3} ({run.Complete} complete, {run.Pruned} pruned, {run.Failed} failed)  ") +
            Invariant($"best validation {best:F4}  test {run.TestAccuracy:F4} (FitBest {run.FitSeconds:F1} s){reach}");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
