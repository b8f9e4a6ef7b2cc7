using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Transforms;
using MLNet.Regularization.ImageAugmentation;
using MLNet.Regularization.ImageAugmentation.Functional;
using MLNet.Regularization.Samples;
using static MLNet.Regularization.Benchmarks.Measurement;

namespace MLNet.Regularization.Benchmarks;

/// <summary>
/// Side-by-side speed of <c>RegularizedCnn</c> at its defaults against the same CNN and training written by hand in TorchSharp
/// (<see cref="HandWrittenCnn"/>), on Fashion-MNIST, in one process with their epochs alternating as the MLP benchmark does; then
/// the share of the epoch that batch augmentation (random crop with padding 2 and horizontal flip) takes; then the PyTorch peer
/// (Peers/torch_cnn.py) when the system Python has torch.
/// </summary>
/// <remarks>
/// <para><c>--cnn [--epochs 2] [--threads 2] [--data folder] [--train-rows N]</c>.</para>
/// <para>Round 1: ours with augmentation off and the hand-written loop, epoch by epoch (O1 H1 O2 H2 ...). Round 2: ours with
/// augmentation on, the hand-written loop and the augmentation alone (<see cref="AugmentationAlone"/>), epoch by epoch. The
/// hand-written and augmentation epochs run inside ours's <c>Progress</c> callback, which the training loop calls after it has
/// measured the epoch, so no timer holds another's work. Augmentation's share is measured twice: the augmentation alone divided by
/// ours's augmented epoch, and from the two rounds, each of ours's epochs taken relative to the hand-written epochs beside it.</para>
/// </remarks>
internal static class CnnBenchmark
{
    private const int WarmUpRows = 1024;

    /// <summary>The augmentation of round 2, as a user would set it.</summary>
    private static ImageAugmentationOptions[] AugmentationSteps => [new RandomCropOptions { Padding = 2 }, new RandomFlipOptions()];

