using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace MLNet.Regularization.Benchmarks.Tabular;

/// <summary>
/// The typical Model Builder pipeline, the same for every arm: a <c>TextLoader</c> reading numbers as Single (missing as NaN)
/// and categorical columns as text; missing numbers replaced by the training mean; one-hot encoding of the categorical
/// columns (a missing-value marker such as "?" or "NA" is read as text and so becomes a category of its own, which is what
/// ML.NET does by default); everything concatenated into Features and min-max normalized; the label converted as the task
/// needs (Boolean, key, or Single); then the trainer.
/// </summary>
internal static class TabularPipeline
{
    /// <summary>The feature column the trainers read.</summary>
    public const string Features = "Features";

    /// <summary>The label column the trainers read.</summary>
    public const string Label = "Label";

    /// <summary>Loads <paramref name="path"/> as <paramref name="set"/> describes it.</summary>
    public static IDataView Load(MLContext ml, TabularDataSet set, string path)
    {
        var columns = new List<TextLoader.Column>();
        int index = 0;
        foreach (var column in set.Columns)
        {
            var kind = column.Kind switch
            {
                TabularColumnKind.Numeric => DataKind.Single,
                TabularColumnKind.Label when set.Task == TabularTask.Regression => DataKind.Single,
                _ => DataKind.String,
            };
            columns.Add(column.Count == 1
                ? new TextLoader.Column(column.Name, kind, index)
                : new TextLoader.Column(column.Name, kind, index, index + column.Count - 1));
            index += column.Count;
        }
        return ml.Data.LoadFromTextFile(path, new TextLoader.Options
        {
            Columns = [.. columns],
            Separators = [set.Separator],
            HasHeader = set.SkipFirstLine,
            MissingRealsAsNaNs = true,
        });
    }

    /// <summary>The steps in front of the trainer: missing numbers, one-hot encoding, Features, min-max, the label.</summary>
    public static IEstimator<ITransformer> Featurize(MLContext ml, TabularDataSet set)
    {
        var numeric = set.Features.Where(c => c.Kind == TabularColumnKind.Numeric).Select(c => new InputOutputColumnPair(c.Name)).ToArray();
        var categorical = set.Features.Where(c => c.Kind == TabularColumnKind.Categorical).Select(c => new InputOutputColumnPair(c.Name)).ToArray();
        IEstimator<ITransformer> pipeline = new EstimatorChain<ITransformer>();
        if (numeric.Length > 0)
            pipeline = pipeline.Append(ml.Transforms.ReplaceMissingValues(numeric, MissingValueReplacingEstimator.ReplacementMode.Mean));
        if (categorical.Length > 0)
            pipeline = pipeline.Append(ml.Transforms.Categorical.OneHotEncoding(categorical));
        return pipeline
            .Append(ml.Transforms.Concatenate(Features, [.. set.Features.Select(c => c.Name)]))
            .Append(ml.Transforms.NormalizeMinMax(Features))
            .Append(LabelConversion(ml, set));
    }

    /// <summary>The whole pipeline: <see cref="Featurize"/>, then <paramref name="trainer"/>.</summary>
    public static IEstimator<ITransformer> Build(MLContext ml, TabularDataSet set, IEstimator<ITransformer> trainer) =>
        Featurize(ml, set).Append(trainer);

    private static IEstimator<ITransformer> LabelConversion(MLContext ml, TabularDataSet set) => set.Task switch
    {
        TabularTask.Binary => ml.Transforms.CopyColumns(LabelText.ColumnName, set.Label.Name)
            .Append(ml.Transforms.CustomMapping<LabelText, BooleanLabel>(
                (input, output) => output.Label = input.Text.Trim() == set.PositiveClass, contractName: null)),
        TabularTask.Multiclass => ml.Transforms.Conversion.MapValueToKey(Label, set.Label.Name,
            keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByValue),
        _ => ml.Transforms.CopyColumns(Label, set.Label.Name),
    };

    /// <summary>The label as read (text), the input of the binary label conversion.</summary>
    private sealed class LabelText
    {
        public const string ColumnName = nameof(Text);

        public string Text { get; set; } = "";
    }

    /// <summary>The Boolean label of a binary task.</summary>
    private sealed class BooleanLabel
    {
        public bool Label { get; set; }
    }
}
