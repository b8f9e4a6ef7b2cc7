using static TorchSharp.torch;

namespace MLNet.Regularization.Training;

/// <summary>
/// The feature rows of a data set, row-major <see cref="float"/>, as they were read: written once (or once per epoch with
/// <see cref="RegularizedTrainerOptions.ReadDataEachEpoch"/>), then read in batches. <see cref="MemoryRowStore"/> holds them in one native buffer, <see cref="DiskRowStore"/>
/// in a temporary file for data larger than memory.
/// </summary>
internal abstract class RowStore(int capacity, int featureCount) : IDisposable
{
    /// <summary>Bytes moved at a time when rows are read or written in chunks.</summary>
    private const int ChunkBytes = 1 << 20;

    /// <summary>The number of rows the store has room for.</summary>
    public int Capacity { get; } = capacity;

    public int FeatureCount { get; } = featureCount;

    public long RowBytes => (long)FeatureCount * sizeof(float);

    /// <summary>Rows per chunk of about one megabyte (at least one row).</summary>
    public int ChunkRows => (int)Math.Max(1, Math.Min(Capacity, ChunkBytes / Math.Max(RowBytes, 1)));

    /// <summary>Writes whole rows starting at row <paramref name="row"/>.</summary>
    public abstract void Write(int row, ReadOnlySpan<float> rows);

    /// <summary>Reads whole rows starting at row <paramref name="row"/>.</summary>
    public abstract void Read(int row, Span<float> rows);

    /// <summary>
    /// Puts <paramref name="order"/> (the rows of one role) in the order of a new epoch. <paramref name="rows"/> holds the
    /// same rows in ascending order; <paramref name="windowRows"/> is the shuffle window of the reader.
    /// </summary>
    public abstract void Shuffle(int[] rows, int[] order, Random random, int windowRows);

    /// <summary>A reader of batches of at most <paramref name="batchSize"/> rows.</summary>
    public abstract BatchReader OpenReader(int batchSize);

    /// <summary>Calls <paramref name="visit"/> on the first <paramref name="rows"/> rows, a chunk at a time, in row order.</summary>
    public void Scan(int rows, Action<int, Span<float>> visit)
    {
        var buffer = new float[ChunkRows * FeatureCount];
        for (int start = 0; start < rows; start += ChunkRows)
        {
            var chunk = buffer.AsSpan(0, Math.Min(ChunkRows, rows - start) * FeatureCount);
            Read(start, chunk);
            visit(start, chunk);
        }
    }

    /// <summary>A store for <paramref name="rows"/> rows, in memory or on disk as <paramref name="options"/> say.</summary>
    public static RowStore Create(int rows, int featureCount, RegularizedTrainerOptions options)
    {
        long bytes = (long)rows * featureCount * sizeof(float);
        long limit = MemoryLimitOf(options);
        bool disk = options.DataStorage switch
        {
            DataStorage.Memory => false,
            DataStorage.DiskCache => true,
            _ => bytes > limit,
        };
        if (!disk) return new MemoryRowStore(rows, featureCount);
        long window = Math.Min(limit / 2, DiskRowStore.MaxWindowBytes);
        return new DiskRowStore(rows, featureCount, options.DiskCacheFolder ?? Path.GetTempPath(), window);
    }

    /// <summary><see cref="RegularizedTrainerOptions.MemoryLimit"/>, or half the memory available to the process.</summary>
    public static long MemoryLimitOf(RegularizedTrainerOptions options) =>
        options.MemoryLimit ?? GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 2;

    public abstract void Dispose();
}

/// <summary>Reads batches of rows of a <see cref="RowStore"/> as feature tensors.</summary>
internal abstract class BatchReader
{
    /// <summary>The shuffle window of this reader, in rows (see <see cref="RowStore.Shuffle"/>).</summary>
    public abstract int WindowRows { get; }

    /// <summary>The features of rows <c>order[start .. start + size)</c> as a [size, features] tensor on the CPU, in the caller's dispose scope.
    /// Batches are asked for in increasing <paramref name="start"/> within an epoch.</summary>
    public abstract Tensor Features(int[] order, int start, int size);

    /// <summary>Forgets buffered rows: <c>order</c> has changed.</summary>
    public virtual void Reset() { }
}