    public static int Run(string[] args, string repoRoot)
    {
        var settings = CnnSettings.Parse(args, repoRoot, out string? argumentError);
        if (settings is null)
        {
            if (argumentError is null)
            {
                Console.WriteLine(CnnSettings.Usage);
                return 0;
            }
            Console.Error.WriteLine(argumentError);
            Console.Error.WriteLine(CnnSettings.Usage);
            return 2;
        }
        if (!FashionMnistFolder.Check(settings.Data)) return 2;

        Console.WriteLine($"Fashion-MNIST, {CnnSetup.Description}");
        Console.WriteLine($"{settings.Epochs} epochs, {settings.Threads} threads; .NET {Environment.Version}, TorchSharp " +
            $"{typeof(TorchSharp.torch).Assembly.GetName().Version} (libtorch {TorchSharp.torch.__version__}), {Environment.ProcessorCount} cores");
        var loading = Stopwatch.StartNew();
        var train = IdxDataset.Load(settings.Data, "train");
        var test = IdxDataset.Load(settings.Data, "t10k");
        if (settings.TrainRows is int rows && rows < train.Length) train = train[..rows];
        if (settings.TestRows is int testRows && testRows < test.Length) test = test[..testRows];
        Console.WriteLine($"Loaded {train.Length} training rows and {test.Length} test rows{(settings.TrainRows is null && settings.TestRows is null ? "" : " (subsets: the first rows of the files)")} " +
            $"from {settings.Data} in {loading.Elapsed.TotalSeconds:F1} s");

        var ml = new MLContext(seed: CnnSetup.Seed);
        var keys = ml.Transforms.Conversion.MapValueToKey("Label", keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByValue)
            .Fit(ml.Data.LoadFromEnumerable(train));
        IDataView View(ImageRow[] data) => keys.Transform(ml.Data.LoadFromEnumerable(data));
        var augmentation = new ImageBatchAugmentation(AugmentationSteps, new ImageShape(1, CnnSetup.ImageSize, CnnSetup.ImageSize));

        // One round: a fresh Fit of ours and a fresh hand-written run (and with augmentation, the augmentation alone), alternating
        // epoch by epoch in this process so that all see the same machine load.
        (RunResult Ours, RunResult Hand, RunResult? Alone) RunRound(ImageRow[] rows, ImageRow[] testRows, int epochs, bool augment, bool verbose)
        {
            using var handData = new HandWrittenCnn(rows, testRows);
            using var hand = handData.Start(settings.Threads, epochs);
            using var pixels = RowTensors.Features(rows);
            var alone = augment ? new AugmentationAlone(augmentation, pixels, CnnSetup.BatchSize, CnnSetup.Seed) : null;
            var insideFit = TimeSpan.Zero;
            string ours = augment ? "ours, augmentation on" : "ours, augmentation off";
            var options = new RegularizedCnnMulticlassTrainer.Options
            {
                ImageChannels = 1,
                ImageHeight = CnnSetup.ImageSize,
                ImageWidth = CnnSetup.ImageSize,
                Epochs = epochs,
                Seed = CnnSetup.Seed,
                NumberOfThreads = settings.Threads,
                Augmentation = augment ? AugmentationSteps : [],
                Progress = new EpochPrinter(report =>
                {
                    if (verbose) PrintEpoch(ours, report.Epoch, epochs, report.Duration.TotalSeconds);
                    var timer = Stopwatch.StartNew();
                    double handSeconds = hand.TrainEpoch();
                    if (verbose) PrintEpoch("hand-written", report.Epoch, epochs, handSeconds);
                    if (alone is not null)
                    {
                        double aloneSeconds = alone.RunEpoch();
                        if (verbose) PrintEpoch("augmentation alone", report.Epoch, epochs, aloneSeconds);
                    }
                    insideFit += timer.Elapsed;
                }),
            };
            var fitting = Stopwatch.StartNew();
            var model = ml.MulticlassClassification.Trainers.RegularizedCnn(options).Fit(View(rows));
            double fitSeconds = (fitting.Elapsed - insideFit).TotalSeconds;
            double accuracy = ml.MulticlassClassification.Evaluate(model.Transform(View(testRows))).MicroAccuracy;
            var oursResult = new RunResult([.. model.TrainingReport.Epochs.Select(e => e.Duration.TotalSeconds)], fitSeconds, accuracy);
            var handResult = new RunResult([.. hand.EpochSeconds], hand.EpochSeconds.Sum(), hand.TestAccuracy());
            var aloneResult = alone is null ? null : new RunResult([.. alone.EpochSeconds], alone.EpochSeconds.Sum(), double.NaN);
            return (oursResult, handResult, aloneResult);
        }

        // Warm-up (JIT, libtorch's thread pool and kernels, the augmentation, ONNX Runtime): one epoch of each on 8 batches, not counted.
        var warm = RunRound(train[..Math.Min(WarmUpRows, train.Length)], test[..Math.Min(WarmUpRows, test.Length)], 1, augment: true, verbose: false);
        CollectGarbage();
        Console.WriteLine($"Warm-up on {Math.Min(WarmUpRows, train.Length)} rows (excluded): ours {warm.Ours.EpochSeconds[0]:F2} s, " +
            $"hand-written {warm.Hand.EpochSeconds[0]:F2} s, augmentation alone {warm.Alone!.EpochSeconds[0]:F2} s");

        Console.WriteLine("Round 1: ours (augmentation off) and the hand-written loop alternate epoch by epoch");
        var off = RunRound(train, test, settings.Epochs, augment: false, verbose: true);
        CollectGarbage();
        Console.WriteLine("Round 2: ours (augmentation on: RandomCrop padding 2, RandomFlip), the hand-written loop and the augmentation alone alternate");
        var on = RunRound(train, test, settings.Epochs, augment: true, verbose: true);
        CollectGarbage();

        List<string> peerArguments = ["--epochs", $"{settings.Epochs}", "--threads", $"{settings.Threads}", "--data", settings.Data, "--seed", $"{CnnSetup.Seed}"];
        if (settings.TrainRows is int subset) peerArguments.AddRange(["--train-rows", $"{subset}"]);
        if (settings.TestRows is int testSubset) peerArguments.AddRange(["--test-rows", $"{testSubset}"]);
        Console.WriteLine($"PyTorch peer: {PyTorchPeer.Python} {Path.GetRelativePath(repoRoot, settings.PeerScript)} {string.Join(" ", peerArguments)}");
        var pytorch = PyTorchPeer.Run(settings.PeerScript, peerArguments, out string? skipped);
        if (pytorch is null) Console.WriteLine($"PyTorch peer SKIPPED: {skipped}");

        Report(settings, train.Length, test.Length, off, on, pytorch, skipped);
        return 0;
    }

