using MLNet.Regularization.Networks;
using static TorchSharp.torch;

namespace MLNet.Regularization.Regularization;

/// <summary>
/// A regularization technique that plugs into the training loop at up to three points of every step.
/// Each hook does nothing by default, so a technique implements only the points it acts at.
/// </summary>
internal interface IRegularizer
{
    /// <summary>A term added to the batch loss before <c>backward()</c>, or <see langword="null"/>.</summary>
    Tensor? Penalty(Network network) => null;

    /// <summary>Runs after <c>backward()</c>, before the optimizer step: may change gradients.</summary>
    void AfterBackward(Network network) { }

    /// <summary>Runs after the optimizer step: may change weights (under <c>no_grad</c>).</summary>
    void AfterStep(Network network, double learningRate) { }
}
