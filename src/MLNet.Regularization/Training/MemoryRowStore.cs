using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace MLNet.Regularization.Training;

/// <summary>
/// Rows held in one native [rows, features] tensor, outside the garbage-collected heap: the only copy of the data, written and
/// read through spans over its memory and gathered into batches by index.
/// </summary>
internal sealed class MemoryRowStore(int capacity, int featureCount) : RowStore(capacity, featureCount)
{
    private readonly Tensor _features = empty([capacity, featureCount], ScalarType.Float32);

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
