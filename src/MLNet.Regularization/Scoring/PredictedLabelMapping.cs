using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNet.Regularization.Scoring;

/// <summary>
/// Maps a 0-based class index to a key column that carries the training label's key values, so that
/// <c>MapKeyToValue("PredictedLabel")</c> gives back the original class names. Uses ML.NET's own ValueMapping and
/// ValueToKeyMapping transforms, which save natively.
/// </summary>
internal static class PredictedLabelMapping
{
    /// <summary>The intermediate column holding the predicted class value before it becomes a key.</summary>
    public const string PredictedValueColumn = "mlp.PredictedValue";

    /// <summary>The mapping, and the intermediate columns it leaves behind for the caller to drop.</summary>
    public static (IEstimator<ITransformer> Mapping, string[] Temporary) Create(MLContext mlContext, DataViewSchema.Column label, string indexColumn, string outputColumn)
    {
        int classes = checked((int)((KeyDataViewType)label.Type).Count);
        var keyValues = label.Annotations.Schema.GetColumnOrNull("KeyValues");
        if (keyValues?.Type is not VectorDataViewType { ItemType: var itemType })
        {
            // No names: the predicted key is the class number itself.
            var numbers = Enumerable.Range(0, classes).Select(i => new KeyValuePair<uint, uint>((uint)i, (uint)i + 1));
            return (mlContext.Transforms.Conversion.MapValue(outputColumn, numbers, indexColumn, treatValuesAsKeyType: true), [indexColumn]);
        }
        var method = typeof(PredictedLabelMapping).GetMethod(nameof(FromKeyValues), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(itemType.RawType, itemType.RawType == typeof(ReadOnlyMemory<char>) ? typeof(string) : itemType.RawType);
        return ((IEstimator<ITransformer>)method.Invoke(null, [mlContext, label, indexColumn, outputColumn])!, [indexColumn, PredictedValueColumn]);
    }

    private static IEstimator<ITransformer> FromKeyValues<TRaw, TValue>(MLContext mlContext, DataViewSchema.Column label, string indexColumn, string outputColumn)
    {
        var raw = default(VBuffer<TRaw>);
        label.GetKeyValues(ref raw);
        var values = raw.DenseValues().Select(Convert<TRaw, TValue>).ToArray();
        // Index -> class value, then class value -> key in the training label's own key order (keyData keeps the given order;
        // ValueMapping's own key option would sort the values instead).
        var keyData = mlContext.Data.LoadFromEnumerable(values.Select(v => new KeyDataRow<TValue> { Value = v }));
        return mlContext.Transforms.Conversion.MapValue(PredictedValueColumn, values.Select((v, i) => new KeyValuePair<uint, TValue>((uint)i, v)), indexColumn)
            .Append(mlContext.Transforms.Conversion.MapValueToKey(outputColumn, PredictedValueColumn, keyData: keyData));
    }

    private static TValue Convert<TRaw, TValue>(TRaw value) =>
        value is ReadOnlyMemory<char> text ? (TValue)(object)text.ToString() : (TValue)(object)value!;

    private sealed class KeyDataRow<T>
    {
        public T Value { get; set; } = default!;
    }
}
