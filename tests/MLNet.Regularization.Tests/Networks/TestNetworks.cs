using MLNet.Regularization.Networks;

namespace MLNet.Regularization.Tests;

/// <summary>Builds networks the way the trainers do, for tests that look inside them.</summary>
internal static class TestNetworks
{
    /// <summary>The MLP that <paramref name="options"/> describe.</summary>
    public static MlpNetwork Mlp(int inputs, int outputs, RegularizedMlpOptions options, InputStandardization? standardization = null) =>
        new(inputs, outputs, new MlpArchitecture(options.HiddenLayers, options.Activation), options.LayerRegularization(), standardization);

    /// <summary>The dense layers of an MLP in prediction form.</summary>
    public static IReadOnlyList<DenseLayer> Layers(this NetworkWeights weights) => ((MlpWeights)weights).Layers;

    /// <summary>The hidden layer sizes of a trained MLP.</summary>
    public static IReadOnlyList<int> HiddenLayers(this TrainedNetwork network) => ((MlpArchitecture)network.Architecture).HiddenLayers;
}
