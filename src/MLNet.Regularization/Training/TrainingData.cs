using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNet.Regularization.Training;

/// <summary>Rows of an <see cref="IDataView"/> read into memory: a row-major feature matrix and a label per row.</summary>
internal sealed class TrainingData
{
    private TrainingData(float[] features, float[] labels, int featureCount, int skippedRows)
    {
        Features = features;
        Labels = labels;
        FeatureCount = featureCount;
        SkippedRows = skippedRows;
    }

    public float[] Features { get; }
    public float[] Labels { get; }
    public int FeatureCount { get; }
    public int Rows => Labels.Length;
    public int SkippedRows { get; }

    /// <summary>
    /// Checks that <paramref name="schema"/> has the feature and label columns the trainer needs and returns the feature count.
    /// <paramref name="role"/> ("training" or "validation") names the data in messages.
    /// </summary>
    public static int CheckSchema(DataViewSchema schema, RegularizedMlpOptions options, PredictionTask task, string role)
    {
        var features = schema.GetColumnOrNull(options.FeatureColumnName)
            ?? throw new ArgumentException($"The {role} data has no feature column '{options.FeatureColumnName}'.", nameof(schema));
        if (features.Type is not VectorDataViewType { ItemType: var itemType, Size: var size } || itemType != NumberDataViewType.Single)
            throw new ArgumentException(
                $"Feature column '{options.FeatureColumnName}' of the {role} data is {features.Type}; expected a vector of Single " +
                "(use mlContext.Transforms.Concatenate to build one).", nameof(schema));
        if (size == 0)
            throw new ArgumentException(
                $"Feature column '{options.FeatureColumnName}' of the {role} data is a vector of unknown size; expected a vector of known size.", nameof(schema));

        var label = schema.GetColumnOrNull(options.LabelColumnName)
            ?? throw new ArgumentException($"The {role} data has no label column '{options.LabelColumnName}'.", nameof(schema));
        if (!task.IsLabelType(label.Type))
            throw new ArgumentException(
                $"Label column '{options.LabelColumnName}' of the {role} data is {label.Type}; expected {task.ExpectedLabel}.", nameof(schema));
        return size;
    }

    /// <summary>Reads every row; rows with NaN or infinite values (or a missing key label) throw or are skipped.</summary>
    public static TrainingData Load(IDataView data, RegularizedMlpOptions options, PredictionTask task, string role)
    {
        int d = CheckSchema(data.Schema, options, task, role);
        var featureColumn = data.Schema[options.FeatureColumnName];
        var labelColumn = data.Schema[options.LabelColumnName];

        int expectedRows = (int)Math.Min(data.GetRowCount() ?? 0, int.MaxValue / Math.Max(d, 1));
        var features = new List<float>(expectedRows * d);
        var labels = new List<float>(expectedRows);
        int skipped = 0;
        long row = -1;
        var buffer = new float[d];
        using (var cursor = data.GetRowCursor([featureColumn, labelColumn]))
        {
            var getFeatures = cursor.GetGetter<VBuffer<float>>(featureColumn);
            var readLabel = task.LabelReader(cursor, labelColumn);
            var vector = default(VBuffer<float>);
            while (cursor.MoveNext())
            {
                row++;
                options.CancellationToken.ThrowIfCancellationRequested();
                getFeatures(ref vector);
                if (vector.Length != d)
                    throw new InvalidOperationException(
                        $"Row {row} of the {role} data has {vector.Length} values in feature column '{options.FeatureColumnName}'; expected {d}.");
                vector.CopyTo(buffer);
                float label = readLabel();
                string? problem = !float.IsFinite(label) ? $"label column '{options.LabelColumnName}' is {Describe(label, task)}"
                    : Array.FindIndex(buffer, v => !float.IsFinite(v)) is var slot and >= 0
                        ? $"feature column '{options.FeatureColumnName}' is {buffer[slot]} at slot {slot}"
                        : null;
                if (problem is not null)
                {
                    if (options.InvalidRows == InvalidRowHandling.Throw)
                        throw new InvalidOperationException(
                            $"Row {row} of the {role} data: {problem}. Clean the data, or set InvalidRows = InvalidRowHandling.Skip to leave such rows out.");
                    skipped++;
                    continue;
                }
                features.AddRange(buffer);
                labels.Add(label);
            }
        }
        if (labels.Count == 0)
            throw new InvalidOperationException(row < 0
                ? $"The {role} data has no rows."
                : $"All {row + 1} rows of the {role} data have invalid values and were skipped.");
        return new TrainingData([.. features], [.. labels], d, skipped);
    }

    private static string Describe(float label, PredictionTask task) =>
        task is MulticlassTask && float.IsNaN(label) ? "a missing key (0)" : label.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Splits row indices into training and validation parts: seeded, stratified by class for classification.</summary>
    public (int[] Train, int[] Validation) Split(double validationFraction, int seed, bool stratify)
    {
        var random = new Random(seed);
        var groups = stratify
            ? Enumerable.Range(0, Rows).GroupBy(i => Labels[i]).OrderBy(g => g.Key).Select(g => g.ToArray())
            : [Enumerable.Range(0, Rows).ToArray()];
        var train = new List<int>();
        var validation = new List<int>();
        foreach (var group in groups)
        {
            random.Shuffle(group);
            int take = (int)Math.Round(group.Length * validationFraction);
            validation.AddRange(group.Take(take));
            train.AddRange(group.Skip(take));
        }
        train.Sort();
        validation.Sort();
        return ([.. train], [.. validation]);
    }
}
