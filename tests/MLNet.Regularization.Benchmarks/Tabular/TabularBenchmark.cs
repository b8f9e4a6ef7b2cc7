using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Microsoft.ML;
using static MLNet.Regularization.Benchmarks.Measurement;

namespace MLNet.Regularization.Benchmarks.Tabular;

/// <summary>
/// The pack's RegularizedMlp against ML.NET's LightGbm, FastTree and SDCA on the tabular data sets of
/// <c>../shared/data/tabular</c>, each arm at the end of the same Model Builder pipeline (<see cref="TabularPipeline"/>), on
/// an 80/20 train/test split for each seed (1..N unless --first-seed moves them; --sorted puts the rows in class runs first). Prints one line per fit, then the mean ± standard deviation over seeds per
/// data set and arm, each arm's difference to LightGbm and a summary line per arm:
///   --tabular [--data <folder>] [--data-sets adult,iris,...] [--seeds 5] [--first-seed 1] [--sorted] [--arms mlp,mlp-pixels,mlp-tuned,lightgbm,fasttree,sdca]
///             [--mlp-arm "name:Option=value;Option=value"]... [--threads T] [--markdown <file>]
/// </summary>
internal static class TabularBenchmark
{
    /// <summary>The test share of <c>TrainTestSplit</c>.</summary>
    private const double TestFraction = 0.2;

    public static int Run(string[] args, string repoRoot)
    {
        var settings = TabularSettings.Parse(args, repoRoot, out string? argumentError);
        if (settings is null)
        {
            if (argumentError is null)
            {
                Console.WriteLine(TabularSettings.Usage);
                return 0;
            }
            Console.Error.WriteLine(argumentError);
            Console.Error.WriteLine(TabularSettings.Usage);
            return 2;
        }
        var absent = settings.DataSets.SelectMany(d => d.Source.Files).Where(f => !File.Exists(Path.Combine(settings.Data, f))).ToArray();
        if (absent.Length > 0)
        {
            Console.Error.WriteLine($"Tabular data not found in {settings.Data}: {string.Join(", ", absent)}; pass --data <folder>.");
            return 2;
        }

        string run =
            Invariant($"Tabular benchmark: {settings.DataSets.Count} data set(s) from {settings.Data}, seeds {settings.FirstSeed}..{settings.FirstSeed + settings.Seeds - 1} (80/20 TrainTestSplit){(settings.Sorted ? ", rows sorted by label" : "")}, ") +
            Invariant($"threads {(settings.Threads is int t ? $"{t} (RegularizedMlp, LightGbm)" : "trainers' defaults")}, ") +
            Invariant($".NET {Environment.Version}, ML.NET {MlNetVersion()}, {Environment.ProcessorCount} cores.");
        Console.WriteLine(run);
        foreach (var arm in settings.Arms)
            Console.WriteLine($"  arm {arm.Name}: {arm.Description}");

        var results = new TabularResults(settings.DataSets, settings.Arms);
        string scratch = Path.Combine(Path.GetTempPath(), $"mlnet-tabular-{Guid.NewGuid():N}");
        Directory.CreateDirectory(scratch);
        try
        {
            foreach (var set in settings.DataSets)
            {
                string path = set.Source.Prepare(settings.Data, scratch);
                RunDataSet(settings, set, settings.Sorted ? TabularSource.SortedByLabel(set, path, scratch) : path, results);
            }
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }

        Console.WriteLine();
        Console.Write(TabularReport.Console(results));
        if (settings.Markdown is string markdown)
        {
            File.WriteAllText(markdown, TabularReport.Markdown(results, run));
            Console.WriteLine($"Markdown written to {markdown}");
        }
        return 0;
    }

    private static bool s_warmedUp;

    private static void RunDataSet(TabularSettings settings, TabularDataSet set, string path, TabularResults results)
    {
        Console.WriteLine();
        var first = new MLContext(seed: 1);
        var all = TabularPipeline.Load(first, set, path);
        var firstSplit = first.Data.TrainTestSplit(all, TestFraction, seed: 1);
        var featurizer = TabularPipeline.Featurize(first, set).Fit(firstSplit.TrainSet);
        Console.WriteLine(TabularDataSummary.Describe(set, all, firstSplit.TrainSet, firstSplit.TestSet, featurizer));
        if (!s_warmedUp)
        {
            // One untimed fit per arm first, so that loading native libraries and compiling code once per process (LightGbm's,
            // TorchSharp's, ONNX Runtime's) is not charged to whichever fit comes first.
            foreach (var arm in settings.Arms)
                TabularPipeline.Build(first, set, arm.CreateWarmUpTrainer(first, set.Task, settings.Threads)).Fit(firstSplit.TrainSet);
            s_warmedUp = true;
        }

        for (int seed = settings.FirstSeed; seed < settings.FirstSeed + settings.Seeds; seed++)
        {
            foreach (var arm in settings.Arms)
            {
                // A fresh MLContext per fit, so that a trainer's seed does not depend on which arms ran before it.
                var ml = new MLContext(seed);
                var split = ml.Data.TrainTestSplit(TabularPipeline.Load(ml, set, path), TestFraction, seed: seed);
                string prefix = Invariant($"{set.Name,-18} seed {seed,2}  {arm.Name,-10}");
                try
                {
                    var pipeline = TabularPipeline.Build(ml, set, arm.CreateTrainer(ml, set.Task, seed, settings.Threads));
                    CollectGarbage();
                    var timer = Stopwatch.StartNew();
                    var model = pipeline.Fit(split.TrainSet);
                    double seconds = timer.Elapsed.TotalSeconds;
                    var score = TabularEvaluation.Evaluate(ml, set.Task, model.Transform(split.TestSet), seconds);
                    results.Add(set, arm, score);
                    Console.WriteLine($"{prefix} {Describe(set.Task, score)}");
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    results.AddFailure(set, arm);
                    Console.WriteLine($"{prefix} FAILED: {e.GetType().Name}: {e.Message}");
                }
            }
        }
    }

    private static string Describe(TabularTask task, TabularScore score) => Invariant(task switch
    {
        TabularTask.Binary => $"accuracy {score.Main:F4}  AUC {score.Auc:F4}  fit {score.FitSeconds,7:F2} s",
        TabularTask.Multiclass => $"accuracy {score.Main:F4}               fit {score.FitSeconds,7:F2} s",
        _ => $"RMSE {TabularEvaluation.FormatMain(task, score.Main)}  R² {score.RSquared:F4}  fit {score.FitSeconds,7:F2} s",
    });

    /// <summary>ML.NET's package version (its assembly version stays 1.0.0.0).</summary>
    private static string? MlNetVersion() =>
        typeof(MLContext).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0];

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
