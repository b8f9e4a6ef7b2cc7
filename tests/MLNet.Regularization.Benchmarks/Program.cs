// Side-by-side speed and accuracy benchmark of RegularizedMlp against a hand-written TorchSharp loop and PyTorch,
// on the same Fashion-MNIST data and the same 784-256-128-10 MLP, in one run.
//
//   dotnet run -c Release --project tests/MLNet.Regularization.Benchmarks -- --epochs 20 --threads 2 [--data <folder>] [--rounds 1]
//   dotnet run -c Release --project tests/MLNet.Regularization.Benchmarks -- --scoring    (rows per second of scoring, see ScoringBenchmark)
//   dotnet run -c Release --project tests/MLNet.Regularization.Benchmarks -- --memory     (peak memory against feature bytes, disk cache, see MemoryBenchmark)
//   dotnet run -c Release --project tests/MLNet.Regularization.Benchmarks -- --cnn        (RegularizedCnn against a hand-written TorchSharp CNN, augmentation's share, see CnnBenchmark)
//   dotnet run -c Release --project tests/MLNet.Regularization.Benchmarks -- --cnn-accuracy (one RegularizedCnn fit's accuracy with another learning rate, augmentation, seed, see CnnAccuracy)
//   dotnet run -c Release --project tests/MLNet.Regularization.Benchmarks -- --augmentation-study (fixed against adaptive augmentation strength with the CNN, see AugmentationStudy)
//   dotnet run -c Release --project tests/MLNet.Regularization.Benchmarks -- --tabular    (RegularizedMlp, also tuned (--arms mlp-tuned), against LightGbm, FastTree, SDCA on eight tabular data sets, see Tabular/TabularBenchmark)
//   dotnet run -c Release --project tests/MLNet.Regularization.Benchmarks -- --tuning     (random search, TPE and ASHA on the same wall-time budget, and the tuned model against the defaults, see Tuning/TuningBenchmark)
//   dotnet run -c Release --project tests/MLNet.Regularization.Benchmarks -- --tuning-workers (a search's wall time with 2 worker processes against 1, see Tuning/TuningWorkersBenchmark)
//
// Exit codes: 0 done (also when the PyTorch peer is skipped), 1 a check of --tuning-workers failed, 2 bad arguments or data folder missing.
using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Transforms;
using MLNet.Regularization;
using MLNet.Regularization.Benchmarks;
using MLNet.Regularization.Samples;
using static MLNet.Regularization.Benchmarks.Measurement;

string repoRoot = FindRepoRoot();
if (args.Contains("--augment")) return AugmentationBenchmark.Run(args);
if (args.Length > 0 && args[0] == "--memory-child") return MemoryBenchmark.RunChild(args);
if (args.Contains("--memory")) return MemoryBenchmark.Run(args, repoRoot);
if (args.Contains("--cnn-accuracy")) return CnnAccuracy.Run(args, repoRoot);
if (args.Contains("--augmentation-study")) return AugmentationStudy.Run(args, repoRoot);
if (args.Contains("--tuning-workers")) return MLNet.Regularization.Benchmarks.Tuning.TuningWorkersBenchmark.Run(args, repoRoot);
if (args.Contains("--tuning")) return MLNet.Regularization.Benchmarks.Tuning.TuningBenchmark.Run(args, repoRoot);
if (args.Contains("--tabular")) return MLNet.Regularization.Benchmarks.Tabular.TabularBenchmark.Run(args, repoRoot);
if (args.Contains("--cnn")) return CnnBenchmark.Run(args, repoRoot);
if (args.Contains("--scoring")) return ScoringBenchmark.Run(Path.Combine(repoRoot, "samples", "data", "fashion-mnist-small"));
var settings = Settings.Parse(args, repoRoot, out string? argumentError);
if (settings is null)
{
    if (argumentError is null)
    {
        Console.WriteLine(Settings.Usage);
        return 0;
    }
    Console.Error.WriteLine(argumentError);
    Console.Error.WriteLine(Settings.Usage);
    return 2;
}

if (!FashionMnistFolder.Check(settings.Data)) return 2;

