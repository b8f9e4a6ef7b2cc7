using System.Runtime.InteropServices;
using MLNet.Regularization.ImageAugmentation;
using static TorchSharp.torch;

namespace MLNet.Regularization.Training;

/// <summary>
/// Augments every training batch before the forward pass with the pack's pixel functions (<see cref="ImageBatchAugmentation"/>),
/// the images spread over the cores (at most <see cref="RegularizedTrainerOptions.NumberOfThreads"/>). Each batch draws from
/// the seed, the epoch and the batch number, so the same seed repeats the whole run and every epoch draws afresh;
/// validation never passes through here. Each step applies with its probability times the strength of the epoch
/// (<see cref="TrainingState.AugmentationStrength"/>: <paramref name="strength"/>, unless an <see cref="AugmentationController"/> changes it).
/// </summary>
internal sealed class BatchAugmentation(ImageBatchAugmentation augmentation, int seed, double strength = 1, int? threads = null) : TrainingCallback
{
    private float[] _source = [];
    private float[] _destination = [];

    public override void EpochStarted(TrainingState state) => state.AugmentationStrength ??= strength;

    public override (Tensor Input, Tensor Target) BeforeForward(TrainingState state, Tensor input, Tensor target)
    {
        int count = (int)input.shape[0], length = count * augmentation.Shape.Length;
        if (_source.Length < length)
        {
            _source = new float[length];
            _destination = new float[length];
        }
        var pixels = input.device_type == TorchSharp.DeviceType.CPU ? input.contiguous() : input.cpu().contiguous();
        MemoryMarshal.Cast<byte, float>(pixels.bytes).CopyTo(_source);
        augmentation.Apply(_source, _destination, count, seed, ((long)state.Epoch << 32) | (uint)state.Batch, threads ?? -1,
            state.AugmentationStrength ?? strength);
        // Written straight into the new tensor's memory: no managed copy of the batch (on the large object heap) per batch.
        var augmented = empty(input.shape, ScalarType.Float32);
        _destination.AsSpan(0, length).CopyTo(MemoryMarshal.Cast<byte, float>(augmented.bytes));
        return (input.device_type == TorchSharp.DeviceType.CPU ? augmented : augmented.to(input.device), target);
    }
}
