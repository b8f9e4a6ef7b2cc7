using static TorchSharp.torch;

namespace MLNet.Regularization;

/// <summary>
/// The architecture of a trained network in prediction form: what its layers compute, which is what a saved network
/// records (<see cref="TrainedNetwork.Architecture"/>) and what a warm start must keep. Training-only parts (dropout,
/// noise, batch normalization, folded into the weights for prediction) are not part of it.
/// </summary>
/// <remarks>Each architecture builds its trainable module and exports it in prediction form; its seam in scoring writes and
/// reads that form as the body of the ONNX graph. The training loop, the regularizers, early stopping, ensembles and the
/// ONNX envelope (standardization in front, the task's head behind) are shared.</remarks>
public abstract class NetworkArchitecture : IEquatable<NetworkArchitecture>
{
    private protected NetworkArchitecture() { }

    /// <summary>The options that set the architecture, for messages: "options HiddenLayers and Activation".</summary>
    internal abstract string OptionNames { get; }

    /// <summary>Whether the architecture embeds the numeric columns of its input, which it must then be told when it is built:
    /// the columns with more than two distinct values in the training rows.</summary>
    internal virtual bool EmbedsNumericColumns => false;

    /// <summary>Builds the trainable module: <paramref name="standardization"/> (when given), input noise and input dropout,
    /// then the architecture's layers with the regularizers that are layers. <paramref name="numericColumns"/> are the input
    /// columns with more than two distinct values in the training rows, ascending (empty unless <see cref="EmbedsNumericColumns"/>).</summary>
    internal abstract Networks.Network Build(int inputs, int outputs, Networks.InputStandardization? standardization, Networks.LayerRegularization layers,
        IReadOnlyList<int> numericColumns);

    /// <summary>The trained module in prediction form (batch normalization folded, dropout and noise left out).</summary>
    internal abstract Networks.NetworkWeights Export(Networks.Network network);

    /// <summary>Copies prediction-form weights into a freshly built module of this architecture (a warm start).</summary>
    internal abstract void Import(Networks.NetworkWeights weights, Networks.Network network);

    /// <summary>The groups of inputs that share one mean and scale in the standardization (the network's first module):
    /// every input on its own for an MLP, every channel's pixels together for a CNN, so that shifting an image does not change
    /// how a pixel is scaled.</summary>
    internal virtual int StandardizationGroups(int inputs) => inputs;

    /// <summary>Checks that this architecture can take <paramref name="inputs"/> features; throws naming the option otherwise.</summary>
    internal virtual void CheckInputs(int inputs, string featureColumn) { }

    /// <inheritdoc/>
    public abstract bool Equals(NetworkArchitecture? other);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is NetworkArchitecture other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);

    /// <summary>A one-line description, such as "MLP [512, 256] ReLU".</summary>
    public abstract override string ToString();
}
