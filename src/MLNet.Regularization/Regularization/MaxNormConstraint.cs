using MLNet.Regularization.Networks;
using static TorchSharp.torch;

namespace MLNet.Regularization.Regularization;

/// <summary>Max-norm constraint (Srebro et al.; used with dropout by Srivastava et al.): after each step, each unit's
/// incoming weight vector (a row of the weight matrix) is rescaled to an L2 norm of at most <paramref name="maxNorm"/>.</summary>
internal sealed class MaxNormConstraint(double maxNorm) : IRegularizer
{
    public void AfterStep(Network network, double learningRate)
    {
        using var _ = no_grad();
        foreach (var w in network.Weights) w.copy_(w.renorm(2, 0, (float)maxNorm));
    }
}
