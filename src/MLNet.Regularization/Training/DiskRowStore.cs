using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using static TorchSharp.torch;

namespace MLNet.Regularization.Training;

/// <summary>
/// Rows in a temporary file, for data larger than memory. The file is deleted when the store is disposed, and on Linux
/// and macOS it has no name from the moment it is created, so nothing is left behind even if the process dies.
/// </summary>
/// <remarks>
/// Shuffling: the rows of a role are cut into blocks of about 64 KiB of consecutive rows; every epoch the blocks are put in a
/// new random order, and the rows within each window of the reader (the shuffle buffer, at most half of
/// <see cref="RegularizedTrainerOptions.MemoryLimit"/> and at most 1 GiB) are shuffled again. A reader fills its window by reading
/// whole blocks, so the file is read in large pieces; when the window holds every row this is a full shuffle.
/// </remarks>
internal sealed class DiskRowStore : RowStore
{
    public const long MaxWindowBytes = 1L << 30;
    private const int BlockBytes = 64 << 10;

    private readonly FileStream _file;
    private readonly long _windowBytes;

    public DiskRowStore(int capacity, int featureCount, string folder, long windowBytes) : base(capacity, featureCount)
    {
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException($"Option DiskCacheFolder names '{folder}', which is not an existing folder.");
        string path = Path.Combine(folder, $"mlnet-regularization-{Guid.NewGuid():N}.rows");
        _file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, bufferSize: 1, FileOptions.DeleteOnClose);
        // An open file keeps its data after its name is gone: unnamed, it cannot outlive the process.
        if (!OperatingSystem.IsWindows()) File.Delete(path);
        _windowBytes = windowBytes;
    }

    private SafeFileHandle Handle => _file.SafeFileHandle;

    public override void Write(int row, ReadOnlySpan<float> rows) => RandomAccess.Write(Handle, MemoryMarshal.AsBytes(rows), row * RowBytes);

    public override void Read(int row, Span<float> rows)
    {
        var bytes = MemoryMarshal.AsBytes(rows);
        long offset = row * RowBytes;
        while (bytes.Length > 0)
        {
            int read = RandomAccess.Read(Handle, bytes, offset);
            if (read <= 0) throw new IOException("The disk cache of the training data ended early.");
            bytes = bytes[read..];
            offset += read;
        }
    }

    private int BlockRows => (int)Math.Max(1, BlockBytes / RowBytes);

    public override void Shuffle(int[] rows, int[] order, Random random, int windowRows)
    {
        int blockRows = BlockRows;
        var blocks = Enumerable.Range(0, (rows.Length + blockRows - 1) / blockRows).ToArray();
        random.Shuffle(blocks);
        int next = 0;
        foreach (int block in blocks)
        {
            int start = block * blockRows, count = Math.Min(blockRows, rows.Length - start);
            rows.AsSpan(start, count).CopyTo(order.AsSpan(next));
            next += count;
        }
        for (int start = 0; start < order.Length; start += windowRows)
            random.Shuffle(order.AsSpan(start, Math.Min(windowRows, order.Length - start)));
    }

    public override BatchReader OpenReader(int batchSize)
    {
        long rows = Math.Max(1, _windowBytes / RowBytes);
        int window = (int)Math.Clamp(rows / batchSize * batchSize, batchSize, Math.Max(batchSize, Capacity));
        return new Reader(this, window, batchSize);
    }

    public override void Dispose() => _file.Dispose();

    /// <summary>Holds one window of rows in memory and serves batches from it.</summary>
    private sealed class Reader(DiskRowStore store, int windowRows, int batchSize) : BatchReader
    {
        private float[]? _window;
        private int _windowStart = -1, _windowCount;
        private readonly float[] _run = new float[store.BlockRows * store.FeatureCount];
        private readonly float[] _batch = new float[batchSize * store.FeatureCount];

        public override int WindowRows => windowRows;

        public override void Reset() => _windowStart = -1;

        public override Tensor Features(int[] order, int start, int size)
        {
            if (_windowStart < 0 || start < _windowStart || start + size > _windowStart + _windowCount) Fill(order, start);
            int d = store.FeatureCount;
            // One buffer serves every full batch, cloned into native memory: no large array of garbage per batch.
            var batch = size * d == _batch.Length ? _batch : new float[size * d];
            _window.AsSpan((start - _windowStart) * d, size * d).CopyTo(batch);
            using var shared = from_array(batch);
            using var rows = shared.view(size, d);
            return rows.clone();
        }

        /// <summary>Reads rows <c>order[start ..]</c> of one window, in runs of consecutive rows, into window order.</summary>
        private void Fill(int[] order, int start)
        {
            int d = store.FeatureCount;
            int count = Math.Min(windowRows, order.Length - start);
            _window ??= new float[checked(Math.Min(windowRows, store.Capacity) * d)];
            var slots = new (int Row, int Slot)[count];
            for (int i = 0; i < count; i++) slots[i] = (order[start + i], i);
            Array.Sort(slots);
            int runCapacity = _run.Length / d;
            for (int i = 0; i < count;)
            {
                int first = slots[i].Row, length = 1;
                while (i + length < count && length < runCapacity && slots[i + length].Row == first + length) length++;
                var run = _run.AsSpan(0, length * d);
                store.Read(first, run);
                for (int k = 0; k < length; k++)
                    run.Slice(k * d, d).CopyTo(_window.AsSpan(slots[i + k].Slot * d, d));
                i += length;
                // A row drawn more than once (a bootstrap sample) is copied from its first slot.
                while (i < count && i > 0 && slots[i].Row == slots[i - 1].Row)
                {
                    _window.AsSpan(slots[i - 1].Slot * d, d).CopyTo(_window.AsSpan(slots[i].Slot * d, d));
                    i++;
                }
            }
            _windowStart = start;
            _windowCount = count;
        }
    }
}
