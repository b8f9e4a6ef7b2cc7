using static TorchSharp.torch;

namespace MLNet.Regularization.Networks;

/// <summary>
/// A <see cref="PeriodicEmbedding"/> as plain arrays: of its <see cref="Inputs"/> input columns, the embedded ones (ascending)
/// and, for each of them, k frequencies and phases, a (d - 1) x k matrix (row-major, stacked column after column:
/// [m, d - 1, k]) and d - 1 biases.
/// </summary>
internal sealed record PeriodicEmbeddingWeights(int Inputs, int[] Columns, int FrequencyCount, int Size, float[] Frequencies, float[] Phases,
    float[] Weight, float[] Bias)
{
    /// <summary>The width of the embedding's output: d values per embedded column, one per column that passes through.</summary>
    public int Outputs => Columns.Length * Size + Inputs - Columns.Length;

    /// <summary>The input columns that pass through unembedded, ascending.</summary>
    public int[] Passthrough => Enumerable.Range(0, Inputs).Except(Columns).ToArray();

    public IEnumerable<float[]> Arrays => [Frequencies, Phases, Weight, Bias];

    public static PeriodicEmbeddingWeights From(PeriodicEmbedding embedding)
    {
        using var _ = no_grad();
        return new PeriodicEmbeddingWeights(embedding.Inputs, embedding.NumericColumns.ToArray(), embedding.FrequencyCount, embedding.Size,
            NetworkWeights.ToArray(embedding.Frequencies), NetworkWeights.ToArray(embedding.Phases), NetworkWeights.ToArray(embedding.Weight),
            NetworkWeights.ToArray(embedding.Bias));
    }

    /// <summary>Copies these weights into a freshly built embedding of the same columns and sizes (warm start).</summary>
    public void LoadInto(PeriodicEmbedding embedding)
    {
        if (embedding.Inputs != Inputs || !embedding.NumericColumns.SequenceEqual(Columns) || embedding.FrequencyCount != FrequencyCount || embedding.Size != Size)
            throw new ArgumentException("The embedding was built for other columns or sizes than these weights.", nameof(embedding));
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        int m = Columns.Length, k = FrequencyCount;
        embedding.Frequencies.copy_(tensor(Frequencies, [m, k]));
        embedding.Phases.copy_(tensor(Phases, [m, k]));
        embedding.Weight.copy_(tensor(Weight, [m * (Size - 1), k]));
        embedding.Bias.copy_(tensor(Bias, [m, Size - 1]));
    }
}
