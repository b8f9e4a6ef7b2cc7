using TorchSharp;
using static TorchSharp.torch;

namespace MLNet.Regularization.Networks;

/// <summary>Adds zero-mean Gaussian noise in training mode; the identity in evaluation mode.</summary>
internal sealed class GaussianNoise : nn.Module<Tensor, Tensor>
{
    private readonly double _stdDev;

    public GaussianNoise(double stdDev) : base(nameof(GaussianNoise)) => _stdDev = stdDev;

    public override Tensor forward(Tensor input) =>
        training ? input + randn_like(input) * _stdDev : input.alias();
}
