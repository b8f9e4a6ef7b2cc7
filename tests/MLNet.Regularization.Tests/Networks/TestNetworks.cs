using MLNet.Regularization.Networks;

namespace MLNet.Regularization.Tests;

/// <summary>Builds networks the way the trainers do, for tests that look inside them.</summary>
internal static class TestNetworks
{
    /// <summary>The MLP that <paramref name="options"/> describe; with a numeric embedding, it embeds <paramref name="numericColumns"/>
    /// (every column when not given).</summary>
    public static MlpNetwork Mlp(int inputs, int outputs, RegularizedMlpOptions options, InputStandardization? standardization = null,
        IReadOnlyList<int>? numericColumns = null) =>
        new(inputs, outputs, Architecture(options), options.LayerRegularization(), standardization, numericColumns ?? Enumerable.Range(0, inputs).ToArray());

    /// <summary>The MLP architecture that <paramref name="options"/> describe.</summary>
    public static MlpArchitecture Architecture(RegularizedMlpOptions options) => new(options.HiddenLayers, options.Activation, options.NumericEmbedding,
        options.NumericEmbeddingFrequencies, options.NumericEmbeddingSize, options.NumericEmbeddingScale);

    /// <summary>The dense layers of an MLP in prediction form.</summary>
    public static IReadOnlyList<DenseLayer> Layers(this NetworkWeights weights) => ((MlpWeights)weights).Layers;

    /// <summary>The hidden layer sizes of a trained MLP.</summary>
    public static IReadOnlyList<int> HiddenLayers(this TrainedNetwork network) => ((MlpArchitecture)network.Architecture).HiddenLayers;
}
