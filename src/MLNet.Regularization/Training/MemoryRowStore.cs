using static TorchSharp.torch;

namespace MLNet.Regularization.Training;

/// <summary>Rows held in one array that a [rows, features] tensor shares (no second copy), gathered into batches by index.</summary>
internal sealed class MemoryRowStore : RowStore
{
    private readonly float[] _values;
    private readonly Tensor _features;

    public MemoryRowStore(int capacity, int featureCount) : base(capacity, featureCount)
    {
        long length = (long)capacity * featureCount;
        if (length > Array.MaxLength)
            throw new InvalidOperationException(
                $"{capacity} rows of {featureCount} features do not fit in one array in memory; set DataStorage = DataStorage.DiskCache (or Auto).");
        _values = new float[length];
        using var flat = from_array(_values);
        _features = flat.view(capacity, featureCount);
    }

    public override void Write(int row, ReadOnlySpan<float> rows) => rows.CopyTo(_values.AsSpan(row * FeatureCount));

    public override void Read(int row, Span<float> rows) => _values.AsSpan(row * FeatureCount, rows.Length).CopyTo(rows);

    /// <summary>A full shuffle of the previous epoch's order (so the same seed gives the same sequence of batches as ever).</summary>
    public override void Shuffle(int[] rows, int[] order, Random random, int windowRows) => random.Shuffle(order);

    public override BatchReader OpenReader(int batchSize) => new Reader(_features);

    public override void Dispose() => _features.Dispose();

    private sealed class Reader(Tensor features) : BatchReader
    {
        public override int WindowRows => int.MaxValue;

        public override Tensor Features(int[] order, int start, int size)
        {
            var index = new long[size];
            for (int i = 0; i < size; i++) index[i] = order[start + i];
            using var indices = tensor(index);
            return features.index_select(0, indices);
        }
    }
}
