using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNet.Regularization.SideBySide.Tests;

/// <summary>Rows of four standard normal features whose labels (Flag, Class, Value) follow the first two.</summary>
public static class NumericRows
{
    public sealed class Row
    {
        [VectorType(4)] public float[] Features { get; set; } = [];
        public bool Flag { get; set; }
        public string Class { get; set; } = "";
        public float Value { get; set; }
    }

    public static IDataView Create(MLContext ml, int count, int seed)
    {
        var random = new Random(seed);
        float Normal() => (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));
        return ml.Data.LoadFromEnumerable(Enumerable.Range(0, count).Select(_ =>
        {
            float[] x = [Normal(), Normal(), Normal(), Normal()];
            return new Row
            {
                Features = x,
                Flag = x[0] + x[1] > 0,
                Class = x[0] > 0.5f ? "a" : x[1] > 0 ? "b" : "c",
                Value = 2 * x[0] - x[1],
            };
        }).ToList());
    }
}
