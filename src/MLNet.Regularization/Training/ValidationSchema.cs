using MLNet.Regularization.Tasks;
using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNet.Regularization.Training;

/// <summary>Checks that validation data passed to <c>Fit</c> has the training data's columns, sizes and key order.</summary>
internal static class ValidationSchema
{
    public static void Check(DataViewSchema train, DataViewSchema validation, RegularizedTrainerOptions options, Objective objective, int featureCount)
    {
        int validationFeatures = TrainingData.CheckSchema(validation, options, objective, "validation");
        if (validationFeatures != featureCount)
            throw new ArgumentException(
                $"Feature column '{options.FeatureColumnName}' has {validationFeatures} values in the validation data but {featureCount} in the training data.",
                nameof(validation));
        var trainLabel = train[options.LabelColumnName].Type;
        var validationLabel = validation[options.LabelColumnName].Type;
        if (!trainLabel.Equals(validationLabel))
            throw new ArgumentException(
                $"Label column '{options.LabelColumnName}' is {validationLabel} in the validation data but {trainLabel} in the training data.",
                nameof(validation));
        if (trainLabel is KeyDataViewType && KeyNames(train, options) is { } trainNames && KeyNames(validation, options) is { } validationNames
            && !trainNames.SequenceEqual(validationNames))
            throw new ArgumentException(
                $"Label column '{options.LabelColumnName}' maps its classes to other keys in the validation data " +
                $"([{string.Join(", ", validationNames)}] against [{string.Join(", ", trainNames)}] in the training data): " +
                "fit one MapValueToKey and apply it to both.", nameof(validation));
    }

    /// <summary>The label's key values as text, or null when it has none.</summary>
    private static string[]? KeyNames(DataViewSchema schema, RegularizedTrainerOptions options)
    {
        var label = schema[options.LabelColumnName];
        if (label.Annotations.Schema.GetColumnOrNull("KeyValues")?.Type is not VectorDataViewType { ItemType: var itemType }) return null;
        return (string[])typeof(ValidationSchema).GetMethod(nameof(KeyValuesAsText), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(itemType.RawType).Invoke(null, [label])!;
    }

    private static string[] KeyValuesAsText<T>(DataViewSchema.Column label)
    {
        var values = default(VBuffer<T>);
        label.GetKeyValues(ref values);
        return values.DenseValues().Select(v => v?.ToString() ?? "").ToArray();
    }
}
