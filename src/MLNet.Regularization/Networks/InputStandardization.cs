using static TorchSharp.torch;

namespace MLNet.Regularization.Networks;

/// <summary>
/// The first module of a network: <c>(x - mean) / scale</c> per input, with the training statistics as buffers (saved with
/// the weights, never trained). Keeping it in the network lets the data stay as it was read, so that batch augmentation
/// sees pixels, and it is the same arithmetic as the first nodes of the ONNX graph.
/// </summary>
internal sealed class InputStandardization : nn.Module<Tensor, Tensor>
{
    private readonly Tensor mean;
    private readonly Tensor scale;

    public InputStandardization(float[] mean, float[] scale) : base(nameof(InputStandardization))
    {
        this.mean = tensor(mean);
        this.scale = tensor(scale);
        register_buffer(nameof(mean), this.mean);
        register_buffer(nameof(scale), this.scale);
    }

    public override Tensor forward(Tensor input) => (input - mean) / scale;

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            mean.Dispose();
            scale.Dispose();
        }
        base.Dispose(disposing);
    }
}
