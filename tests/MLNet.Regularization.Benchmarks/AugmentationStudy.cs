using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.ML;
using MLNet.Regularization.ImageAugmentation;
using MLNet.Regularization.Samples;

namespace MLNet.Regularization.Benchmarks;

/// <summary>
/// Fixed against adaptive augmentation strength with the default RegularizedCnn on Fashion-MNIST-style data, at several
/// training-set sizes and seeds: no augmentation, crop and flip at fixed strengths (a sweep), the policies TrivialAugmentWide
/// and RandAugment (at their defaults) after crop and flip, and crop and flip whose strength follows the measured overfitting
/// (AdaptiveAugmentation at its defaults, from strength 0). Every arm holds out the same 10 % of the training images (the adaptive controller reads
/// them; the others train on the same rows), keeps its last epoch, and is scored on the test set; the gap is the mean of the
/// last five epochs' generalization gaps (validation loss minus training loss on the augmented batches).
///   --augmentation-study [--data <folder>] [--sizes 1000,5000] [--seeds 3] [--first-seed 1] [--arms none,fixed-0.2,...,fixed-1.0,trivial,randaugment,adaptive]
///                        [--epochs 1000:150,5000:30] [--threads T] [--markdown <file>]
/// A size of N takes the first N / 10 images of each class, in file order.
/// </summary>
internal static class AugmentationStudy
{
    private static readonly double[] Strengths = [0.2, 0.4, 0.6, 0.8, 1.0];

    private static IReadOnlyList<ImageAugmentationOptions> CropFlip() => [new RandomCropOptions { Padding = 2 }, new RandomFlipOptions()];

    /// <summary>The arms, by name: what each changes on the default options.</summary>
    private static readonly IReadOnlyList<(string Name, Action<RegularizedCnnMulticlassTrainer.Options> Configure)> AllArms =
    [
        ("none", o => o.Augmentation = []),
        .. Strengths.Select(s => ($"fixed-{s.ToString("0.0", CultureInfo.InvariantCulture)}",
            (Action<RegularizedCnnMulticlassTrainer.Options>)(o => { o.Augmentation = CropFlip(); o.AugmentationStrength = s; }))),
        ("trivial", o => o.Augmentation = [.. CropFlip(), new TrivialAugmentWideOptions()]),
        ("randaugment", o => o.Augmentation = [.. CropFlip(), new RandAugmentOptions()]),
        ("adaptive", o => { o.Augmentation = CropFlip(); o.AdaptiveAugmentation = new AdaptiveAugmentation(); }),
    ];

    private sealed record Fit(int Size, string Arm, int Seed, double TrainAccuracy, double TestAccuracy, double MeanStrength, double LastStrength,
        double Gap, double Seconds, string Notes);

    public static int Run(string[] args, string repoRoot)
    {
        string Argument(string name, string fallback) => Array.IndexOf(args, name) is int i and >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        string data = Argument("--data", Path.Combine(repoRoot, "samples", "data", "fashion-mnist-small"));
        if (!FashionMnistFolder.IsComplete(data))
        {
            Console.Error.WriteLine($"Fashion-MNIST-style data not found in {data}; pass --data <folder> with the four IDX gz files.");
            return 2;
        }
        var sizes = Argument("--sizes", "1000,5000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        int seeds = int.Parse(Argument("--seeds", "3"), CultureInfo.InvariantCulture);
        int firstSeed = int.Parse(Argument("--first-seed", "1"), CultureInfo.InvariantCulture);
        var epochs = Argument("--epochs", "1000:150,5000:30").Split(',').Select(p => p.Split(':'))
            .ToDictionary(p => int.Parse(p[0], CultureInfo.InvariantCulture), p => int.Parse(p[1], CultureInfo.InvariantCulture));
        var armNames = Argument("--arms", string.Join(",", AllArms.Select(a => a.Name))).Split(',');
        var unknown = armNames.Except(AllArms.Select(a => a.Name)).ToArray();
        var missingEpochs = sizes.Where(s => !epochs.ContainsKey(s)).ToArray();
        if (unknown.Length > 0 || missingEpochs.Length > 0)
        {
            Console.Error.WriteLine(unknown.Length > 0
                ? $"unknown arm(s) {string.Join(", ", unknown)}; the arms are {string.Join(", ", AllArms.Select(a => a.Name))}."
                : $"--epochs gives no epochs for size(s) {string.Join(", ", missingEpochs)} (size:epochs,...).");
            return 2;
        }
        int? threads = Array.IndexOf(args, "--threads") >= 0 ? int.Parse(Argument("--threads", ""), CultureInfo.InvariantCulture) : null;
        var arms = AllArms.Where(a => armNames.Contains(a.Name)).ToArray();

        var ml = new MLContext(seed: 1);
        var all = IdxDataset.Load(data, "train");
        var test = IdxDataset.Load(data, "t10k");
        var keys = ml.Transforms.Conversion.MapValueToKey("Label").Fit(ml.Data.LoadFromEnumerable(all));
        IDataView View(ImageRow[] rows) => keys.Transform(ml.Data.LoadFromEnumerable(rows));
        Console.WriteLine($"Augmentation study: {data}, sizes {string.Join(", ", sizes.Select(s => $"{s} ({epochs[s]} epochs)"))}, " +
            $"seeds {firstSeed}..{firstSeed + seeds - 1}, {test.Length} test images, threads {threads?.ToString(CultureInfo.InvariantCulture) ?? "all"}.");

        var fits = new List<Fit>();
        foreach (int size in sizes)
        {
            var train = CnnAccuracy.Balanced(all, size);
            foreach (var (name, configure) in arms)
                for (int seed = firstSeed; seed < firstSeed + seeds; seed++)
                {
                    var options = new RegularizedCnnMulticlassTrainer.Options
                    {
                        ImageChannels = 1, ImageHeight = 28, ImageWidth = 28,
                        Epochs = epochs[size], Seed = seed, NumberOfThreads = threads, ValidationFraction = 0.1,
                    };
                    configure(options);
                    var timer = Stopwatch.StartNew();
                    var model = ml.MulticlassClassification.Trainers.RegularizedCnn(options).Fit(View(train));
                    double seconds = timer.Elapsed.TotalSeconds;
                    double Accuracy(ImageRow[] rows) => ml.MulticlassClassification.Evaluate(model.Transform(View(rows))).MicroAccuracy;
                    var strengths = model.TrainingReport.Epochs.Select(e => e.AugmentationStrength).ToArray();
                    double gap = model.TrainingReport.Epochs.TakeLast(5).Average(e => e.GeneralizationGap);
                    var fit = new Fit(size, name, seed, Accuracy(train), Accuracy(test), strengths.Average(), strengths[^1], gap, seconds,
                        string.Join(" ", model.TrainingReport.Notes));
                    fits.Add(fit);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"size {size,5}  {name,-12} seed {seed}  train {fit.TrainAccuracy:F4}  test {fit.TestAccuracy:F4}  " +
                        $"strength mean {fit.MeanStrength:F2} last {fit.LastStrength:F2}  gap {gap:+0.000;-0.000}  {seconds,6:F0} s{(fit.Notes.Length > 0 ? "  " + fit.Notes : "")}"));
                }
        }

