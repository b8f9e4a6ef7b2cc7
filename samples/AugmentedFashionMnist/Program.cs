// Data augmentation as a training-only step: the Fashion-MNIST subset in samples/data, its pixels as a 1 x 28 x 28 image,
// randomly shifted (padded crop) and rotated for training only, read afresh every epoch so that each epoch sees new
// variants, in front of the RegularizedMlp with its pixel defaults (MlpPreset.Pixels). Prints train and test accuracy
// with and without augmentation, and shows that the scoring model leaves the augmentation out.
//   dotnet run -c Release --project samples/AugmentedFashionMnist
using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Regularization;
using MLNet.Regularization.ImageAugmentation;
using MLNet.Regularization.Samples;

var folder = Path.Combine(AppContext.BaseDirectory, "data", "fashion-mnist-small");
var mlContext = new MLContext(seed: 1);
IDataView Load(string prefix) => mlContext.Data.LoadFromEnumerable(
    IdxDataset.Load(folder, prefix).Select(r => new PixelRow { Pixels = r.Features, Label = r.Label }));
var train = Load("train");
var test = Load("t10k");

EstimatorChain<RegularizedNetworkModel> Pipeline(bool augment)
{
    var labelToKey = mlContext.Transforms.Conversion.MapValueToKey("Label");
    var features = mlContext.Transforms.Concatenate("Features", "Pixels");
    var trainer = mlContext.MulticlassClassification.Trainers.RegularizedMlp(new RegularizedMlpMulticlassTrainer.Options(MlpPreset.Pixels) { ReadDataEachEpoch = augment });
    if (!augment) return labelToKey.Append(features).Append(trainer);
    var augmentations = mlContext.Transforms.Augment();
    var shiftAndRotate = augmentations.RandomOrder(new CompositionOptions { OutputColumnName = "Pixels", Seed = 1 },
        augmentations.RandomCrop("Pixels", padding: 1),
        augmentations.RandomRotation("Pixels", degrees: 5));
    return labelToKey.Append(shiftAndRotate, TransformerScope.Training).Append(features).Append(trainer);
}

Console.WriteLine($"{"",-34}{"train acc",10}{"test acc",10}{"gap",8}{"seconds",9}");
foreach (bool augment in new[] { false, true })
{
    var timer = Stopwatch.StartNew();
    var model = Pipeline(augment).Fit(train);
    var scoring = model.GetModelFor(TransformerScope.Scoring);
    double trainAccuracy = mlContext.MulticlassClassification.Evaluate(scoring.Transform(train)).MicroAccuracy;
    double testAccuracy = mlContext.MulticlassClassification.Evaluate(scoring.Transform(test)).MicroAccuracy;
    string name = augment ? "RegularizedMlp + shift, rotation" : "RegularizedMlp (defaults)";
    Console.WriteLine($"{name,-34}{trainAccuracy,10:F4}{testAccuracy,10:F4}{trainAccuracy - testAccuracy,8:F4}{timer.Elapsed.TotalSeconds,9:F1}");
    if (augment)
        Console.WriteLine($"The scoring model holds {scoring.Count()} of the {model.Count()} steps: " +
            string.Join(", ", scoring.Select(t => t.GetType().Name)));
}

/// <summary>A Fashion-MNIST image as ExtractPixels would give it: 1 channel, 28 x 28, values in [0, 1].</summary>
internal sealed class PixelRow
{
    [VectorType(1, 28, 28)] public float[] Pixels { get; set; } = [];
    public uint Label { get; set; }
}
