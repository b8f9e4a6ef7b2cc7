using MLNet.Regularization.Tasks;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNet.Regularization.Training;

/// <summary>Rows of an <see cref="IDataView"/> read once: the features in a <see cref="RowStore"/> (memory or disk cache) and a label per row.</summary>
internal sealed class TrainingData : IDisposable
{
    private TrainingData(RowStore features, float[] labels, int skippedRows)
    {
        Features = features;
        Labels = labels;
        SkippedRows = skippedRows;
    }

    public RowStore Features { get; }
    public float[] Labels { get; private set; }
    public int FeatureCount => Features.FeatureCount;
    public int Rows => Labels.Length;
    public int SkippedRows { get; private set; }

    /// <summary>
    /// Checks that <paramref name="schema"/> has the feature and label columns the trainer needs and returns the feature count.
    /// <paramref name="role"/> ("training" or "validation") names the data in messages.
    /// </summary>
    public static int CheckSchema(DataViewSchema schema, RegularizedTrainerOptions options, Objective objective, string role)
    {
        var features = schema.GetColumnOrNull(options.FeatureColumnName)
            ?? throw new ArgumentException($"The {role} data has no feature column '{options.FeatureColumnName}'.", nameof(schema));
        if (features.Type is not VectorDataViewType { ItemType: var itemType, Size: var size } || itemType != NumberDataViewType.Single)
            throw new ArgumentException(
                $"Feature column '{options.FeatureColumnName}' of the {role} data is {features.Type}; expected a vector of Single " +
                "(use mlContext.Transforms.Concatenate to build one).", nameof(schema));
        if (size == 0)
            throw new ArgumentException(
                $"Feature column '{options.FeatureColumnName}' of the {role} data is a vector of unknown size; expected a vector of known size.", nameof(schema));

        var label = schema.GetColumnOrNull(options.LabelColumnName)
            ?? throw new ArgumentException($"The {role} data has no label column '{options.LabelColumnName}'.", nameof(schema));
        if (!objective.IsLabelType(label.Type))
            throw new ArgumentException(
                $"Label column '{options.LabelColumnName}' of the {role} data is {label.Type}; expected {objective.ExpectedLabel}.", nameof(schema));
        return size;
    }