    private static void Report(CnnSettings settings, int trainRows, int testRows, (RunResult Ours, RunResult Hand, RunResult? Alone) off,
        (RunResult Ours, RunResult Hand, RunResult? Alone) on, PeerResult? pytorch, string? skipped)
    {
        double Mean(RunResult r) => r.EpochSeconds.Average();
        double ratio = Mean(off.Ours) / Mean(off.Hand);
        double ratioOn = Mean(on.Ours) / Mean(on.Hand);
        // Each of ours's epochs against the hand-written epoch run right after it: less sensitive to a load that changes within the run.
        double pairedRatio = Median(off.Ours.EpochSeconds.Zip(off.Hand.EpochSeconds, (o, h) => o / h));
        var alone = on.Alone!;
        double shareDirect = Mean(alone) / Mean(on.Ours);
        double shareFromRounds = 1 - ratio / ratioOn;

        Console.WriteLine();
        Console.WriteLine($"Order: warm-up (1 epoch each on at most {WarmUpRows} rows), round 1 (ours without augmentation, hand-written), " +
            $"round 2 (ours with augmentation, hand-written, augmentation alone), each alternating epoch by epoch{(pytorch is null ? "" : "; then PyTorch (child process)")}");
        Console.WriteLine($"{"contender",-40} {"s/epoch",9} {"median",9} {"ours/this",10} {"test acc",9} {"total s",9}");
        void Row(string name, RunResult r, string versus, string total) =>
            Console.WriteLine($"{name,-40} {Mean(r),9:F3} {Median(r.EpochSeconds),9:F3} {versus,10} {(double.IsNaN(r.TestAccuracy) ? "-" : r.TestAccuracy.ToString("F4")),9} {r.TotalSeconds,9:F1}{total}");
        Row("RegularizedCnn, augmentation off (ours)", off.Ours, "1.000", "  (total = Fit: data, training, ONNX)");
        Row("hand-written TorchSharp loop (round 1)", off.Hand, $"{ratio:F3}", "  (total = training)");
        Row("RegularizedCnn, augmentation on (ours)", on.Ours, "-", "  (total = Fit)");
        Row("hand-written TorchSharp loop (round 2)", on.Hand, $"{ratioOn:F3}", "  (ours with augmentation / this)");
        Row("augmentation alone (round 2)", alone, "-", "  (the callback's work on every batch of an epoch)");
        if (pytorch is not null)
            Console.WriteLine($"{"PyTorch " + pytorch.Version,-40} {pytorch.SecondsPerEpoch,9:F3} {"-",9} {Mean(off.Ours) / pytorch.SecondsPerEpoch,10:F3} {pytorch.TestAccuracy,9:F4} {pytorch.TrainSeconds,9:F1}  (total = training)");
        else
            Console.WriteLine($"{"PyTorch",-40} skipped: {skipped}");
        Console.WriteLine();
        Console.WriteLine($"Target ours/hand-written s/epoch <= 1.10 (augmentation off): {ratio:F3} {(ratio <= 1.10 ? "met" : "NOT met")} " +
            $"(median of the epoch pairs: {pairedRatio:F3}; epochs ranged {Spread(off.Ours)} for ours and {Spread(off.Hand)} for the hand-written loop)");
        Console.WriteLine($"Augmentation's share of ours's augmented epoch: {shareDirect:P1} timed alone (augmentation alone / ours with augmentation), " +
            $"{shareFromRounds:P1} from the rounds (1 - {ratio:F3} / {ratioOn:F3}); target <= 15%: {(shareDirect <= 0.15 ? "met" : "NOT met")}");
        if (trainRows < 60000 || testRows < 10000)
            Console.WriteLine($"Note: {trainRows} training and {testRows} test rows; on a subset seconds per epoch scale with the rows and accuracies are not those of full training.");
        Console.WriteLine();

        var common = new Dictionary<string, object?> { ["benchmark"] = "cnn", ["epochs"] = settings.Epochs, ["threads"] = settings.Threads, ["train_rows"] = trainRows, ["test_rows"] = testRows };
        void Json(string contender, RunResult r, Dictionary<string, object?>? extra = null)
        {
            var fields = new Dictionary<string, object?>(common)
            {
                ["contender"] = contender, ["s_per_epoch"] = Round(Mean(r)), ["s_per_epoch_median"] = Round(Median(r.EpochSeconds)),
                ["total_s"] = Round(r.TotalSeconds), ["test_accuracy"] = double.IsNaN(r.TestAccuracy) ? null : Round(r.TestAccuracy),
            };
            foreach (var (key, value) in extra ?? []) fields[key] = value;
            PrintJson(fields);
        }
        Json("ours", off.Ours, new() { ["augmentation"] = false, ["version"] = typeof(RegularizedNetworkModel).Assembly.GetName().Version?.ToString() });
        Json("handwritten_torchsharp", off.Hand, new() { ["round"] = 1, ["version"] = typeof(TorchSharp.torch).Assembly.GetName().Version?.ToString() });
        Json("ours", on.Ours, new() { ["augmentation"] = true });
        Json("handwritten_torchsharp", on.Hand, new() { ["round"] = 2 });
        Json("augmentation_alone", alone);
        PrintJson(pytorch is null
            ? new(common) { ["contender"] = "pytorch", ["skipped"] = skipped }
            : new(common)
            {
                ["contender"] = "pytorch", ["version"] = pytorch.Version, ["s_per_epoch"] = pytorch.SecondsPerEpoch,
                ["train_s"] = pytorch.TrainSeconds, ["test_accuracy"] = pytorch.TestAccuracy,
            });
        PrintJson(new(common)
        {
            ["summary"] = true, ["ratio_ours_handwritten"] = Round(ratio), ["ratio_ours_handwritten_paired_median"] = Round(pairedRatio),
            ["ratio_ours_augmented_handwritten"] = Round(ratioOn),
            ["augmentation_share_alone"] = Round(shareDirect), ["augmentation_share_from_rounds"] = Round(shareFromRounds),
            ["ratio_ours_pytorch"] = pytorch is null ? null : Round(Mean(off.Ours) / pytorch.SecondsPerEpoch),
            ["target_ratio_met"] = ratio <= 1.10, ["target_augmentation_share_met"] = shareDirect <= 0.15,
        });
    }

    private static string Spread(RunResult r) => $"{r.EpochSeconds.Min():F2}-{r.EpochSeconds.Max():F2} s";

    private static void PrintEpoch(string name, int epoch, int epochs, double seconds) =>
        Console.WriteLine($"  [{name}] epoch {epoch,2}/{epochs}  {seconds:F2} s");
}
