using MLNet.Regularization.Networks;

namespace MLNet.Regularization.Training;

/// <summary>Fits the <see cref="Standardization"/> of training rows: per column, or pooled over runs of columns (a CNN's channels);
/// or robustly (<see cref="FeatureScaling.Robust"/>), per column from its quantiles.</summary>
internal static class FeatureStatistics
{
    /// <summary>The most values robust scaling sorts: rows beyond what fits are sampled at even steps.</summary>
    internal const int RobustSampleValues = 16_000_000;

    /// <summary>The smooth clip's bound in scaled units: large values bend towards ±3.</summary>
    internal const float RobustClipBound = 3;

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

    /// <summary>
    /// Robust statistics of the given rows (in ascending order) of a store (<see cref="FeatureScaling.Robust"/>): per column,
    /// the median and the interquartile range (half the full range when that is 0) with the smooth clip; a column with two
    /// values is mapped to 0 and 1 without clip, a constant column left as it is. Quantiles interpolate linearly between
    /// sorted values (NumPy's default); beyond <see cref="RobustSampleValues"/> values, rows at even steps stand for the rest.
    /// </summary>
    public static Standardization FitRobust(RowStore store, int[] rows)
    {
        int columns = store.FeatureCount;
        int count = (int)Math.Min(rows.Length, Math.Max(256, RobustSampleValues / Math.Max(1, columns)));
        var sample = new int[count];
        for (int i = 0; i < count; i++) sample[i] = rows[(int)((long)i * rows.Length / count)];

        // Column-major, so that each column sorts in place.
        var values = new float[(long)columns * count];
        int next = 0;
        store.Scan(count == 0 ? 0 : sample[^1] + 1, (start, chunk) =>
        {
            int end = start + chunk.Length / columns;
            for (; next < count && sample[next] < end; next++)
            {
                var row = chunk.Slice((sample[next] - start) * columns, columns);
                for (int j = 0; j < columns; j++) values[(long)j * count + next] = row[j];
            }
        });

        var mean = new float[columns];
        var scale = new float[columns];
        var clip = new float[columns];
        for (int j = 0; j < columns; j++)
        {
            var column = values.AsSpan((int)((long)j * count), count);
            column.Sort();
            (mean[j], scale[j], clip[j]) = RobustColumn(column);
        }
        return new Standardization(mean, scale, clip.Any(c => c != 0) ? clip : null);
    }

    /// <summary>
    /// The columns with more than two distinct values in the given rows (in ascending order) of a store, ascending: the numeric
    /// columns, as opposed to constant, binary and one-hot ones (which <see cref="FitRobust"/> maps to 0 and 1).
    /// </summary>
    public static int[] NumericColumns(RowStore store, int[] rows)
    {
        int columns = store.FeatureCount, next = 0;
        // Per column, the first two distinct values seen, and whether a third has been.
        var first = new float[columns];
        var second = new float[columns];
        var seen = new int[columns];
        int last = rows.Length == 0 ? -1 : rows[^1];
        store.Scan(last + 1, (start, chunk) =>
        {
            int end = start + chunk.Length / columns;
            for (; next < rows.Length && rows[next] < end; next++)
            {
                var row = chunk.Slice((rows[next] - start) * columns, columns);
                for (int j = 0; j < columns; j++)
                {
                    float value = row[j];
                    switch (seen[j])
                    {
                        case 0: (first[j], seen[j]) = (value, 1); break;
                        case 1 when value != first[j]: (second[j], seen[j]) = (value, 2); break;
                        case 2 when value != first[j] && value != second[j]: seen[j] = 3; break;
                    }
                }
            }
        });
        return Enumerable.Range(0, columns).Where(j => seen[j] > 2).ToArray();
    }

    /// <summary>The center, scale and clip of one sorted column.</summary>
    private static (float Center, float Scale, float Clip) RobustColumn(ReadOnlySpan<float> sorted)
    {
        if (sorted.Length == 0) return (0, 1, 0);
        float low = sorted[0], high = sorted[^1];
        if (low == high) return (low, 1, 0);
        int firstAbove = sorted.IndexOfAnyExcept(low);
        if (sorted[firstAbove] == high)
            return low == 0 && high == 1 ? (0, 1, 0) : (low, high - low, 0);
        float median = Quantile(sorted, 0.5), range = Quantile(sorted, 0.75) - Quantile(sorted, 0.25);
        return (median, range > 0 ? range : (high - low) / 2, 1 / RobustClipBound);
    }

    /// <summary>The <paramref name="q"/> quantile of sorted values, interpolating linearly between neighbours.</summary>
    private static float Quantile(ReadOnlySpan<float> sorted, double q)
    {
        double position = q * (sorted.Length - 1);
        int below = (int)Math.Floor(position);
        int above = Math.Min(below + 1, sorted.Length - 1);
        return (float)(sorted[below] + (position - below) * ((double)sorted[above] - sorted[below]));
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
