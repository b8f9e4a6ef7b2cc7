using MLNet.Regularization.Networks;
using static MLNet.Regularization.Scoring.OnnxGraphBuilder;

namespace MLNet.Regularization.Scoring;

/// <summary>
/// The CNN's seam in the ONNX graph: one member's body, written and read. The pixels are reshaped to images, each block is
/// Conv (batch normalization folded in) and the activation, a residual Add, then MaxPool or AveragePool; then
/// GlobalAveragePool or Flatten, and the head's Gemm layers.
/// </summary>
internal static class CnnOnnx
{
    private static string Prefix(int member, int block, string layer) => $"m{member}_b{block}_{layer}";

    private static string HeadPrefix(int member, int layer) => $"m{member}_h{layer}";

    public static string Write(OnnxGraphBuilder g, string input, CnnWeights network, CnnArchitecture architecture, int member)
    {
        var x = g.Node("Reshape", [input, g.Int64Constant($"m{member}_image_shape", -1, architecture.Channels, architecture.Height, architecture.Width)]);
        for (int b = 0; b < network.Blocks.Count; b++)
        {
            var block = network.Blocks[b];
            var blockInput = x;
            for (int i = 0; i < block.Convolutions.Count; i++)
            {
                x = Convolution(g, x, block.Convolutions[i], Prefix(member, b, $"c{i}"));
                if (!architecture.Residual || i < block.Convolutions.Count - 1) x = g.Activate(x, architecture.Activation);
            }
            if (architecture.Residual)
            {
                var shortcut = block.Shortcut is null ? blockInput : Convolution(g, blockInput, block.Shortcut, Prefix(member, b, "s"));
                x = g.Activate(g.Node("Add", [x, shortcut]), architecture.Activation);
            }
            x = architecture.Pooling switch
            {
                CnnPooling.Max => g.Node("MaxPool", [x], null, Ints("kernel_shape", 2, 2), Ints("strides", 2, 2)),
                CnnPooling.Average => g.Node("AveragePool", [x], null, Ints("kernel_shape", 2, 2), Ints("strides", 2, 2)),
                _ => x,
            };
        }
        if (architecture.GlobalAveragePooling) x = g.Node("GlobalAveragePool", [x]);
        x = g.Node("Flatten", [x], null, Int("axis", 1));
        for (int i = 0; i < network.Head.Count; i++)
        {
            var layer = network.Head[i];
            var w = g.Constant(HeadPrefix(member, i) + "_w", layer.Weight, layer.Outputs, layer.Inputs);
            var bias = g.Constant(HeadPrefix(member, i) + "_b", layer.Bias, layer.Outputs);
            x = g.Node("Gemm", [x, w, bias], null, Int("transB", 1));
            if (i < network.Head.Count - 1) x = g.Activate(x, architecture.Activation);
        }
        return x;
    }

    private static string Convolution(OnnxGraphBuilder g, string x, ConvolutionLayer layer, string name)
    {
        int k = layer.Kernel, pad = k / 2;
        var w = g.Constant(name + "_w", layer.Weight, layer.Outputs, layer.Inputs, k, k);
        var b = g.Constant(name + "_b", layer.Bias, layer.Outputs);
        return g.Node("Conv", [x, w, b], null, Ints("kernel_shape", k, k), Ints("pads", pad, pad, pad, pad), Ints("strides", 1, 1));
    }

    /// <summary>Reads one member of <paramref name="architecture"/>, block by block, so that a recorded size larger than the
    /// weights present fails at the first missing tensor.</summary>
    public static CnnWeights Read(Func<string, long[], float[]> read, int member, CnnArchitecture architecture, int outputs)
    {
        int k = architecture.KernelSize;
        ConvolutionLayer Convolution(string name, int inputs, int channels, int kernel) =>
            new(read(name + "_w", [channels, inputs, kernel, kernel]), read(name + "_b", [channels]), inputs, channels, kernel);

        var blocks = new List<ConvolutionBlockWeights>();
        int inputs = architecture.Channels;
        for (int b = 0; b < architecture.BlockChannels.Count; b++)
        {
            int channels = architecture.BlockChannels[b];
            var convolutions = Enumerable.Range(0, architecture.ConvolutionsPerBlock)
                .Select(i => Convolution(Prefix(member, b, $"c{i}"), i == 0 ? inputs : channels, channels, k)).ToArray();
            var shortcut = architecture.Residual && inputs != channels ? Convolution(Prefix(member, b, "s"), inputs, channels, 1) : null;
            blocks.Add(new ConvolutionBlockWeights(convolutions, shortcut));
            inputs = channels;
        }
        int[] widths = [architecture.HeadInputs, .. architecture.HeadLayers, outputs];
        var head = new List<DenseLayer>();
        for (int l = 0; l < widths.Length - 1; l++)
            head.Add(new DenseLayer(read(HeadPrefix(member, l) + "_w", [widths[l + 1], widths[l]]), read(HeadPrefix(member, l) + "_b", [widths[l + 1]]),
                widths[l], widths[l + 1]));
        return new CnnWeights(blocks, head);
    }
}
