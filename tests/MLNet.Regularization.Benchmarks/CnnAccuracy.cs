using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using MLNet.Regularization.ImageAugmentation;
using MLNet.Regularization.Samples;

namespace MLNet.Regularization.Benchmarks;

/// <summary>
/// Accuracy of one RegularizedCnn fit on Fashion-MNIST, at its defaults except what the arguments change: epochs, learning
/// rate, the augmentation of every training batch, the seed, and the network's own regularizers off. Prints train and test
/// accuracy and the seconds of the fit (data loading, training, ONNX building):
///   --cnn-accuracy [--data <folder>] [--epochs 30] [--learning-rate 0.001] [--augmentation none|flip|crop-flip] [--seed 1]
///                  [--threads T] [--no-layer-regularization] [--set Option=value ...]
///                  [--train-rows N (the first N / 10 of each class)]
/// </summary>
internal static class CnnAccuracy
{
    public static int Run(string[] args, string repoRoot)
    {
        string Argument(string name, string fallback) => Array.IndexOf(args, name) is int i and >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        string data = Argument("--data", FashionMnistFolder.IsComplete(Path.Combine(repoRoot, "..", "shared", "data", "fashion-mnist"))
            ? Path.Combine(repoRoot, "..", "shared", "data", "fashion-mnist")
            : Path.Combine(repoRoot, "samples", "data", "fashion-mnist-small"));
        if (!FashionMnistFolder.IsComplete(data))
        {
            Console.Error.WriteLine($"Fashion-MNIST data not found in {data}; pass --data <folder> with the four IDX gz files.");
            return 2;
        }
        string augmentation = Argument("--augmentation", "none");
        var options = new RegularizedCnnMulticlassTrainer.Options
        {
            ImageChannels = 1,
            ImageHeight = 28,
            ImageWidth = 28,
            Epochs = int.Parse(Argument("--epochs", "30"), CultureInfo.InvariantCulture),
            LearningRate = double.Parse(Argument("--learning-rate", "0.001"), CultureInfo.InvariantCulture),
            Seed = int.Parse(Argument("--seed", "1"), CultureInfo.InvariantCulture),
            NumberOfThreads = Array.IndexOf(args, "--threads") >= 0 ? int.Parse(Argument("--threads", ""), CultureInfo.InvariantCulture) : null,
            Augmentation = augmentation switch
            {
                "none" => [],
                "flip" => [new RandomFlipOptions()],
                "crop-flip" => [new RandomCropOptions { Padding = 2 }, new RandomFlipOptions()],
                "crop-flip-erase" => [new RandomCropOptions { Padding = 2 }, new RandomFlipOptions(), new RandomErasingOptions()],
                _ => throw new ArgumentException($"--augmentation is none, flip or crop-flip; got {augmentation}."),
            },
        };
        for (int i = 0; i < args.Length - 1; i++)
            if (args[i] == "--set") OptionAssignment.Parse(args[i + 1], options.GetType()).ApplyTo(options);
        if (args.Contains("--no-layer-regularization"))
        {
            options.Dropout = 0;
            options.SpatialDropout = 0;
            options.LabelSmoothing = 0;
        }

        string changes = string.Join(", ", args.Select((a, i) => (a, i)).Where(p => p.a == "--set" && p.i + 1 < args.Length).Select(p => args[p.i + 1]));
        var ml = new MLContext(seed: 1);
        var train = IdxDataset.Load(data, "train");
        if (Array.IndexOf(args, "--train-rows") >= 0) train = Balanced(train, int.Parse(Argument("--train-rows", ""), CultureInfo.InvariantCulture));
        var test = IdxDataset.Load(data, "t10k");
        var keys = ml.Transforms.Conversion.MapValueToKey("Label").Fit(ml.Data.LoadFromEnumerable(train));
        IDataView View(ImageRow[] rows) => keys.Transform(ml.Data.LoadFromEnumerable(rows));
        var timer = Stopwatch.StartNew();
        var model = ml.MulticlassClassification.Trainers.RegularizedCnn(options).Fit(View(train));
        double seconds = timer.Elapsed.TotalSeconds;
        double Accuracy(ImageRow[] rows) => ml.MulticlassClassification.Evaluate(model.Transform(View(rows))).MicroAccuracy;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{data}: {train.Length} train, {test.Length} test; epochs {options.Epochs}, learning rate {options.LearningRate}, augmentation {augmentation}, " +
            $"seed {options.Seed}{(changes.Length > 0 ? ", " + changes : "")}{(args.Contains("--no-layer-regularization") ? ", no dropout, spatial dropout or label smoothing" : "")}: " +
            $"train accuracy {Accuracy(train):F4}, test accuracy {Accuracy(test):F4}, {seconds:F0} s"));
        return 0;
    }

    /// <summary>The first rows of each class, in file order, <paramref name="count"/> in all (the same number per class).</summary>
    internal static ImageRow[] Balanced(ImageRow[] rows, int count)
    {
        int classes = rows.Max(r => (int)r.Label) + 1, perClass = count / classes;
        var taken = new int[classes];
        return rows.Where(r => taken[r.Label]++ < perClass).ToArray();
    }
}
