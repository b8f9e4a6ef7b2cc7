namespace MLNet.Regularization.Networks;

/// <summary>Per-column mean and standard deviation, applied as <c>(x - mean) / scale</c>. A constant column gets scale 1.</summary>
internal sealed record Standardization(float[] Mean, float[] Scale)
{
    /// <summary>The identity: mean 0, scale 1.</summary>
    public static Standardization Identity(int columns) => new(new float[columns], Enumerable.Repeat(1f, columns).ToArray());

    /// <summary>Standardizes whole rows in place.</summary>
    public void ApplyInPlace(Span<float> values)
    {
        int columns = Mean.Length;
        for (int start = 0; start < values.Length; start += columns)
        {
            var row = values.Slice(start, columns);
            for (int j = 0; j < columns; j++) row[j] = (row[j] - Mean[j]) / Scale[j];
        }
    }
}
