using System.Diagnostics;
using System.Runtime.InteropServices;
using MLNet.Regularization.ImageAugmentation;
using static TorchSharp.torch;

namespace MLNet.Regularization.Benchmarks;

/// <summary>
/// The work that <c>RegularizedCnn</c>'s batch augmentation does to every training batch, timed alone over the batches of one
/// epoch: as the trainer's callback does, the batch's pixels are copied out of the tensor, <see cref="ImageBatchAugmentation.Apply"/>
/// augments them (the images spread over the cores) and the result becomes a new tensor. Run between the trainer's epochs,
/// it sees the same machine load; its seconds divided by the augmented trainer's give augmentation's share of the epoch.
/// </summary>
internal sealed class AugmentationAlone(ImageBatchAugmentation augmentation, Tensor pixels, int batchSize, int seed)
{
    private readonly float[] _source = new float[batchSize * augmentation.Shape.Length];
    private readonly float[] _destination = new float[batchSize * augmentation.Shape.Length];

    /// <summary>Wall seconds of each epoch's augmentation so far.</summary>
    public List<double> EpochSeconds { get; } = [];

    /// <summary>Augments every batch of one epoch and returns the wall seconds.</summary>
    public double RunEpoch()
    {
        long epoch = EpochSeconds.Count + 1, rows = pixels.shape[0];
        int batch = 0;
        var timer = Stopwatch.StartNew();
        for (long start = 0; start < rows; start += batchSize)
        {
            using var scope = NewDisposeScope();
            var x = pixels.narrow(0, start, Math.Min(batchSize, rows - start)).contiguous();
            int count = (int)x.shape[0], length = count * augmentation.Shape.Length;
            MemoryMarshal.Cast<byte, float>(x.bytes).CopyTo(_source);
            augmentation.Apply(_source, _destination, count, seed, (epoch << 32) | (uint)++batch);
            var augmented = empty(x.shape, ScalarType.Float32);
            _destination.AsSpan(0, length).CopyTo(MemoryMarshal.Cast<byte, float>(augmented.bytes));
        }
        double seconds = timer.Elapsed.TotalSeconds;
        EpochSeconds.Add(seconds);
        return seconds;
    }
}
