using System.Globalization;
using MLNet.Regularization.Networks;
using MLNet.Regularization.Scoring;

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

    internal override string Name => "mlp";

    internal override string OptionNames => "options HiddenLayers and Activation";

    internal override Network Build(int inputs, int outputs, InputStandardization? standardization, RegularizedTrainerOptions options) =>
        new MlpNetwork(inputs, outputs, this, (RegularizedMlpOptions)options, standardization);

    internal override NetworkWeights Export(Network network) => MlpWeights.From((MlpNetwork)network);

    internal override void Import(NetworkWeights weights, Network network) => ((MlpWeights)weights).LoadInto((MlpNetwork)network);

    internal override string WriteOnnx(OnnxGraphBuilder graph, string input, NetworkWeights weights, int member) =>
        MlpOnnx.Write(graph, input, (MlpWeights)weights, Activation, member);

    internal override NetworkWeights ReadOnnx(Func<string, long[], float[]> read, int member, int inputs, int outputs) =>
        MlpOnnx.Read(read, member, [inputs, .. HiddenLayers, outputs]);

    internal override IEnumerable<(string Key, string Value)> Metadata() =>
        [("hidden_layers", string.Join(",", HiddenLayers)), ("activation", Activation.ToString())];

    /// <summary>Reads the description from a saved network's metadata.</summary>
    internal static MlpArchitecture FromMetadata(Func<string, string> get, Func<string, Exception> invalid)
    {
        string hidden = get("hidden_layers");
        var sizes = hidden.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(size => int.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value > 0
                ? value : throw invalid($"metadata 'hidden_layers' is '{hidden}', not a list of layer sizes"))
            .ToArray();
        string activation = get("activation");
        return Enum.GetNames<Activation>().Contains(activation, StringComparer.Ordinal)
            ? new MlpArchitecture(sizes, Enum.Parse<Activation>(activation))
            : throw invalid($"metadata 'activation' is '{activation}', not a known Activation");
    }

    /// <inheritdoc/>
    public override bool Equals(NetworkArchitecture? other) =>
        other is MlpArchitecture mlp && mlp.Activation == Activation && mlp.HiddenLayers.SequenceEqual(HiddenLayers);

    /// <inheritdoc/>
    public override string ToString() => $"MLP [{string.Join(", ", HiddenLayers)}] {Activation}";
}
