using MLNet.Regularization.Networks;
using static MLNet.Regularization.Scoring.OnnxGraphBuilder;

namespace MLNet.Regularization.Scoring;

/// <summary>The MLP's seam in the ONNX graph: one member's dense layers and activations (Gemm per layer), written and read.</summary>
internal static class MlpOnnx
{
    public static string WeightName(int member, int layer) => $"m{member}_w{layer}";

    public static string BiasName(int member, int layer) => $"m{member}_b{layer}";

    public static string Write(OnnxGraphBuilder g, string x, MlpWeights network, Activation activation, int member)
    {
        for (int i = 0; i < network.Layers.Count; i++)
        {
            var layer = network.Layers[i];
            var w = g.Constant(WeightName(member, i), layer.Weight, layer.Outputs, layer.Inputs);
            var b = g.Constant(BiasName(member, i), layer.Bias, layer.Outputs);
            x = g.Node("Gemm", [x, w, b], null, Int("transB", 1));
            if (i < network.Layers.Count - 1) x = g.Activate(x, activation);
        }
        return x;
    }

    /// <summary>Reads one member whose layer widths are <paramref name="widths"/> (inputs, hidden sizes, outputs), layer by
    /// layer, so that a recorded size larger than the weights present fails at the first missing tensor.</summary>
    public static MlpWeights Read(Func<string, long[], float[]> read, int member, int[] widths)
    {
        var layers = new List<DenseLayer>();
        for (int l = 0; l < widths.Length - 1; l++)
            layers.Add(new DenseLayer(read(WeightName(member, l), [widths[l + 1], widths[l]]), read(BiasName(member, l), [widths[l + 1]]),
                widths[l], widths[l + 1]));
        return new MlpWeights(layers);
    }
}
