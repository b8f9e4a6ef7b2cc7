// Trains the default regularized MLP on the Fashion-MNIST subset shipped in samples/data (5,000 training and 1,000 test
// images), prints the per-epoch training report (test-set figures watched each epoch) and the test metrics, then trains
// the same network with every regularizer off to show how much of the gap between training and test accuracy the
// defaults close, and ML.NET's own multiclass trainers on the same data.
//   dotnet run -c Release --project samples/FashionMnistClassification [-- --data <folder with the four IDX .gz files>] [--no-baselines]
using System.Diagnostics;
using Microsoft.ML;
using MLNet.Regularization;
using MLNet.Regularization.Samples;

int dataArgument = Array.IndexOf(args, "--data");
string folder = dataArgument >= 0 && dataArgument + 1 < args.Length ? args[dataArgument + 1] : Path.Combine(AppContext.BaseDirectory, "data", "fashion-mnist-small");
var mlContext = new MLContext(seed: 1);
var train = mlContext.Data.LoadFromEnumerable(IdxDataset.Load(folder, "train"));
var test = mlContext.Data.LoadFromEnumerable(IdxDataset.Load(folder, "t10k"));
Console.WriteLine($"Fashion-MNIST from {folder}: {train.GetRowCount()} training rows, {test.GetRowCount()} test rows, 784 pixels, 10 classes");

var timer = Stopwatch.StartNew();
var (model, network) = FashionMnistModel.RetrainPipeline(mlContext, train, validationData: test);
var regularized = Measure("RegularizedMlp, pixel defaults", model, timer.Elapsed);
var report = network.TrainingReport;
Console.WriteLine();
Console.WriteLine($"Training report ({report.TrainingRows} training rows; validation figures on the {report.ValidationRows} test rows, " +
    $"watched only; metric: {report.MetricName}):");
Console.WriteLine(report);

timer.Restart();
var unregularized = FashionMnistModel.RetrainPipeline(mlContext, train, new RegularizedMlpMulticlassTrainer.Options(MlpPreset.Pixels)
{
    Dropout = [],
    InputNoiseStdDev = 0,
    WeightDecay = 0,
    LabelSmoothing = 0,
});
var results = new List<(string Name, double Train, double Test, double Seconds)>
{
    Measure("Same network, regularization off", unregularized, timer.Elapsed),
    regularized,
};
if (!args.Contains("--no-baselines"))
{
    // ML.NET's own multiclass trainers on the same data, for comparison.
    foreach (var (name, trainer) in new (string, IEstimator<ITransformer>)[]
    {
        ("ML.NET LightGbm", mlContext.MulticlassClassification.Trainers.LightGbm()),
        ("ML.NET LbfgsMaximumEntropy", mlContext.MulticlassClassification.Trainers.LbfgsMaximumEntropy()),
        ("ML.NET SdcaMaximumEntropy", mlContext.MulticlassClassification.Trainers.SdcaMaximumEntropy()),
    })
    {
        timer.Restart();
        var baseline = mlContext.Transforms.Conversion.MapValueToKey("Label").Append(trainer).Fit(train);
        results.Add(Measure(name, baseline, timer.Elapsed));
    }
}
Console.WriteLine();
Console.WriteLine($"{"",-36}{"train acc",10}{"test acc",10}{"gap",8}{"seconds",9}");
foreach (var (name, trainAccuracy, testAccuracy, seconds) in results)
    Console.WriteLine($"{name,-36}{trainAccuracy,10:F4}{testAccuracy,10:F4}{trainAccuracy - testAccuracy,8:F4}{seconds,9:F1}");

mlContext.Model.Save(model, train.Schema, FashionMnistModel.MLNetModelPath);
var first = IdxDataset.Load(folder, "t10k")[0];
var prediction = FashionMnistModel.Predict(new FashionMnistModel.ModelInput { Features = first.Features });
Console.WriteLine();
Console.WriteLine($"Saved to {FashionMnistModel.MLNetModelPath}; reloaded, it calls the first test image " +
    $"'{FashionMnistModel.ClassNames[prediction.PredictedClass]}' (p = {prediction.Score.Max():F3}); the label is '{FashionMnistModel.ClassNames[first.Label]}'.");

(string Name, double Train, double Test, double Seconds) Measure(string name, ITransformer trained, TimeSpan elapsed)
{
    var trainMetrics = mlContext.MulticlassClassification.Evaluate(trained.Transform(train));
    var testMetrics = mlContext.MulticlassClassification.Evaluate(trained.Transform(test));
    Console.WriteLine($"{name}: test accuracy {testMetrics.MicroAccuracy:F4}, macro accuracy {testMetrics.MacroAccuracy:F4}, " +
        $"log-loss {testMetrics.LogLoss:F4}; trained in {elapsed.TotalSeconds:F1} s");
    return (name, trainMetrics.MicroAccuracy, testMetrics.MicroAccuracy, elapsed.TotalSeconds);
}
