using System.Globalization;

namespace MLNet.Regularization.Benchmarks.Tuning;

/// <summary>Command-line arguments of <c>--tuning</c>.</summary>
/// <param name="DataSets">The data sets to run, in the order of <see cref="TuningDataSet.Names"/>.</param>
/// <param name="Arms">The arms to run, in the order of <see cref="TuningArm.All"/>.</param>
/// <param name="FirstSeed">The first seed: the runs take seeds FirstSeed..FirstSeed + Seeds - 1.</param>
/// <param name="Seeds">The number of seeds.</param>
/// <param name="Budgets">The wall time of every search, by data set.</param>
/// <param name="Threads">NumberOfThreads of every fit.</param>
/// <param name="TabularData">The folder holding digits.csv.gz.</param>
/// <param name="FashionData">The folder of Fashion-MNIST-small's four IDX gz files.</param>
/// <param name="Markdown">The file the report is written to, or <see langword="null"/>.</param>
/// <param name="Plots">The folder the tpe-asha searches' plots and leaderboards are written to, or <see langword="null"/>.</param>
internal sealed record TuningSettings(
    IReadOnlyList<string> DataSets, IReadOnlyList<TuningArm> Arms, int FirstSeed, int Seeds, IReadOnlyDictionary<string, TimeSpan> Budgets,
    int Threads, string TabularData, string FashionData, string? Markdown, string? Plots)
{
    public const string Usage =
        "Usage: dotnet MLNet.Regularization.Benchmarks.dll --tuning [--data-sets digits,fashion-mnist-small] [--arms random,tpe,random-asha,tpe-asha,defaults]\n" +
        "         [--seeds 3] [--first-seed 1] [--budget digits:120,fashion-mnist-small:300] [--threads 2]\n" +
        "         [--tabular-data <folder>] [--fashion-data <folder>] [--markdown <file>] [--plots <folder>]\n" +
        "  --data-sets     digits (80/20 split per seed, Model Builder features) and/or fashion-mnist-small (5,000 training, 1,000 test images)\n" +
        "  --arms          random, tpe (samplers without pruning), random-asha, tpe-asha (with AshaPruner), defaults (one fit, no search); default: all\n" +
        "  --seeds         N runs with seeds first..first+N-1: the search's seed (sampler, hold-out, training) and digits' split\n" +
        "  --budget        wall seconds of every search, per data set (data-set:seconds,...)\n" +
        "  --threads       NumberOfThreads of every fit (default 2)\n" +
        "  --tabular-data  folder with digits.csv.gz; default ../shared/data/tabular relative to the repository root\n" +
        "  --fashion-data  folder with the four IDX gz files; default samples/data/fashion-mnist-small\n" +
        "  --markdown      also writes the report to this file\n" +
        "  --plots         writes each tpe-asha search's learning curves and optimization history (PNG) and leaderboard (CSV) to this folder";

    /// <summary>Parses the arguments; returns <see langword="null"/> with <paramref name="error"/> set for a bad argument, or with
    /// <paramref name="error"/> <see langword="null"/> when help was asked for.</summary>
    public static TuningSettings? Parse(string[] args, string repoRoot, out string? error)
    {
        var dataSets = TuningDataSet.Names;
        var arms = TuningArm.All;
        int seeds = 3, firstSeed = 1, threads = 2;
        var budgets = new Dictionary<string, TimeSpan>
        {
            [TuningDataSet.Digits] = TimeSpan.FromSeconds(120),
            [TuningDataSet.FashionMnistSmall] = TimeSpan.FromSeconds(300),
        };
        string tabularData = Path.Combine(repoRoot, "..", "shared", "data", "tabular");
        string fashionData = Path.Combine(repoRoot, "samples", "data", "fashion-mnist-small");
        string? markdown = null, plots = null;
        for (int i = 0; i < args.Length; i++)
        {
            string name = args[i];
            if (name == "--tuning") continue;
            if (name is "-h" or "--help")
            {
                error = null;
                return null;
            }
            if (i + 1 >= args.Length)
            {
                error = $"Argument {name} needs a value.";
                return null;
            }
            string value = args[++i];
            try
            {
                switch (name)
                {
                    case "--data-sets":
                        var names = List(value);
                        var unknown = names.Except(TuningDataSet.Names).ToArray();
                        if (unknown.Length > 0 || names.Length == 0)
                            throw new ArgumentException($"--data-sets: unknown data set {string.Join(", ", unknown)}; known: {string.Join(", ", TuningDataSet.Names)}.");
                        dataSets = [.. TuningDataSet.Names.Where(names.Contains)];
                        break;
                    case "--arms":
                        var armNames = List(value);
                        var unknownArms = armNames.Where(a => TuningArm.Find(a) is null).ToArray();
                        if (unknownArms.Length > 0 || armNames.Length == 0)
                            throw new ArgumentException($"--arms: unknown arm {string.Join(", ", unknownArms)}; known: {string.Join(", ", TuningArm.All.Select(a => a.Name))}.");
                        arms = [.. TuningArm.All.Where(a => armNames.Contains(a.Name))];
                        break;
                    case "--seeds":
                        seeds = Positive(name, value);
                        break;
                    case "--first-seed":
                        firstSeed = Positive(name, value);
                        break;
                    case "--threads":
                        threads = Positive(name, value);
                        break;
                    case "--budget":
                        foreach (string pair in List(value))
                        {
                            var parts = pair.Split(':');
                            if (parts.Length != 2 || !TuningDataSet.Names.Contains(parts[0])
                                || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) || !(seconds > 0))
                                throw new ArgumentException($"--budget takes data-set:seconds pairs with positive seconds, the data sets being " +
                                    $"{string.Join(", ", TuningDataSet.Names)} (as in digits:120,fashion-mnist-small:300); got {pair}.");
                            budgets[parts[0]] = TimeSpan.FromSeconds(seconds);
                        }
                        break;
                    case "--tabular-data":
                        tabularData = value;
                        break;
                    case "--fashion-data":
                        fashionData = value;
                        break;
                    case "--markdown":
                        markdown = Path.GetFullPath(value);
                        break;
                    case "--plots":
                        plots = Path.GetFullPath(value);
                        break;
                    default:
                        throw new ArgumentException($"Unknown argument {name} {value}.");
                }
            }
            catch (ArgumentException e)
            {
                error = e.Message;
                return null;
            }
        }
        error = null;
        return new TuningSettings(dataSets, arms, firstSeed, seeds, budgets, threads, Path.GetFullPath(tabularData), Path.GetFullPath(fashionData),
            markdown, plots);
    }

    private static int Positive(string name, string value) =>
        int.TryParse(value, CultureInfo.InvariantCulture, out int n) && n > 0 ? n : throw new ArgumentException($"{name} takes a positive integer; got {value}.");

    private static string[] List(string value) => value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
