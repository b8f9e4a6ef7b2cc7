using MLNet.Regularization.Scoring;
using static TorchSharp.torch;

namespace MLNet.Regularization;

/// <summary>
/// The architecture of a trained network in prediction form: what its layers compute, which is what a saved network
/// records (<see cref="TrainedNetwork.Architecture"/>) and what a warm start must keep. Training-only parts (dropout,
/// noise, batch normalization, folded into the weights for prediction) are not part of it.
/// </summary>
/// <remarks>Each architecture is one seam of the engine: it builds its trainable module, exports the module in prediction
/// form, and writes and reads that form as the body of the ONNX graph. The training loop, the regularizers, early
/// stopping, ensembles and the ONNX envelope (standardization in front, the task's head behind) are shared.</remarks>
public abstract class NetworkArchitecture : IEquatable<NetworkArchitecture>
{
    private protected NetworkArchitecture() { }

    /// <summary>The name recorded in a saved network: "mlp" or "cnn".</summary>
    internal abstract string Name { get; }

    /// <summary>The options that set the architecture, for messages: "options HiddenLayers and Activation".</summary>
    internal abstract string OptionNames { get; }

    /// <summary>Builds the trainable module: <paramref name="standardization"/> (when given), the options' input noise and
    /// input dropout, then the architecture's layers with the options' own regularizers.</summary>
    internal abstract Networks.Network Build(int inputs, int outputs, Networks.InputStandardization? standardization, RegularizedTrainerOptions options);

    /// <summary>The trained module in prediction form (batch normalization folded, dropout and noise left out).</summary>
    internal abstract Networks.NetworkWeights Export(Networks.Network network);

    /// <summary>Copies prediction-form weights into a freshly built module of this architecture (a warm start).</summary>
    internal abstract void Import(Networks.NetworkWeights weights, Networks.Network network);

    /// <summary>Writes one member's body from the standardized input to its logits; returns the logits' name.</summary>
    internal abstract string WriteOnnx(OnnxGraphBuilder graph, string input, Networks.NetworkWeights weights, int member);

    /// <summary>Reads one member's body, asking <paramref name="read"/> for each weight tensor by name and exact shape.</summary>
    internal abstract Networks.NetworkWeights ReadOnnx(Func<string, long[], float[]> read, int member, int inputs, int outputs);

    /// <summary>The metadata entries (without prefix) that describe the architecture in a saved network.</summary>
    internal abstract IEnumerable<(string Key, string Value)> Metadata();

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
