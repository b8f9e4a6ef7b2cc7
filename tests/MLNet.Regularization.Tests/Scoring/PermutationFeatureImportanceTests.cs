using Microsoft.ML;
using Microsoft.ML.Data;
using Xunit;
using Xunit.Abstractions;

namespace MLNet.Regularization.Tests.Scoring;

/// <summary>
/// ML.NET's permutation feature importance takes the pack's models, as it takes ML.NET's own prediction transformers: on
/// six features of which only F2 decides the label, permuting F2 costs far more than permuting any other.
/// </summary>
public class PermutationFeatureImportanceTests(ITestOutputHelper output)
{
    private const int Informative = 2;
    private static readonly string[] FeatureNames = ["F0", "F1", "F2", "F3", "F4", "F5"];

    private readonly MLContext _ml = new(seed: 1);

    public sealed class Row
    {
        public float F0 { get; set; }
        public float F1 { get; set; }
        public float F2 { get; set; }
        public float F3 { get; set; }
        public float F4 { get; set; }
        public float F5 { get; set; }
        public bool Flag { get; set; }
        public string Class { get; set; } = "";
        public float Value { get; set; }
    }

    /// <summary>Six standard normal features; the labels (Flag, Class, Value) follow F2 alone.</summary>
    private IDataView Rows(int count, int seed)
    {
        var random = new Random(seed);
        float Normal() => (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));
        return _ml.Data.LoadFromEnumerable(Enumerable.Range(0, count).Select(_ =>
        {
            var x = Enumerable.Range(0, 6).Select(_ => Normal()).ToArray();
            return new Row
            {
                F0 = x[0], F1 = x[1], F2 = x[2], F3 = x[3], F4 = x[4], F5 = x[5],
                Flag = x[2] > 0,
                Class = x[2] < -0.5f ? "low" : x[2] < 0.5f ? "middle" : "high",
                Value = 3 * x[2] + 0.1f * Normal(),
            };
        }).ToList());
    }

    private static T Fast<T>() where T : RegularizedMlpOptions, new() => Quick.Options<T>(o =>
    {
        o.HiddenLayers = [16];
        o.Epochs = 15;
    });

    [Fact]
    public void Binary_permutation_feature_importance_ranks_the_one_informative_feature_first()
    {
        var pipeline = _ml.Transforms.Concatenate("Features", FeatureNames)
            .Append(_ml.Transforms.CopyColumns("Label", "Flag"))
            .Append(_ml.BinaryClassification.Trainers.RegularizedMlp(Fast<RegularizedMlpBinaryTrainer.Options>()));
        var model = pipeline.Fit(Rows(300, seed: 1));
        var test = model.Transform(Rows(300, seed: 2));

        var importance = _ml.BinaryClassification.PermutationFeatureImportance(model.LastTransformer, test, permutationCount: 2);

        AssertDominates(importance.Select(m => -m.AreaUnderRocCurve.Mean).ToArray(), "AUC drop");
    }

    [Fact]
    public void Multiclass_permutation_feature_importance_ranks_the_one_informative_feature_first()
    {
        var pipeline = _ml.Transforms.Concatenate("Features", FeatureNames)
            .Append(_ml.Transforms.Conversion.MapValueToKey("Label", "Class"))
            .Append(_ml.MulticlassClassification.Trainers.RegularizedMlp(Fast<RegularizedMlpMulticlassTrainer.Options>()));
        var model = pipeline.Fit(Rows(300, seed: 1));
        var test = model.Transform(Rows(300, seed: 2));

        var importance = _ml.MulticlassClassification.PermutationFeatureImportance(model.LastTransformer, test, permutationCount: 2);

        AssertDominates(importance.Select(m => -m.MicroAccuracy.Mean).ToArray(), "micro-accuracy drop");
    }

    [Fact]
    public void Regression_permutation_feature_importance_ranks_the_one_informative_feature_first()
    {
        var pipeline = _ml.Transforms.Concatenate("Features", FeatureNames)
            .Append(_ml.Transforms.CopyColumns("Label", "Value"))
            .Append(_ml.Regression.Trainers.RegularizedMlp(Fast<RegularizedMlpRegressionTrainer.Options>()));
        var model = pipeline.Fit(Rows(300, seed: 1));
        var test = model.Transform(Rows(300, seed: 2));

        var importance = _ml.Regression.PermutationFeatureImportance(model.LastTransformer, test, permutationCount: 2);

        AssertDominates(importance.Select(m => -m.RSquared.Mean).ToArray(), "R-squared drop");
    }

    public sealed class CustomerRow
    {
        public float Age { get; set; }
        public float Income { get; set; }
        public float Tenure { get; set; }
        public bool Label { get; set; }
    }

    /// <summary>The README's example, as written there: Income decides the label and comes first.</summary>
    [Fact]
    public void The_README_example_runs_and_ranks_the_deciding_column_first()
    {
        var random = new Random(3);
        var rows = Enumerable.Range(0, 300).Select(_ => new CustomerRow
        {
            Age = random.Next(20, 70), Income = random.Next(10, 100), Tenure = random.Next(0, 20),
        }).Select(r => { r.Label = r.Income > 55; return r; }).ToList();
        var mlContext = _ml;
        var train = mlContext.Data.LoadFromEnumerable(rows.Take(200));
        var test = mlContext.Data.LoadFromEnumerable(rows.Skip(200));
        var lines = new List<string>();

        string[] names = ["Age", "Income", "Tenure"];                        // float columns
        var model = mlContext.Transforms.Concatenate("Features", names)
            .Append(mlContext.BinaryClassification.Trainers.RegularizedMlp(hiddenLayers: [64], epochs: 10))
            .Fit(train);

        var importance = mlContext.BinaryClassification.PermutationFeatureImportance(
            model.LastTransformer, model.Transform(test), permutationCount: 5);
        foreach (var (name, change) in names.Zip(importance).OrderBy(p => p.Second.AreaUnderRocCurve.Mean))
            lines.Add($"{name}: AUC {change.AreaUnderRocCurve.Mean:+0.0000;-0.0000} ± {change.AreaUnderRocCurve.StandardError:F4}");

        foreach (var line in lines) output.WriteLine(line);
        Assert.StartsWith("Income: AUC -", lines[0]);
    }

    /// <summary>ML.NET's overload for a whole chain looks for the prediction transformer through an interface it keeps
    /// internal (ISingleFeaturePredictionTransformer without a type argument), which no other assembly can implement: it
    /// finds none in a chain of this pack. The prediction transformer overload above is the way. Fails when ML.NET opens it.</summary>
    [Fact]
    public void The_whole_chain_overload_of_ML_NET_finds_no_prediction_transformer_in_the_chain()
    {
        var data = Rows(100, seed: 1);
        var model = _ml.Transforms.Concatenate("Features", FeatureNames).Append(_ml.Transforms.CopyColumns("Label", "Value"))
            .Append(_ml.Regression.Trainers.RegularizedMlp(Quick.Regression(o => o.Epochs = 1))).Fit(data);
        var prepared = model.Transform(data);

        var error = Assert.ThrowsAny<ArgumentException>(() => _ml.Regression.PermutationFeatureImportance((ITransformer)model, prepared));
        Assert.Contains("does not have a compatible predictor", error.Message);
    }

    private void AssertDominates(double[] drop, string metric)
    {
        Assert.Equal(FeatureNames.Length, drop.Length);
        for (int i = 0; i < drop.Length; i++) output.WriteLine($"{FeatureNames[i]}: {metric} {drop[i]:F4}");
        double others = drop.Where((_, i) => i != Informative).Max(Math.Abs);
        Assert.True(drop[Informative] > 0.2, $"Permuting {FeatureNames[Informative]} costs only {drop[Informative]:F4} ({metric}).");
        Assert.True(drop[Informative] > 5 * others,
            $"Permuting {FeatureNames[Informative]} costs {drop[Informative]:F4} ({metric}), not clearly more than the largest other, {others:F4}.");
    }
}