    /// <summary>
    /// Reads every row into a new store sized by the row count (counted first if the data does not know it); rows with NaN or
    /// infinite values (or a missing key label) throw or are skipped.
    /// </summary>
    public static TrainingData Load(IDataView data, RegularizedTrainerOptions options, Objective objective, string role)
    {
        int d = CheckSchema(data.Schema, options, objective, role);
        long counted = data.GetRowCount() ?? CountRows(data, options);
        if (counted > int.MaxValue)
            throw new InvalidOperationException($"The {role} data has {counted} rows; the trainer reads at most {int.MaxValue}.");
        var store = RowStore.Create((int)counted, d, options);
        try
        {
            var labels = new float[counted];
            int rows = Read(data, options, objective, role, store, labels, out int skipped);
            if (rows < labels.Length) Array.Resize(ref labels, rows);
            return new TrainingData(store, labels, skipped);
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <summary>Reads the data again into the same store (<see cref="RegularizedTrainerOptions.ReadDataEachEpoch"/>); it must give as many rows.</summary>
    public void Reload(IDataView data, RegularizedTrainerOptions options, Objective objective)
    {
        var labels = new float[Features.Capacity];
        int rows = Read(data, options, objective, "training", Features, labels, out int skipped);
        if (rows != Rows)
            throw new InvalidOperationException(
                $"The training data gave {rows} rows on a later pass but {Rows} on the first; ReadDataEachEpoch needs the same rows on every pass.");
        Array.Resize(ref labels, rows);
        Labels = labels;
        SkippedRows = skipped;
    }

    /// <summary>A copy of the given rows in a store of their own (validation rows that a later pass must not overwrite).</summary>
    public TrainingData Subset(int[] rows, RegularizedTrainerOptions options)
    {
        var store = RowStore.Create(rows.Length, FeatureCount, options);
        var row = new float[FeatureCount];
        for (int i = 0; i < rows.Length; i++)
        {
            Features.Read(rows[i], row);
            store.Write(i, row);
        }
        return new TrainingData(store, rows.Select(r => Labels[r]).ToArray(), 0);
    }

    private static long CountRows(IDataView data, RegularizedTrainerOptions options)
    {
        long count = 0;
        using var cursor = data.GetRowCursor([]);
        while (cursor.MoveNext())
        {
            if ((count & 0xFFF) == 0) options.CancellationToken.ThrowIfCancellationRequested();
            count++;
        }
        return count;
    }

    /// <summary>Reads the valid rows into <paramref name="store"/> and <paramref name="labels"/>, a chunk at a time; returns how many.</summary>
    private static int Read(IDataView data, RegularizedTrainerOptions options, Objective objective, string role, RowStore store, float[] labels, out int skipped)
    {
        int d = store.FeatureCount;
        var featureColumn = data.Schema[options.FeatureColumnName];
        var labelColumn = data.Schema[options.LabelColumnName];
        var chunk = new float[store.ChunkRows * d];
        int inChunk = 0, kept = 0, chunks = 0;
        skipped = 0;
        long row = -1;
        using (var cursor = data.GetRowCursor([featureColumn, labelColumn]))
        {
            var getFeatures = cursor.GetGetter<VBuffer<float>>(featureColumn);
            var readLabel = objective.LabelReader(cursor, labelColumn);
            var vector = default(VBuffer<float>);
            while (cursor.MoveNext())
            {
                row++;
                options.CancellationToken.ThrowIfCancellationRequested();
                getFeatures(ref vector);
                if (vector.Length != d)
                    throw new InvalidOperationException(
                        $"Row {row} of the {role} data has {vector.Length} values in feature column '{options.FeatureColumnName}'; expected {d}.");
                var buffer = chunk.AsSpan(inChunk * d, d);
                vector.CopyTo(buffer);
                float label = readLabel();
                string? problem = !float.IsFinite(label) ? $"label column '{options.LabelColumnName}' is {Describe(label, objective)}"
                    : FirstNonFinite(buffer) is var slot and >= 0
                        ? $"feature column '{options.FeatureColumnName}' is {buffer[slot]} at slot {slot}"
                        : null;
                if (problem is not null)
                {
                    if (options.InvalidRows == InvalidRowHandling.Throw)
                        throw new InvalidOperationException(
                            $"Row {row} of the {role} data: {problem}. Clean the data, or set InvalidRows = InvalidRowHandling.Skip to leave such rows out.");
                    skipped++;
                    continue;
                }
                if (kept == labels.Length)
                    throw new InvalidOperationException(
                        $"The {role} data gave more rows than the {labels.Length} it counted; it must give the same rows on every pass.");
                labels[kept++] = label;
                if (++inChunk == store.ChunkRows)
                {
                    store.Write(kept - inChunk, chunk);
                    inChunk = 0;
                    if ((chunks = (chunks + 1) % CollectEveryChunks) == 0) CollectReaderGarbage();
                }
            }
        }
        if (inChunk > 0) store.Write(kept - inChunk, chunk.AsSpan(0, inChunk * d));
        if (kept >= CollectEveryChunks * store.ChunkRows) CollectReaderGarbage();
        if (kept == 0)
            throw new InvalidOperationException(row < 0
                ? $"The {role} data has no rows."
                : $"All {row + 1} rows of the {role} data have invalid values and were skipped.");
        return kept;
    }

    /// <summary>Chunks (of about 1 MB) read between two collections of the reader's garbage.</summary>
    private const int CollectEveryChunks = 32;

    /// <summary>
    /// ML.NET's loaders allocate large buffers per block of rows, which land on the large object heap and are collected only in
    /// full collections; left to itself the garbage of one pass over the data grows to about the size of the data. Collecting
    /// it every 32 MB read, and once at the end of a large read, keeps the peak near one copy of the features (a full
    /// collection of a heap that is mostly one large array of floats takes milliseconds).
    /// </summary>
    private static void CollectReaderGarbage() => GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: false);

    private static int FirstNonFinite(ReadOnlySpan<float> values)
    {
        for (int i = 0; i < values.Length; i++) if (!float.IsFinite(values[i])) return i;
        return -1;
    }

    private static string Describe(float label, Objective objective) =>
        objective is MulticlassObjective && float.IsNaN(label) ? "a missing key (0)" : label.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Splits row indices into training and validation parts: seeded, stratified by class for classification.</summary>
    public (int[] Train, int[] Validation) Split(double validationFraction, int seed, bool stratify)
    {
        var random = new Random(seed);
        var groups = stratify
            ? Enumerable.Range(0, Rows).GroupBy(i => Labels[i]).OrderBy(g => g.Key).Select(g => g.ToArray())
            : [Enumerable.Range(0, Rows).ToArray()];
        var train = new List<int>();
        var validation = new List<int>();
        foreach (var group in groups)
        {
            random.Shuffle(group);
            int take = (int)Math.Round(group.Length * validationFraction);
            validation.AddRange(group.Take(take));
            train.AddRange(group.Skip(take));
        }
        train.Sort();
        validation.Sort();
        return ([.. train], [.. validation]);
    }

    public void Dispose() => Features.Dispose();
}
