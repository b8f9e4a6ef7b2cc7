using static TorchSharp.torch;

namespace MLNet.Regularization.Networks;

/// <summary>
/// The first module of a network: the <see cref="Standardization"/> of the inputs (<c>(x - mean) / scale</c>, then the smooth
/// clip where it has one), with the training statistics as buffers (saved with the weights, never trained). Keeping it in the
/// network lets the data stay as it was read, so that batch augmentation sees pixels, and it is the same arithmetic as the
/// first nodes of the ONNX graph.
/// </summary>
internal sealed class InputStandardization : nn.Module<Tensor, Tensor>
{
    private readonly Tensor mean;
    private readonly Tensor scale;
    private readonly Tensor? clip;

    public InputStandardization(Standardization standardization) : base(nameof(InputStandardization))
    {
        mean = tensor(standardization.Mean);
        scale = tensor(standardization.Scale);
        register_buffer(nameof(mean), mean);
        register_buffer(nameof(scale), scale);
        if (standardization.Clip is { } bounds)
        {
            clip = tensor(bounds);
            register_buffer(nameof(clip), clip);
        }
    }

    public override Tensor forward(Tensor input)
    {
        var z = (input - mean) / scale;
        if (clip is null) return z;
        using var scope = NewDisposeScope();
        return (z / (1 + (z * clip).square()).sqrt()).MoveToOuterDisposeScope();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            mean.Dispose();
            scale.Dispose();
            clip?.Dispose();
        }
        base.Dispose(disposing);
    }
}
