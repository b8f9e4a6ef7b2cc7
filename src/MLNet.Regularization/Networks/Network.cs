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

    /// <summary>Whether the network normalizes with batch statistics in training, which a batch of one row cannot give.</summary>
    public abstract bool UsesBatchStatistics { get; }

    /// <summary>The modules every architecture starts with: the standardization, then input noise and input dropout.</summary>
    protected static List<(string, nn.Module<Tensor, Tensor>)> InputModules(InputStandardization? standardization, LayerRegularization layers)
    {
        var modules = new List<(string, nn.Module<Tensor, Tensor>)>();
        if (standardization is not null) modules.Add(("standardize", standardization));
        if (layers.InputNoiseStdDev > 0) modules.Add(("noise", new GaussianNoise(layers.InputNoiseStdDev)));
        if (layers.InputDropout > 0) modules.Add(("input_dropout", nn.Dropout(layers.InputDropout)));
        return modules;
    }

    /// <summary>The module of an activation.</summary>
    internal static nn.Module<Tensor, Tensor> CreateActivation(Activation activation) => activation switch
    {
        Activation.ReLU => nn.ReLU(),
        Activation.LeakyReLU => nn.LeakyReLU(0.01),
        Activation.ELU => nn.ELU(),
        Activation.GELU => nn.GELU(),
        Activation.SiLU => nn.SiLU(),
        Activation.Tanh => nn.Tanh(),
        Activation.Sigmoid => nn.Sigmoid(),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "Unknown activation."),
    };
}
