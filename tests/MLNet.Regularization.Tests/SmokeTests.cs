using System.Diagnostics;
using Microsoft.ML;
using MLNet.Regularization.Samples;
using Xunit;
using Xunit.Abstractions;

namespace MLNet.Regularization.Tests;

public class SmokeTests(ITestOutputHelper output)
{
    [Fact]
    public void Multiclass_default_on_fashion_mnist_small()
    {
        var ml = new MLContext(1);
        var dir = Path.Combine(AppContext.BaseDirectory, "data", "fashion-mnist-small");
        var train = ml.Data.LoadFromEnumerable(IdxDataset.Load(dir, "train"));
        var test = ml.Data.LoadFromEnumerable(IdxDataset.Load(dir, "t10k"));
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.MulticlassClassification.Trainers.RegularizedMlp(new RegularizedMlpMulticlassTrainer.Options { Progress = new Progress<EpochReport>(e => output.WriteLine(e.ToString())) , NumberOfThreads = int.Parse(Environment.GetEnvironmentVariable("THREADS") ?? "2")}));
        var sw = Stopwatch.StartNew();
        var model = pipeline.Fit(train);
        output.WriteLine($"fit {sw.Elapsed}");
        var metrics = ml.MulticlassClassification.Evaluate(model.Transform(test));
        output.WriteLine($"test acc {metrics.MicroAccuracy:F4}");
        output.WriteLine(model.LastTransformer.TrainingReport.ToString());
    }
}
