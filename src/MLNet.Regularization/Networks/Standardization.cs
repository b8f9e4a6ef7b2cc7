namespace MLNet.Regularization.Networks;

/// <summary>
/// Per-column scaling, applied as <c>z = (x - mean) / scale</c>, then, where <see cref="Clip"/> is above 0, the smooth clip
/// <c>z / sqrt(1 + (z * clip)²)</c>, which leaves small values almost as they are and bends large ones towards ±1 / clip.
/// A constant column gets scale 1.
/// </summary>
/// <param name="Mean">The value subtracted (the mean, or the median for robust scaling).</param>
/// <param name="Scale">The divisor (the standard deviation, or the interquartile range).</param>
/// <param name="Clip">Per column, the inverse of the smooth clip's bound, or 0 for none; <see langword="null"/> when no column is clipped.</param>
internal sealed record Standardization(float[] Mean, float[] Scale, float[]? Clip = null)
{
    /// <summary>The identity: mean 0, scale 1.</summary>
    public static Standardization Identity(int columns) => new(new float[columns], Enumerable.Repeat(1f, columns).ToArray());

    /// <summary>Whether this leaves every value as it is.</summary>
    public bool IsIdentity => Mean.All(m => m == 0) && Scale.All(s => s == 1) && (Clip is null || Clip.All(c => c == 0));

    /// <summary>Scales whole rows in place.</summary>
    public void ApplyInPlace(Span<float> values)
    {
        int columns = Mean.Length;
        for (int start = 0; start < values.Length; start += columns)
        {
            var row = values.Slice(start, columns);
            for (int j = 0; j < columns; j++)
            {
                float z = (row[j] - Mean[j]) / Scale[j];
                if (Clip is not null)
                {
                    float t = z * Clip[j];
                    z /= MathF.Sqrt(1 + t * t);
                }
                row[j] = z;
            }
        }
    }
}
