using static TorchSharp.torch;

namespace MLNet.Regularization.Training;

/// <summary>Rows held in one native [rows, features] tensor: a single copy of the data, gathered into batches by index.</summary>
internal sealed class MemoryRowStore : RowStore
{
    private readonly Tensor _features;

    public MemoryRowStore(int capacity, int featureCount) : base(capacity, featureCount)
    {
        _features = empty([capacity, featureCount], ScalarType.Float32);
    }

    public override void Write(int row, ReadOnlySpan<float> rows)
    {
        using var values = _features.data<float>();
        values.CopyFrom(rows, 0, (long)row * FeatureCount);
    }

    public override void Read(int row, Span<float> rows)
    {
        using var values = _features.data<float>();
        values.CopyTo(rows, 0, (long)row * FeatureCount);
    }

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
