using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNet.Regularization.Scoring;

/// <summary>
/// Maps a 0-based class index to a key column that carries the training label's key values, so that
/// <c>MapKeyToValue("PredictedLabel")</c> gives back the original class names. Uses ML.NET's own ValueMapping
/// with the values treated as keys, which saves natively.
/// </summary>
internal static class PredictedLabelMapping
{
    public static IEstimator<ITransformer> Create(MLContext mlContext, DataViewSchema.Column label, string indexColumn, string outputColumn)
    {
        int classes = checked((int)((KeyDataViewType)label.Type).Count);
        var keyValues = label.Annotations.Schema.GetColumnOrNull("KeyValues");
        if (keyValues?.Type is not VectorDataViewType { ItemType: var itemType })
        {
            // No names: the predicted key is the class number itself.
            var numbers = Enumerable.Range(0, classes).Select(i => new KeyValuePair<uint, uint>((uint)i, (uint)i + 1));
            return mlContext.Transforms.Conversion.MapValue(outputColumn, numbers, indexColumn, treatValuesAsKeyType: true);
        }
        var method = typeof(PredictedLabelMapping).GetMethod(nameof(FromKeyValues), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(itemType.RawType, itemType.RawType == typeof(ReadOnlyMemory<char>) ? typeof(string) : itemType.RawType);
        return (IEstimator<ITransformer>)method.Invoke(null, [mlContext, label, indexColumn, outputColumn])!;
    }

    private static IEstimator<ITransformer> FromKeyValues<TRaw, TValue>(MLContext mlContext, DataViewSchema.Column label, string indexColumn, string outputColumn)
    {
        var values = default(VBuffer<TRaw>);
        label.GetKeyValues(ref values);
        var pairs = values.DenseValues().Select((v, i) => new KeyValuePair<uint, TValue>((uint)i, Convert<TRaw, TValue>(v)));
        return mlContext.Transforms.Conversion.MapValue(outputColumn, pairs, indexColumn, treatValuesAsKeyType: true);
    }

    private static TValue Convert<TRaw, TValue>(TRaw value) =>
        value is ReadOnlyMemory<char> text ? (TValue)(object)text.ToString() : (TValue)(object)value!;
}
