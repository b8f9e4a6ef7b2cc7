using MLNet.Regularization.Networks;
using static TorchSharp.torch;

namespace MLNet.Regularization.Regularization;

/// <summary>Classic (coupled) L2 weight decay, as <c>torch.optim.Adam(weight_decay)</c> applies it: <c>grad += decay * w</c> on the
/// weight matrices before the step, after gradient clipping, so the decay passes through the optimizer's gradient scaling.</summary>
internal sealed class CoupledWeightDecay(double decay) : IRegularizer
{
    public void AfterBackward(Network network)
    {
        using var _ = no_grad();
        foreach (var w in network.Weights)
            if (w.grad is { } grad) grad.add_(w, alpha: decay);
    }
}
