using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace MLNet.Regularization.Training;

/// <summary>
/// Rows held in one native [rows, features] tensor, outside the garbage-collected heap: the only copy of the data, written and
/// read through spans over its memory and gathered into batches by index.
/// </summary>
internal sealed class MemoryRowStore : RowStore
{
    private readonly Tensor _features;

    public MemoryRowStore(int capacity, int featureCount) : base(capacity, featureCount)
    {
        try
        {
            _features = empty([capacity, featureCount], ScalarType.Float32);
        }
        catch (ExternalException e)
        {
            throw new InsufficientMemoryException(
                $"{capacity} rows of {featureCount} features ({capacity * RowBytes:N0} bytes) do not fit in memory: set DataStorage = " +
                "DataStorage.DiskCache, or leave it at Auto with a MemoryLimit below the memory this process can use.", e);
        }
    }

    public override void Write(int row, ReadOnlySpan<float> rows)
    {
        using var target = _features.narrow(0, row, rows.Length / FeatureCount);
        rows.CopyTo(MemoryMarshal.Cast<byte, float>(target.bytes));
    }

    public override void Read(int row, Span<float> rows)
    {
        using var source = _features.narrow(0, row, rows.Length / FeatureCount);
        MemoryMarshal.Cast<byte, float>(source.bytes).CopyTo(rows);
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
