using System.Globalization;
using MLNet.Regularization.Networks;
using static MLNet.Regularization.Scoring.OnnxGraphBuilder;

namespace MLNet.Regularization.Scoring;

/// <summary>The MLP's seam in the saved network: its layers and activation as metadata, one member's dense layers and
/// activations (Gemm per layer) in the graph.</summary>
internal sealed class MlpOnnx(MlpArchitecture architecture) : ArchitectureOnnx
{
    public const string ArchitectureName = "mlp";

    public static string WeightName(int member, int layer) => $"m{member}_w{layer}";

    public static string BiasName(int member, int layer) => $"m{member}_b{layer}";

    public override NetworkArchitecture Architecture => architecture;

    public override string Name => ArchitectureName;

    public override IEnumerable<(string Key, string Value)> Metadata() =>
        [("hidden_layers", string.Join(",", architecture.HiddenLayers)), ("activation", architecture.Activation.ToString())];

    /// <summary>Reads the architecture from a saved network's metadata.</summary>
    public static MlpOnnx FromMetadata(Func<string, string> get, Func<string, Exception> invalid)
    {
        string hidden = get("hidden_layers");
        var sizes = hidden.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(size => int.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value > 0
                ? value : throw invalid($"metadata 'hidden_layers' is '{hidden}', not a list of layer sizes"))
            .ToArray();
        string activation = get("activation");
        return Enum.GetNames<Activation>().Contains(activation, StringComparer.Ordinal)
            ? new MlpOnnx(new MlpArchitecture(sizes, Enum.Parse<Activation>(activation)))
            : throw invalid($"metadata 'activation' is '{activation}', not a known Activation");
    }

    public override string Write(OnnxGraphBuilder g, string x, NetworkWeights weights, int member)
    {
        var network = (MlpWeights)weights;
        for (int i = 0; i < network.Layers.Count; i++)
        {
            var layer = network.Layers[i];
            var w = g.Constant(WeightName(member, i), layer.Weight, layer.Outputs, layer.Inputs);
            var b = g.Constant(BiasName(member, i), layer.Bias, layer.Outputs);
            x = g.Node("Gemm", [x, w, b], null, Int("transB", 1));
            if (i < network.Layers.Count - 1) x = g.Activate(x, architecture.Activation);
        }
        return x;
    }

    public override NetworkWeights Read(Func<string, long[], float[]> read, int member, int inputs, int outputs)
    {
        int[] widths = [inputs, .. architecture.HiddenLayers, outputs];
        var layers = new List<DenseLayer>();
        for (int l = 0; l < widths.Length - 1; l++)
            layers.Add(new DenseLayer(read(WeightName(member, l), [widths[l + 1], widths[l]]), read(BiasName(member, l), [widths[l + 1]]),
                widths[l], widths[l + 1]));
        return new MlpWeights(layers);
    }
}