        string report = Report(fits, sizes, arms.Select(a => a.Name).ToArray());
        Console.WriteLine();
        Console.WriteLine(report);
        if (Array.IndexOf(args, "--markdown") >= 0) File.WriteAllText(Argument("--markdown", ""), report);
        return 0;
    }

    /// <summary>Per size and arm, the mean and standard deviation over the seeds; then the best fixed strength and the adaptive
    /// arm against it.</summary>
    private static string Report(IReadOnlyList<Fit> fits, int[] sizes, string[] arms)
    {
        static (double Mean, double Sd) Stats(IEnumerable<double> values)
        {
            var v = values.ToArray();
            double mean = v.Average();
            return (mean, v.Length > 1 ? Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1)) : 0);
        }
        var text = new StringBuilder();
        text.AppendLine("| size | arm | test accuracy | train accuracy | strength (mean over epochs) | gap (last 5 epochs) | fit s | seeds |");
        text.AppendLine("|---:|---|---:|---:|---:|---:|---:|---:|");
        foreach (int size in sizes)
            foreach (string arm in arms)
            {
                var group = fits.Where(f => f.Size == size && f.Arm == arm).ToArray();
                if (group.Length == 0) continue;
                var (test, testSd) = Stats(group.Select(f => f.TestAccuracy));
                var (train, trainSd) = Stats(group.Select(f => f.TrainAccuracy));
                var (strength, _) = Stats(group.Select(f => f.MeanStrength));
                var (seconds, _) = Stats(group.Select(f => f.Seconds));
                var (gap, _) = Stats(group.Select(f => f.Gap));
                text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {size} | {arm} | {test:F4} ± {testSd:F4} | {train:F4} ± {trainSd:F4} | {(double.IsNaN(strength) ? "-" : strength.ToString("F2", CultureInfo.InvariantCulture))} | {gap:+0.000;-0.000} | {seconds:F0} | {group.Length} |"));
            }
        text.AppendLine();
        foreach (int size in sizes)
        {
            var fixedArms = arms.Where(a => a.StartsWith("fixed-", StringComparison.Ordinal))
                .Select(a => (Arm: a, Stats: Stats(fits.Where(f => f.Size == size && f.Arm == a).Select(f => f.TestAccuracy).DefaultIfEmpty(double.NaN))))
                .Where(a => !double.IsNaN(a.Stats.Mean)).ToArray();
            var adaptive = fits.Where(f => f.Size == size && f.Arm == "adaptive").Select(f => f.TestAccuracy).ToArray();
            if (fixedArms.Length == 0 || adaptive.Length == 0) continue;
            var best = fixedArms.MaxBy(a => a.Stats.Mean);
            var (mean, sd) = Stats(adaptive);
            double spread = Math.Max(best.Stats.Sd, sd);
            string verdict = mean >= best.Stats.Mean ? "at or above the best fixed strength"
                : mean >= best.Stats.Mean - spread ? "within the seeds' spread of it" : "below it by more than the seeds' spread";
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"- size {size}: best fixed strength {best.Arm} {best.Stats.Mean:F4} ± {best.Stats.Sd:F4}; adaptive {mean:F4} ± {sd:F4}, {(mean - best.Stats.Mean) * 100:+0.00;-0.00} points: {verdict}"));
        }
        return text.ToString();
    }
}