Console.WriteLine($"Fashion-MNIST, {Setup.Description}, {settings.Epochs} epochs, {settings.Threads} threads, {settings.Rounds} round(s)");
Console.WriteLine($".NET {Environment.Version}, TorchSharp {typeof(TorchSharp.torch).Assembly.GetName().Version} (libtorch {TorchSharp.torch.__version__}), {Environment.ProcessorCount} cores");
var loading = Stopwatch.StartNew();
var train = IdxDataset.Load(settings.Data, "train");
var test = IdxDataset.Load(settings.Data, "t10k");
Console.WriteLine($"Loaded {train.Length} training and {test.Length} test images from {settings.Data} in {loading.Elapsed.TotalSeconds:F1} s");

var ml = new MLContext(seed: Setup.Seed);
var keys = ml.Transforms.Conversion.MapValueToKey("Label", keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByValue)
    .Fit(ml.Data.LoadFromEnumerable(train));
var trainView = keys.Transform(ml.Data.LoadFromEnumerable(train));
var testView = keys.Transform(ml.Data.LoadFromEnumerable(test));
using var handWritten = new HandWrittenLoop(train, test);

// One round: a fresh RegularizedMlp Fit and a fresh hand-written run, alternating epoch by epoch in this process so
// that both see the same machine load. The hand-written epochs run inside our Progress callback, which the training
// loop calls after it has measured the epoch (EpochReport.Duration), so neither timer includes the other's epochs.
// With handFirst the order is H1 O1 H2 O2 ..., otherwise O1 H1 O2 H2 ...
(RunResult Ours, RunResult Hand) RunRound(int epochs, bool handFirst, bool verbose)
{
    using var hand = handWritten.Start(settings.Threads);
    var handInsideFit = TimeSpan.Zero;
    void HandEpoch(bool insideFit)
    {
        var timer = Stopwatch.StartNew();
        double seconds = hand.TrainEpoch();
        if (insideFit) handInsideFit += timer.Elapsed;
        if (verbose) PrintEpoch("hand-written", hand.EpochSeconds.Count, epochs, seconds);
    }

    var options = new RegularizedMlpMulticlassTrainer.Options(MlpPreset.Pixels)
    {
        HiddenLayers = Setup.HiddenLayers,
        Dropout = [Setup.Dropout],
        InputNoiseStdDev = 0,
        LabelSmoothing = 0,
        Optimizer = Optimizer.AdamW,
        LearningRate = Setup.LearningRate,
        WeightDecay = Setup.WeightDecay,
        BatchSize = Setup.BatchSize,
        LearningRateSchedule = LearningRateSchedule.Constant,
        EarlyStopping = false,
        ValidationFraction = 0,
        RestoreBestWeights = false,
        FeatureScaling = FeatureScaling.None, // the peers feed raw [0, 1] pixels
        NumberOfThreads = settings.Threads,
        Epochs = epochs,
        Seed = Setup.Seed,
        Progress = new EpochPrinter(report =>
        {
            if (verbose) PrintEpoch("ours", report.Epoch, epochs, report.Duration.TotalSeconds);
            if (hand.EpochSeconds.Count < epochs) HandEpoch(insideFit: true);
        }),
    };
    var trainer = ml.MulticlassClassification.Trainers.RegularizedMlp(options);
    if (handFirst) HandEpoch(insideFit: false);
    var fitting = Stopwatch.StartNew();
    var model = trainer.Fit(trainView);
    double fitSeconds = (fitting.Elapsed - handInsideFit).TotalSeconds;
    var metrics = ml.MulticlassClassification.Evaluate(model.Transform(testView));
    var oursEpochs = model.TrainingReport.Epochs.Select(e => e.Duration.TotalSeconds).ToArray();
    return (new RunResult(oursEpochs, fitSeconds, metrics.MicroAccuracy),
            new RunResult([.. hand.EpochSeconds], hand.EpochSeconds.Sum(), hand.TestAccuracy()));
}

void PrintEpoch(string name, int epoch, int epochs, double seconds) =>
    Console.WriteLine($"  [{name}] epoch {epoch,2}/{epochs}  {seconds:F2} s");

// Warm-up (JIT, libtorch thread pool, ONNX Runtime): one epoch each, not counted.
var warm = RunRound(1, handFirst: false, verbose: false);
CollectGarbage();
Console.WriteLine($"Warm-up (excluded): ours {warm.Ours.EpochSeconds[0]:F2} s, hand-written {warm.Hand.EpochSeconds[0]:F2} s for 1 epoch");

