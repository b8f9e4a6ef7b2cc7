using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNet.Regularization.Benchmarks.Tabular;

/// <summary>One line per data set that lets a reader check the loading: rows, columns, features after the pipeline, the
/// label's classes (or range) and the missing numbers read as NaN.</summary>
internal static class TabularDataSummary
{
    /// <summary>Describes <paramref name="data"/> (all rows), with the feature count of <paramref name="featurizer"/> fitted on
    /// <paramref name="train"/> (its one-hot slots are the categories seen in training).</summary>
    public static string Describe(TabularDataSet set, IDataView data, IDataView train, IDataView test, ITransformer featurizer)
    {
        var label = set.Label;
        long rows;
        string labelText;
        if (set.Task == TabularTask.Regression)
        {
            var values = data.GetColumn<float>(label.Name).ToArray();
            rows = values.Length;
            labelText = Invariant($"min {values.Min():G6}, mean {values.Average(v => (double)v):G6}, max {values.Max():G6}, {values.Count(float.IsNaN)} NaN");
        }
        else
        {
            var classes = data.GetColumn<ReadOnlyMemory<char>>(label.Name).Select(v => v.ToString().Trim()).ToArray();
            rows = classes.Length;
            labelText = string.Join(", ", classes.GroupBy(c => c).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}"));
            if (set.Task == TabularTask.Binary)
                labelText += $" (true: {set.PositiveClass}, {classes.Count(c => c == set.PositiveClass)} rows)";
        }
        long missing = set.Features.Where(c => c.Kind == TabularColumnKind.Numeric).Sum(c => c.Count == 1
            ? data.GetColumn<float>(c.Name).LongCount(float.IsNaN)
            : data.GetColumn<float[]>(c.Name).Sum(v => (long)v.Count(float.IsNaN)));
        int features = featurizer.GetOutputSchema(data.Schema)[TabularPipeline.Features].Type is VectorDataViewType vector ? vector.Size : 1;
        int categorical = set.Features.Count(c => c.Kind == TabularColumnKind.Categorical);
        return
            Invariant($"{set.Name} ({set.Task.ToString().ToLowerInvariant()}): {rows} rows ({Count(train)} train / {Count(test)} test at seed 1), ") +
            Invariant($"{set.FileColumnCount} columns ({categorical} categorical) -> {features} features after the pipeline; ") +
            Invariant($"label {label.Name}: {labelText}; {missing} missing numbers (NaN)");
    }

    private static long Count(IDataView view)
    {
        long count = 0;
        using var cursor = view.GetRowCursor([]);
        while (cursor.MoveNext()) count++;
        return count;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
