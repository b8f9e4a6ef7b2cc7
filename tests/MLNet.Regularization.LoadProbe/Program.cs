// Usage: MLNet.Regularization.LoadProbe <model.zip> <features.bin> <featureCount>
// Loads the model with a plain mlContext.Model.Load, scores the rows of features.bin (little-endian floats, row-major)
// and prints each row's first Score value as the hexadecimal bits of the float, one per line.
using Microsoft.ML;
using Microsoft.ML.Data;

var mlContext = new MLContext();
var model = mlContext.Model.Load(args[0], out _);
int featureCount = int.Parse(args[2]);
var values = File.ReadAllBytes(args[1]);
var floats = new float[values.Length / sizeof(float)];
Buffer.BlockCopy(values, 0, floats, 0, values.Length);
var rows = Enumerable.Range(0, floats.Length / featureCount)
    .Select(i => new Row { Features = floats.AsSpan(i * featureCount, featureCount).ToArray() });
var definition = SchemaDefinition.Create(typeof(Row));
definition[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, featureCount);
var scored = model.Transform(mlContext.Data.LoadFromEnumerable(rows, definition));
var score = scored.Schema["Score"];
using var cursor = scored.GetRowCursor([score]);
if (score.Type is VectorDataViewType)
{
    var get = cursor.GetGetter<VBuffer<float>>(score);
    var value = default(VBuffer<float>);
    while (cursor.MoveNext()) { get(ref value); Console.WriteLine(BitConverter.SingleToInt32Bits(value.GetValues()[0]).ToString("X8")); }
}
else
{
    var get = cursor.GetGetter<float>(score);
    float value = 0;
    while (cursor.MoveNext()) { get(ref value); Console.WriteLine(BitConverter.SingleToInt32Bits(value).ToString("X8")); }
}

internal sealed class Row
{
    public float[] Features { get; set; } = [];
}
