using MLNet.Regularization.Networks;
using static TorchSharp.torch;

namespace MLNet.Regularization.Regularization;

/// <summary>Decoupled weight decay (Loshchilov and Hutter): <c>w *= 1 - lr * decay</c> on the weight matrices after each step.</summary>
internal sealed class DecoupledWeightDecay(double decay) : IRegularizer
{
    public void AfterStep(Network network, double learningRate)
    {
        using var _ = no_grad();
        foreach (var w in network.Weights) w.mul_(1 - learningRate * decay);
    }
}
