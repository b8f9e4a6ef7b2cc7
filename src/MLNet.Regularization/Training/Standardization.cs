namespace MLNet.Regularization.Training;

/// <summary>Per-column mean and standard deviation, applied as <c>(x - mean) / scale</c>. A constant column gets scale 1.</summary>
internal sealed record Standardization(float[] Mean, float[] Scale)
{
    /// <summary>The identity: mean 0, scale 1.</summary>
    public static Standardization Identity(int columns) => new(new float[columns], Enumerable.Repeat(1f, columns).ToArray());

    /// <summary>Statistics of the given rows of a row-major matrix with <paramref name="columns"/> columns.</summary>
    public static Standardization Fit(float[] values, int columns, IReadOnlyList<int> rows)
    {
        var sum = new double[columns];
        var sumOfSquares = new double[columns];
        foreach (int r in rows)
        {
            var row = values.AsSpan(r * columns, columns);
            for (int j = 0; j < columns; j++)
            {
                sum[j] += row[j];
                sumOfSquares[j] += (double)row[j] * row[j];
            }
        }
        var mean = new float[columns];
        var scale = new float[columns];
        for (int j = 0; j < columns; j++)
        {
            double m = sum[j] / rows.Count;
            double variance = Math.Max(0, sumOfSquares[j] / rows.Count - m * m);
            mean[j] = (float)m;
            scale[j] = variance > 1e-12 ? (float)Math.Sqrt(variance) : 1f;
        }
        return new Standardization(mean, scale);
    }

    /// <summary>Copies the given rows, standardized, into a new row-major array.</summary>
    public float[] Apply(float[] values, IReadOnlyList<int> rows)
    {
        int columns = Mean.Length;
        var result = new float[rows.Count * columns];
        for (int i = 0; i < rows.Count; i++)
        {
            var source = values.AsSpan(rows[i] * columns, columns);
            var target = result.AsSpan(i * columns, columns);
            for (int j = 0; j < columns; j++) target[j] = (source[j] - Mean[j]) / Scale[j];
        }
        return result;
    }
}