var ours = new List<RunResult>();
var hand = new List<RunResult>();
var order = new List<string>();
for (int round = 1; round <= settings.Rounds; round++)
{
    bool handFirst = round % 2 == 0;
    Console.WriteLine($"Round {round}: ours and the hand-written loop alternate epoch by epoch, {(handFirst ? "hand-written" : "ours")} first");
    var (o, h) = RunRound(settings.Epochs, handFirst, verbose: true);
    ours.Add(o);
    hand.Add(h);
    order.Add($"round {round} alternating epochs ({(handFirst ? "hand-written" : "ours")} first)");
    CollectGarbage();
}

Console.WriteLine($"PyTorch peer: {PyTorchPeer.Python} {Path.GetRelativePath(repoRoot, settings.PeerScript)} ({settings.Epochs} epochs; may take several minutes)");
var pytorch = PyTorchPeer.Run(settings.PeerScript,
    ["--epochs", $"{settings.Epochs}", "--hidden", string.Join(",", Setup.HiddenLayers), "--dropout", Invariant(Setup.Dropout),
     "--weight-decay", Invariant(Setup.WeightDecay), "--threads", $"{settings.Threads}", "--data", settings.Data],
    out string? skipped);
if (pytorch is not null) order.Add("then PyTorch (child process)");
else Console.WriteLine($"PyTorch peer SKIPPED: {skipped}");

// ---- Report ----
double oursPerEpoch = ours.SelectMany(r => r.EpochSeconds).Average();
double handPerEpoch = hand.SelectMany(r => r.EpochSeconds).Average();
double oursAccuracy = ours[^1].TestAccuracy;
double handAccuracy = hand[^1].TestAccuracy;
double ratioHand = oursPerEpoch / handPerEpoch;
double? ratioPyTorch = pytorch is null ? null : oursPerEpoch / pytorch.SecondsPerEpoch;

Console.WriteLine();
Console.WriteLine($"Order: warm-up (1 epoch each, alternating), {string.Join(", ", order)}");
Console.WriteLine($"{"contender",-30} {"s/epoch",9} {"median",9} {"ours/this",10} {"test acc",9} {"total s",9}");
Console.WriteLine($"{"RegularizedMlp (ours)",-30} {oursPerEpoch,9:F3} {MedianEpoch(ours),9:F3} {1.0,10:F3} {oursAccuracy,9:F4} {ours.Average(r => r.TotalSeconds),9:F1}  (total = Fit: data loading, training, ONNX building)");
Console.WriteLine($"{"hand-written TorchSharp loop",-30} {handPerEpoch,9:F3} {MedianEpoch(hand),9:F3} {ratioHand,10:F3} {handAccuracy,9:F4} {hand.Average(r => r.TotalSeconds),9:F1}  (total = training)");
if (pytorch is not null)
    Console.WriteLine($"{"PyTorch " + pytorch.Version,-30} {pytorch.SecondsPerEpoch,9:F3} {"-",9} {ratioPyTorch,10:F3} {pytorch.TestAccuracy,9:F4} {pytorch.TrainSeconds,9:F1}  (total = training)");
else
    Console.WriteLine($"{"PyTorch",-30} skipped: {skipped}");
Console.WriteLine();
Console.WriteLine($"Target ours/hand-written s/epoch <= 1.10: {ratioHand:F3} {(ratioHand <= 1.10 ? "met" : "NOT met")}");
Console.WriteLine($"Target ours test accuracy >= 0.89 within {settings.Epochs} epochs: {oursAccuracy:F4} {(oursAccuracy >= 0.89 ? "met" : "NOT met")}");
if (ours.Select(r => r.TestAccuracy).Distinct().Count() > 1 || hand.Select(r => r.TestAccuracy).Distinct().Count() > 1)
    Console.WriteLine("Note: test accuracy differed between rounds; the table shows the last round.");

Console.WriteLine();
var common = new Dictionary<string, object?> { ["epochs"] = settings.Epochs, ["threads"] = settings.Threads, ["rounds"] = settings.Rounds };
PrintJson(new(common)
{
    ["contender"] = "ours", ["version"] = typeof(RegularizedNetworkModel).Assembly.GetName().Version?.ToString(),
    ["s_per_epoch"] = Round(oursPerEpoch), ["s_per_epoch_median"] = Round(MedianEpoch(ours)),
    ["fit_s"] = Round(ours.Average(r => r.TotalSeconds)), ["test_accuracy"] = Round(oursAccuracy),
});
PrintJson(new(common)
{
    ["contender"] = "handwritten_torchsharp", ["version"] = typeof(TorchSharp.torch).Assembly.GetName().Version?.ToString(),
    ["s_per_epoch"] = Round(handPerEpoch), ["s_per_epoch_median"] = Round(MedianEpoch(hand)),
    ["train_s"] = Round(hand.Average(r => r.TotalSeconds)), ["test_accuracy"] = Round(handAccuracy),
});
PrintJson(pytorch is null
    ? new(common) { ["contender"] = "pytorch", ["skipped"] = skipped }
    : new(common)
    {
        ["contender"] = "pytorch", ["version"] = pytorch.Version, ["s_per_epoch"] = pytorch.SecondsPerEpoch,
        ["train_s"] = pytorch.TrainSeconds, ["test_accuracy"] = pytorch.TestAccuracy,
    });
