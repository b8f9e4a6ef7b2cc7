using System.Globalization;

namespace MLNet.Regularization.Benchmarks.Tabular;

/// <summary>Command-line arguments of <c>--tabular</c>.</summary>
/// <param name="Data">The folder with the tabular files.</param>
/// <param name="DataSets">The data sets to run, in registry order.</param>
/// <param name="FirstSeed">The first seed: the runs take seeds FirstSeed..FirstSeed + Seeds - 1, of the split and of the trainers.</param>
/// <param name="Seeds">The number of seeds.</param>
/// <param name="Arms">The arms to run, in table order: the chosen built-in arms, then the <c>--mlp-arm</c> ones.</param>
/// <param name="Threads">NumberOfThreads of RegularizedMlp and LightGbm; <see langword="null"/> leaves the trainers' defaults.</param>
/// <param name="Markdown">The file the final tables are written to as Markdown, or <see langword="null"/>.</param>
/// <param name="Sorted">Whether the rows are sorted by label before the split, so that every training set comes in class runs.</param>
internal sealed record TabularSettings(
    string Data, IReadOnlyList<TabularDataSet> DataSets, int FirstSeed, int Seeds, IReadOnlyList<TabularArm> Arms, int? Threads, string? Markdown,
    bool Sorted)
{
    public const string Usage =
        "Usage: dotnet run -c Release --project tests/MLNet.Regularization.Benchmarks -- --tabular [--data <folder>] [--data-sets adult,iris,...]\n" +
        "         [--seeds 5] [--first-seed 1] [--sorted] [--arms mlp,mlp-pixels,mlp-tuned,lightgbm,fasttree,sdca] [--mlp-arm \"name:Option=value;Option=value\"]... [--threads T] [--markdown <file>]\n" +
        "  --data       folder with the tabular files; default ../shared/data/tabular relative to the repository root\n" +
        "  --data-sets  any of adult, california_housing, breast_cancer, iris, wine, digits, diabetes, penguins (default: all)\n" +
        "  --seeds      N runs with seeds 1..N: the 80/20 train/test split's seed and the trainers' (MLContext's and RegularizedMlp's)\n" +
        "  --first-seed the first of the seeds (default 1), e.g. 101 for runs apart from the reported ones\n" +
        "  --sorted     sorts the rows by label before the split, so that the training rows come in class runs\n" +
        "  --arms       built-in arms, any of mlp (MlpPreset.Tabular defaults), mlp-pixels (MlpPreset.Pixels), mlp-tuned (mlp's options tuned by a\n" +
        "               20-trial TPE/ASHA search of the default space on each training split, then FitBest), lightgbm, fasttree, sdca\n" +
        "               (default: all but mlp-tuned); differences are taken to lightgbm\n" +
        "  --mlp-arm    adds a RegularizedMlp arm with options changed, e.g. \"wide:HiddenLayers=1024,512;Dropout=0.3\" (repeatable; Preset=Pixels starts from that preset)\n" +
        "  --threads    NumberOfThreads of RegularizedMlp and LightGbm (default: the trainers' own)\n" +
        "  --markdown   also writes the final tables to this file as Markdown";

    /// <summary>Parses the arguments; returns <see langword="null"/> with <paramref name="error"/> set for a bad argument, or with
    /// <paramref name="error"/> <see langword="null"/> when help was asked for.</summary>
    public static TabularSettings? Parse(string[] args, string repoRoot, out string? error)
    {
        string data = Path.Combine(repoRoot, "..", "shared", "data", "tabular");
        var dataSets = TabularDataSets.All;
        var arms = TabularArms.Default;
        var mlpArms = new List<TabularArm>();
        int seeds = 5, firstSeed = 1;
        bool sorted = false;
        int? threads = null;
        string? markdown = null;
        for (int i = 0; i < args.Length; i++)
        {
            string name = args[i];
            if (name == "--tabular") continue;
            if (name == "--sorted")
            {
                sorted = true;
                continue;
            }
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
                    case "--data":
                        data = value;
                        break;
                    case "--data-sets":
                        var names = List(value);
                        var unknown = names.Where(n => TabularDataSets.Find(n) is null).ToArray();
                        if (unknown.Length > 0)
                            throw new ArgumentException($"--data-sets: unknown data set {string.Join(", ", unknown)}; known: {string.Join(", ", TabularDataSets.All.Select(d => d.Name))}.");
                        dataSets = [.. TabularDataSets.All.Where(d => names.Contains(d.Name))];
                        break;
                    case "--seeds":
                        seeds = int.TryParse(value, CultureInfo.InvariantCulture, out int n) && n > 0 ? n
                            : throw new ArgumentException($"--seeds takes a positive integer; got {value}.");
                        break;
                    case "--first-seed":
                        firstSeed = int.TryParse(value, CultureInfo.InvariantCulture, out int f) && f > 0 ? f
                            : throw new ArgumentException($"--first-seed takes a positive integer; got {value}.");
                        break;
                    case "--arms":
                        var armNames = List(value);
                        var unknownArms = armNames.Where(a => TabularArms.Find(a) is null).ToArray();
                        if (unknownArms.Length > 0)
                            throw new ArgumentException($"--arms: unknown arm {string.Join(", ", unknownArms)}; known: {string.Join(", ", TabularArms.BuiltIn.Select(a => a.Name))} (--mlp-arm adds MLP arms).");
                        arms = [.. TabularArms.BuiltIn.Where(a => armNames.Contains(a.Name))];
                        break;
                    case "--mlp-arm":
                        var arm = TabularArms.ParseMlpArm(value);
                        if (mlpArms.Any(a => a.Name == arm.Name))
                            throw new ArgumentException($"--mlp-arm: two arms are named {arm.Name}.");
                        mlpArms.Add(arm);
                        break;
                    case "--threads":
                        threads = int.TryParse(value, CultureInfo.InvariantCulture, out int t) && t > 0 ? t
                            : throw new ArgumentException($"--threads takes a positive integer; got {value}.");
                        break;
                    case "--markdown":
                        markdown = Path.GetFullPath(value);
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
        return new TabularSettings(Path.GetFullPath(data), dataSets, firstSeed, seeds, [.. arms, .. mlpArms], threads, markdown, sorted);
    }

    private static string[] List(string value) => value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
