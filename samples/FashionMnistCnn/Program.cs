// Trains the default regularized CNN on the Fashion-MNIST subset shipped in samples/data (5,000 training and 1,000 test
// images), with augmentation of every training batch and without, over one or more seeds, and prints train and test
// accuracy, the gap and the seconds of each fit (mean and spread over the seeds), then saves the model of the first seed
// (with augmentation, unless only the plain arm ran), loads it and classifies one test image.
//   dotnet run -c Release --project samples/FashionMnistCnn [-- --data <folder with the four IDX .gz files>] [--seeds 3] [--epochs N] [--threads T]
//                                                               [--arms both|augmented|plain]
using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using MLNet.Regularization;
using MLNet.Regularization.Samples;

string Argument(string name, string fallback) => Array.IndexOf(args, name) is int i and >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
string folder = Argument("--data", Path.Combine(AppContext.BaseDirectory, "data", "fashion-mnist-small"));
int seeds = int.Parse(Argument("--seeds", "1"), CultureInfo.InvariantCulture);
int? epochs = Array.IndexOf(args, "--epochs") >= 0 ? int.Parse(Argument("--epochs", ""), CultureInfo.InvariantCulture) : null;
int? threads = Array.IndexOf(args, "--threads") >= 0 ? int.Parse(Argument("--threads", ""), CultureInfo.InvariantCulture) : null;
bool[] arms = Argument("--arms", "both") switch
{
    "augmented" => [true],
    "plain" => [false],
    _ => [false, true],
};

var mlContext = new MLContext(seed: 1);
var train = mlContext.Data.LoadFromEnumerable(IdxDataset.Load(folder, "train"));
var test = mlContext.Data.LoadFromEnumerable(IdxDataset.Load(folder, "t10k"));
Console.WriteLine($"Fashion-MNIST from {folder}: {train.GetRowCount()} training rows, {test.GetRowCount()} test rows, 1 x 28 x 28 pixels, 10 classes");

var results = new Dictionary<string, List<(double Train, double Test, double Seconds)>>();
ITransformer? kept = null;
for (int seed = 1; seed <= seeds; seed++)
{
    foreach (bool augment in arms)
    {
        var options = FashionCnnModel.Options(augment);
        options.Seed = seed;
        if (epochs is int e) options.Epochs = e;
        options.NumberOfThreads = threads;
        var timer = Stopwatch.StartNew();
        var model = FashionCnnModel.RetrainPipeline(mlContext, train, options);
        double seconds = timer.Elapsed.TotalSeconds;
        double trainAccuracy = Accuracy(model, train), testAccuracy = Accuracy(model, test);
        string arm = augment ? "RegularizedCnn, augmented batches" : "RegularizedCnn, no augmentation";
        Console.WriteLine($"seed {seed}  {arm,-36} train {trainAccuracy:F4}  test {testAccuracy:F4}  {seconds,6:F0} s");
        (results.TryGetValue(arm, out var list) ? list : results[arm] = []).Add((trainAccuracy, testAccuracy, seconds));
        if (seed == 1) kept = model;
    }
}

Console.WriteLine();
Console.WriteLine($"{"",-36}{"train acc",18}{"test acc",18}{"gap",9}{"seconds",9}   ({seeds} seed{(seeds > 1 ? "s" : "")}: mean ± standard deviation)");
foreach (var (arm, runs) in results)
{
    var (trainMean, trainSpread) = MeanAndSpread(runs.Select(r => r.Train));
    var (testMean, testSpread) = MeanAndSpread(runs.Select(r => r.Test));
    Console.WriteLine($"{arm,-36}{trainMean,10:F4} ± {trainSpread:F4}{testMean,10:F4} ± {testSpread:F4}{trainMean - testMean,9:F4}{runs.Average(r => r.Seconds),9:F0}");
}

mlContext.Model.Save(kept!, train.Schema, FashionCnnModel.MLNetModelPath);
var image = IdxDataset.Load(folder, "t10k")[0];
var prediction = FashionCnnModel.Predict(new FashionCnnModel.ModelInput { Features = image.Features });
Console.WriteLine();
Console.WriteLine($"Saved to {FashionCnnModel.MLNetModelPath}; the first test image is a {FashionCnnModel.ClassNames[image.Label]}, " +
    $"predicted {FashionCnnModel.ClassNames[prediction.PredictedClass]} (probability {prediction.Score.Max():F3}).");

double Accuracy(ITransformer model, IDataView data) => mlContext.MulticlassClassification.Evaluate(model.Transform(data)).MicroAccuracy;

static (double Mean, double Spread) MeanAndSpread(IEnumerable<double> values)
{
    var list = values.ToList();
    double mean = list.Average();
    return (mean, list.Count > 1 ? Math.Sqrt(list.Sum(v => (v - mean) * (v - mean)) / (list.Count - 1)) : 0);
}
