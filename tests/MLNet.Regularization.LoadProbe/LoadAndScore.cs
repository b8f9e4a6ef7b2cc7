using Microsoft.ML;
using Microsoft.ML.Data;

/// <summary>Loads a saved model as a user's scoring service would, never touching MLNet.Regularization's types before
/// <c>mlContext.Model.Load</c>, and prints the scores' bits.</summary>
internal static class LoadAndScore
{
    public static int Run(string[] args)
    {
        var mlContext = new MLContext();
        var model = mlContext.Model.Load(args[0], out _);
        try
        {
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
            return 0;
        }
        finally
        {
            // ML.NET's OnnxTransformer keeps the loaded graph in a temporary file until the chain is disposed.
            (model as IDisposable)?.Dispose();
        }
    }

    private sealed class Row
    {
        public float[] Features { get; set; } = [];
    }
}
