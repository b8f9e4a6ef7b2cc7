using MLNet.Regularization.Networks;

namespace MLNet.Regularization;

/// <summary>A multilayer perceptron: dense hidden layers with an activation, then a dense output layer.</summary>
public sealed class MlpArchitecture : NetworkArchitecture
{
    /// <summary>Creates the description of an MLP.</summary>
    /// <param name="hiddenLayers">The hidden layer sizes, input side first; empty for a linear model.</param>
    /// <param name="activation">The activation after each hidden layer.</param>
    public MlpArchitecture(IReadOnlyList<int> hiddenLayers, Activation activation)
    {
        HiddenLayers = hiddenLayers.ToArray();
        Activation = activation;
    }

    /// <summary>The hidden layer sizes, input side first.</summary>
    public IReadOnlyList<int> HiddenLayers { get; }

    /// <summary>The activation of the hidden layers.</summary>
    public Activation Activation { get; }

    internal override string OptionNames => "options HiddenLayers and Activation";

    internal override Network Build(int inputs, int outputs, InputStandardization? standardization, LayerRegularization layers) =>
        new MlpNetwork(inputs, outputs, this, layers, standardization);

    internal override NetworkWeights Export(Network network) => MlpWeights.From((MlpNetwork)network);

    internal override void Import(NetworkWeights weights, Network network) => ((MlpWeights)weights).LoadInto((MlpNetwork)network);

    /// <inheritdoc/>
    public override bool Equals(NetworkArchitecture? other) =>
        other is MlpArchitecture mlp && mlp.Activation == Activation && mlp.HiddenLayers.SequenceEqual(HiddenLayers);

    /// <inheritdoc/>
    public override string ToString() => $"MLP [{string.Join(", ", HiddenLayers)}] {Activation}";
}
