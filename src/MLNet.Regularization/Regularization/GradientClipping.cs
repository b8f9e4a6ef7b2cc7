using MLNet.Regularization.Networks;
using static TorchSharp.torch;

namespace MLNet.Regularization.Regularization;

/// <summary>Scales all gradients together so that their global L2 norm is at most <paramref name="maxNorm"/>.</summary>
internal sealed class GradientClipping(double maxNorm) : IRegularizer
{
    public void AfterBackward(Network network) => nn.utils.clip_grad_norm_(network.parameters(), maxNorm);
}
