using MLNet.Regularization.Networks;

namespace MLNet.Regularization.Training;

/// <summary>Fits the <see cref="Standardization"/> of training rows: per column, or pooled over runs of columns (a CNN's channels).</summary>
internal static class FeatureStatistics
{
    /// <summary>Statistics of the given rows of a row-major matrix with <paramref name="columns"/> columns.</summary>
    public static Standardization Fit(float[] values, int columns, IReadOnlyList<int> rows)
    {
        var moments = new Moments(columns);
        foreach (int r in rows) moments.Add(values.AsSpan(r * columns, columns));
        return moments.Result(rows.Count);
    }

    /// <summary>Statistics of the given rows (in ascending order) of a store, read a chunk at a time, pooled over
    /// <paramref name="groups"/> equal runs of columns (every column on its own when it is the column count).</summary>
    public static Standardization Fit(RowStore store, int[] rows, int groups)
    {
        int columns = store.FeatureCount, next = 0;
        var moments = new Moments(columns);
        int last = rows.Length == 0 ? -1 : rows[^1];
        store.Scan(last + 1, (start, chunk) =>
        {
            int end = start + chunk.Length / columns;
            for (; next < rows.Length && rows[next] < end; next++)
                moments.Add(chunk.Slice((rows[next] - start) * columns, columns));
        });
        return moments.Result(rows.Length, groups);
    }

    /// <summary>Sums and sums of squares per column, in double.</summary>
    private sealed class Moments(int columns)
    {
        private readonly double[] _sum = new double[columns];
        private readonly double[] _sumOfSquares = new double[columns];

        public void Add(ReadOnlySpan<float> row)
        {
            for (int j = 0; j < row.Length; j++)
            {
                _sum[j] += row[j];
                _sumOfSquares[j] += (double)row[j] * row[j];
            }
        }

        /// <summary>The mean and scale of each of <paramref name="groups"/> equal runs of columns, repeated over its columns.</summary>
        public Standardization Result(int count, int? groups = null)
        {
            int width = columns / (groups ?? columns);
            var mean = new float[columns];
            var scale = new float[columns];
            for (int start = 0; start < columns; start += width)
            {
                double sum = 0, sumOfSquares = 0;
                for (int j = start; j < start + width; j++)
                {
                    sum += _sum[j];
                    sumOfSquares += _sumOfSquares[j];
                }
                double n = (double)count * width, m = sum / n;
                double variance = Math.Max(0, sumOfSquares / n - m * m);
                mean.AsSpan(start, width).Fill((float)m);
                scale.AsSpan(start, width).Fill(variance > 1e-12 ? (float)Math.Sqrt(variance) : 1f);
            }
            return new Standardization(mean, scale);
        }
    }
}
