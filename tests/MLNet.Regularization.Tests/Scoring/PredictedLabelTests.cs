using Microsoft.ML;
using Microsoft.ML.Data;
using Xunit;

namespace MLNet.Regularization.Tests.Scoring;

public class PredictedLabelTests
{
    private readonly MLContext _ml = new(seed: 1);

    private sealed class Row<T>
    {
        [VectorType(TestData.FeatureCount)] public float[] Features { get; set; } = [];
        public T Label { get; set; } = default!;
    }

    // Class names whose order of first appearance (the key order of MapValueToKey) is not their sorted order.
    [Fact]
    public void Text_labels_come_back_as_the_name_of_the_most_probable_key() =>
        AssertPredictedLabelIsArgmaxName(["zebra", "ant", "moose"], (ReadOnlyMemory<char> v) => v.ToString(), (ReadOnlyMemory<char> v) => v.ToString());

    [Fact]
    public void Numeric_labels_come_back_as_the_value_of_the_most_probable_key() =>
        AssertPredictedLabelIsArgmaxName([9u, 2u, 5u], (uint v) => v, (uint v) => v);

    private void AssertPredictedLabelIsArgmaxName<T, TKeyValue, TColumn>(T[] names, Func<TKeyValue, T> fromKeyValue, Func<TColumn, T> fromColumn)
        where T : notnull
    {
        var rows = TestData.MulticlassRows(300).Select(r => new Row<T>
        {
            Features = r.Features,
            Label = names[r.Label switch { "cat" => 0, "dog" => 1, _ => 2 }],
        }).ToArray();
        var data = _ml.Data.LoadFromEnumerable(rows);
        var model = _ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(_ml.MulticlassClassification.Trainers.RegularizedMlp(Quick.Multiclass(o => o.Epochs = 10)))
            .Append(_ml.Transforms.Conversion.MapKeyToValue("PredictedName", "PredictedLabel"))
            .Fit(data);
        var scored = model.Transform(data);

        var keyValues = default(VBuffer<TKeyValue>);
        scored.Schema["Label"].GetKeyValues(ref keyValues);
        var keyOrder = keyValues.DenseValues().Select(fromKeyValue).ToArray();
        Assert.Equal(names, keyOrder); // MapValueToKey numbers classes by first appearance, not sorted
        var expected = scored.GetColumn<float[]>("Score").Select(s => keyOrder[Array.IndexOf(s, s.Max())]).ToArray();
        var predicted = scored.GetColumn<TColumn>("PredictedName").Select(fromColumn).ToArray();
        Assert.Equal(expected, predicted);
        Assert.Equal(3, predicted.Distinct().Count());
    }
}
