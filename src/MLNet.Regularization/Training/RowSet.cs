using MLNet.Regularization.Tasks;
using static TorchSharp.torch;

namespace MLNet.Regularization.Training;

/// <summary>
/// The rows one role (training or validation) reads, as batches of feature and target tensors: indices into a
/// <see cref="TrainingData"/>, whose store is shared, not copied. Training shuffles them every epoch; validation reads them in order.
/// </summary>
internal sealed class RowSet
{
    private readonly TrainingData _data;
    private readonly int[] _rows;
    private readonly int[] _order;
    private readonly Objective _task;
    private readonly Device _device;
    private readonly BatchReader _reader;

    /// <param name="data">The rows' features and labels (standardized).</param>
    /// <param name="rows">The rows of this role; a bootstrap sample may repeat rows.</param>
    /// <param name="objective">Makes the target tensors of the labels.</param>
    /// <param name="device">The device the batches go to.</param>
    /// <param name="batchSize">The largest batch that will be asked for.</param>
    public RowSet(TrainingData data, int[] rows, Objective objective, Device device, int batchSize)
    {
        _data = data;
        _order = rows.ToArray();
        _rows = rows.Order().ToArray();
        _task = objective;
        _device = device;
        BatchSize = batchSize;
        _reader = data.Features.OpenReader(batchSize);
    }

    public int Rows => _order.Length;

    /// <summary>The largest batch this set serves.</summary>
    public int BatchSize { get; }

    /// <summary>Where the rows are kept.</summary>
    public DataStorage Storage => _data.Features is DiskRowStore ? DataStorage.DiskCache : DataStorage.Memory;

    /// <summary>The device the batches are on.</summary>
    public Device Device => _device;

    /// <summary>Puts the rows in a new random order (see <see cref="RowStore.Shuffle"/>).</summary>
    public void Shuffle(Random random)
    {
        _data.Features.Shuffle(_rows, _order, random, _reader.WindowRows);
        _reader.Reset();
    }

    /// <summary>Features and targets of rows <paramref name="start"/> to <paramref name="start"/> + <paramref name="size"/> of the current order,
    /// created in the caller's dispose scope.</summary>
    public (Tensor Features, Tensor Targets) Batch(int start, int size)
    {
        var labels = new float[size];
        for (int i = 0; i < size; i++) labels[i] = _data.Labels[_order[start + i]];
        var x = _reader.Features(_order, start, size);
        var y = _task.Targets(labels);
        return _device.type == TorchSharp.DeviceType.CPU ? (x, y) : (x.to(_device), y.to(_device));
    }

    /// <summary>Forgets buffered rows: the store's rows have been read again.</summary>
    public void Reset() => _reader.Reset();
}
