using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLNet.Regularization.Networks;

/// <summary>
/// A network the engine trains, whatever its architecture: the training loop, the regularizers, early stopping and the
/// divergence checks see only this. An architecture is a subclass that builds its layers and names its weights.
/// </summary>
internal abstract class Network(string name) : nn.Module<Tensor, Tensor>(name)
{
    /// <summary>The weights that penalties, max-norm and weight decay act on: weight matrices and convolution kernels, not biases
    /// and not normalization parameters. The first dimension of each is the output unit (or channel).</summary>
    public abstract IEnumerable<Parameter> Weights { get; }
}