PrintJson(new(common)
{
    ["summary"] = true, ["ratio_ours_handwritten"] = Round(ratioHand), ["ratio_ours_pytorch"] = ratioPyTorch is double r ? Round(r) : null,
    ["target_ratio_met"] = ratioHand <= 1.10, ["target_accuracy_met"] = oursAccuracy >= 0.89,
});
return 0;

static double MedianEpoch(IEnumerable<RunResult> runs) => Median(runs.SelectMany(r => r.EpochSeconds));

static string Invariant(double value) => value.ToString("R", CultureInfo.InvariantCulture);

// The folder holding Directory.Packages.props, searched upwards from the working directory and from the program's folder.
static string FindRepoRoot()
{
    foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Directory.Packages.props")) && Directory.Exists(Path.Combine(dir.FullName, "src", "MLNet.Regularization")))
                return dir.FullName;
    }
    return Directory.GetCurrentDirectory();
}

namespace MLNet.Regularization.Benchmarks
{
    /// <summary>The network and optimizer every contender uses.</summary>
    internal static class Setup
    {
        public static readonly int[] HiddenLayers = [256, 128];
        public const double Dropout = 0.2;
        public const double LearningRate = 1e-3;
        public const double WeightDecay = 1e-4;
        public const int BatchSize = 128;
        public const int Seed = 0;
        public const string Description = "784-256-128-10 MLP, ReLU, dropout 0.2, AdamW lr 1e-3 weight decay 1e-4, batch 128";
    }

    /// <summary>One training run: wall seconds of each epoch's batch loop, the total seconds, test accuracy.</summary>
    internal sealed record RunResult(double[] EpochSeconds, double TotalSeconds, double TestAccuracy);

    /// <summary>Reports epochs synchronously (Progress&lt;T&gt; would post them to the thread pool, out of order).</summary>
    internal sealed class EpochPrinter(Action<EpochReport> print) : IProgress<EpochReport>
    {
        public void Report(EpochReport value) => print(value);
    }

    /// <summary>Command-line arguments.</summary>
    internal sealed record Settings(int Epochs, int Threads, string Data, int Rounds, string PeerScript)
    {
        public const string Usage =
            "Usage: dotnet run -c Release --project tests/MLNet.Regularization.Benchmarks -- [--epochs 20] [--threads 2] [--data <folder>] [--rounds 1]\n" +
            "  --data    folder with the Fashion-MNIST IDX gz files; default ../shared/data/fashion-mnist relative to the repository root\n" +
            "  --rounds  repetitions of ours and the hand-written loop (their epochs alternate; even rounds start with the hand-written loop)";

        public static Settings? Parse(string[] args, string repoRoot, out string? error)
        {
            int epochs = 20, threads = 2, rounds = 1;
            string data = Path.Combine(repoRoot, "..", "shared", "data", "fashion-mnist");
            for (int i = 0; i < args.Length; i++)
            {
                string name = args[i];
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
                bool ok = name switch
                {
                    "--epochs" => int.TryParse(value, CultureInfo.InvariantCulture, out epochs) && epochs > 0,
                    "--threads" => int.TryParse(value, CultureInfo.InvariantCulture, out threads) && threads > 0,
                    "--rounds" => int.TryParse(value, CultureInfo.InvariantCulture, out rounds) && rounds > 0,
                    "--data" => (data = value).Length > 0,
                    _ => false,
                };
                if (!ok)
                {
                    error = $"Unknown argument or bad value: {name} {value}";
                    return null;
                }
            }
            error = null;
            return new Settings(epochs, threads, Path.GetFullPath(data), rounds,
                Path.GetFullPath(Path.Combine(repoRoot, "..", "shared", "bench", "torch_mlp.py")));
        }
    }
}
