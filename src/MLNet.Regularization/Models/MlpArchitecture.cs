using System.Globalization;
using MLNet.Regularization.Networks;

namespace MLNet.Regularization;

/// <summary>A multilayer perceptron: an optional embedding of the numeric features, dense hidden layers with an activation,
/// then a dense output layer.</summary>
public sealed class MlpArchitecture : NetworkArchitecture
{
    /// <summary>Creates the description of an MLP without a numeric embedding.</summary>
    /// <param name="hiddenLayers">The hidden layer sizes, input side first; empty for a linear model.</param>
    /// <param name="activation">The activation after each hidden layer.</param>
    public MlpArchitecture(IReadOnlyList<int> hiddenLayers, Activation activation)
        : this(hiddenLayers, activation, NumericEmbedding.None, 0, 0, 0)
    {
    }

    /// <summary>Creates the description of an MLP whose numeric features may be embedded before the first dense layer.</summary>
    /// <param name="hiddenLayers">The hidden layer sizes, input side first; empty for a linear model.</param>
    /// <param name="activation">The activation after each hidden layer.</param>
    /// <param name="numericEmbedding">The embedding of the numeric features.</param>
    /// <param name="numericEmbeddingFrequencies">The frequencies per numeric column (at least 1); ignored without an embedding.</param>
    /// <param name="numericEmbeddingSize">The values per numeric column, the scaled value included (at least 2); ignored without an embedding.</param>
    /// <param name="numericEmbeddingScale">The standard deviation of the initial frequencies (positive); ignored without an embedding.</param>
    /// <exception cref="ArgumentOutOfRangeException">An embedding parameter is out of its range.</exception>
    public MlpArchitecture(IReadOnlyList<int> hiddenLayers, Activation activation, NumericEmbedding numericEmbedding,
        int numericEmbeddingFrequencies, int numericEmbeddingSize, double numericEmbeddingScale)
    {
        HiddenLayers = hiddenLayers.ToArray();
        Activation = activation;
        if (!Enum.IsDefined(numericEmbedding))
            throw new ArgumentOutOfRangeException(nameof(numericEmbedding), numericEmbedding, "Not a known NumericEmbedding.");
        NumericEmbedding = numericEmbedding;
        if (numericEmbedding == NumericEmbedding.None) return;
        NumericEmbeddingFrequencies = numericEmbeddingFrequencies > 0 ? numericEmbeddingFrequencies
            : throw new ArgumentOutOfRangeException(nameof(numericEmbeddingFrequencies), numericEmbeddingFrequencies, "Must be positive.");
        NumericEmbeddingSize = numericEmbeddingSize >= 2 ? numericEmbeddingSize
            : throw new ArgumentOutOfRangeException(nameof(numericEmbeddingSize), numericEmbeddingSize, "Must be at least 2.");
        NumericEmbeddingScale = double.IsFinite(numericEmbeddingScale) && numericEmbeddingScale > 0 ? numericEmbeddingScale
            : throw new ArgumentOutOfRangeException(nameof(numericEmbeddingScale), numericEmbeddingScale, "Must be positive and finite.");
    }

    /// <summary>The hidden layer sizes, input side first.</summary>
    public IReadOnlyList<int> HiddenLayers { get; }

    /// <summary>The activation of the hidden layers.</summary>
    public Activation Activation { get; }

    /// <summary>The embedding of the numeric features before the first dense layer (<see cref="RegularizedMlpOptions.NumericEmbedding"/>).</summary>
    public NumericEmbedding NumericEmbedding { get; }

    /// <summary>The frequencies per numeric column of the embedding; 0 without one.</summary>
    public int NumericEmbeddingFrequencies { get; }

    /// <summary>The values each numeric column becomes, the scaled value included; 0 without an embedding.</summary>
    public int NumericEmbeddingSize { get; }

    /// <summary>The standard deviation of the initial frequencies of the embedding; 0 without one.</summary>
    public double NumericEmbeddingScale { get; }

    internal override string OptionNames => NumericEmbedding == NumericEmbedding.None
        ? "options HiddenLayers, Activation and NumericEmbedding"
        : "options HiddenLayers, Activation, NumericEmbedding, NumericEmbeddingFrequencies, NumericEmbeddingSize and NumericEmbeddingScale";

    internal override bool EmbedsNumericColumns => NumericEmbedding != NumericEmbedding.None;

    internal override Network Build(int inputs, int outputs, InputStandardization? standardization, LayerRegularization layers,
        IReadOnlyList<int> numericColumns) =>
        new MlpNetwork(inputs, outputs, this, layers, standardization, numericColumns);

    internal override NetworkWeights Export(Network network) => MlpWeights.From((MlpNetwork)network);

    internal override void Import(NetworkWeights weights, Network network) => ((MlpWeights)weights).LoadInto((MlpNetwork)network);

    /// <inheritdoc/>
    public override bool Equals(NetworkArchitecture? other) =>
        other is MlpArchitecture mlp && mlp.Activation == Activation && mlp.HiddenLayers.SequenceEqual(HiddenLayers)
        && mlp.NumericEmbedding == NumericEmbedding && mlp.NumericEmbeddingFrequencies == NumericEmbeddingFrequencies
        && mlp.NumericEmbeddingSize == NumericEmbeddingSize && mlp.NumericEmbeddingScale.Equals(NumericEmbeddingScale);

    /// <inheritdoc/>
    public override string ToString() => $"MLP [{string.Join(", ", HiddenLayers)}] {Activation}" + (NumericEmbedding == NumericEmbedding.None ? ""
        : string.Create(CultureInfo.InvariantCulture,
            $", {NumericEmbedding} numeric embedding ({NumericEmbeddingFrequencies} frequencies, size {NumericEmbeddingSize}, scale {NumericEmbeddingScale})"));
}
