using System.Globalization;
using MLNet.Regularization.Networks;
using static MLNet.Regularization.Scoring.OnnxGraphBuilder;

namespace MLNet.Regularization.Scoring;

/// <summary>
/// The CNN's seam in the saved network: its description as metadata, and one member's body in the graph, written and read.
/// The pixels are reshaped to images, each block is
/// Conv (batch normalization folded in) and the activation, a residual Add, then MaxPool or AveragePool; then
/// GlobalAveragePool or Flatten, and the head's Gemm layers.
/// </summary>
internal sealed class CnnOnnx(CnnArchitecture architecture) : ArchitectureOnnx
{
    public const string ArchitectureName = "cnn";

    public override NetworkArchitecture Architecture => architecture;

    public override string Name => ArchitectureName;

    public override IEnumerable<(string Key, string Value)> Metadata() =>
    [
        ("image_shape", $"{architecture.Channels},{architecture.Height},{architecture.Width}"),
        ("block_channels", string.Join(",", architecture.BlockChannels)),
        ("convolutions_per_block", architecture.ConvolutionsPerBlock.ToString(CultureInfo.InvariantCulture)),
        ("kernel_size", architecture.KernelSize.ToString(CultureInfo.InvariantCulture)),
        ("pooling", architecture.Pooling.ToString()),
        ("residual", architecture.Residual ? "true" : "false"),
        ("global_average_pooling", architecture.GlobalAveragePooling ? "true" : "false"),
        ("hidden_layers", string.Join(",", architecture.HeadLayers)),
        ("activation", architecture.Activation.ToString()),
    ];

    /// <summary>Reads the architecture from a saved network's metadata.</summary>
    public static CnnOnnx FromMetadata(Func<string, string> get, Func<string, Exception> invalid)
    {
        int[] Sizes(string key, bool allowEmpty) => get(key).Split(',', StringSplitOptions.RemoveEmptyEntries) is var parts && (allowEmpty || parts.Length > 0)
            ? parts.Select(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out int v) && v > 0 ? v : throw invalid($"metadata '{key}' is '{get(key)}', not a list of sizes")).ToArray()
            : throw invalid($"metadata '{key}' is empty");
        int Number(string key) => int.TryParse(get(key), NumberStyles.None, CultureInfo.InvariantCulture, out int v) && v > 0 ? v
            : throw invalid($"metadata '{key}' is '{get(key)}', not a positive number");
        bool Flag(string key) => get(key) switch { "true" => true, "false" => false, var v => throw invalid($"metadata '{key}' is '{v}', not true or false") };
        T Enum<T>(string key) where T : struct, System.Enum => System.Enum.GetNames<T>().Contains(get(key), StringComparer.Ordinal)
            ? System.Enum.Parse<T>(get(key)) : throw invalid($"metadata '{key}' is '{get(key)}', not a known {typeof(T).Name}");
        var shape = Sizes("image_shape", allowEmpty: false);
        if (shape.Length != 3) throw invalid($"metadata 'image_shape' is '{get("image_shape")}', not channels,height,width");
        var architecture = new CnnArchitecture(shape[0], shape[1], shape[2], Sizes("block_channels", allowEmpty: true), Number("convolutions_per_block"),
            Number("kernel_size"), Enum<CnnPooling>("pooling"), Flag("residual"), Flag("global_average_pooling"), Sizes("hidden_layers", allowEmpty: true),
            Enum<Activation>("activation"));
        if (architecture.KernelSize % 2 == 0) throw invalid($"metadata 'kernel_size' is {architecture.KernelSize}, not odd");
        return new CnnOnnx(architecture);
    }

    private static string Prefix(int member, int block, string layer) => $"m{member}_b{block}_{layer}";

    private static string HeadPrefix(int member, int layer) => $"m{member}_h{layer}";

    public override string Write(OnnxGraphBuilder g, string input, NetworkWeights weights, int member)
    {
        var network = (CnnWeights)weights;
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

    public override NetworkWeights Read(Func<string, long[], float[]> read, Func<string, int[]> readColumns, int member, int inputs, int outputs)
    {
        int k = architecture.KernelSize;
        ConvolutionLayer Convolution(string name, int from, int channels, int kernel) =>
            new(read(name + "_w", [channels, from, kernel, kernel]), read(name + "_b", [channels]), from, channels, kernel);

        var blocks = new List<ConvolutionBlockWeights>();
        int previous = architecture.Channels;
        for (int b = 0; b < architecture.BlockChannels.Count; b++)
        {
            int channels = architecture.BlockChannels[b];
            var convolutions = Enumerable.Range(0, architecture.ConvolutionsPerBlock)
                .Select(i => Convolution(Prefix(member, b, $"c{i}"), i == 0 ? previous : channels, channels, k)).ToArray();
            var shortcut = architecture.Residual && previous != channels ? Convolution(Prefix(member, b, "s"), previous, channels, 1) : null;
            blocks.Add(new ConvolutionBlockWeights(convolutions, shortcut));
            previous = channels;
        }
        int[] widths = [architecture.HeadInputs, .. architecture.HeadLayers, outputs];
        var head = new List<DenseLayer>();
        for (int l = 0; l < widths.Length - 1; l++)
            head.Add(new DenseLayer(read(HeadPrefix(member, l) + "_w", [widths[l + 1], widths[l]]), read(HeadPrefix(member, l) + "_b", [widths[l + 1]]),
                widths[l], widths[l + 1]));
        return new CnnWeights(blocks, head);
    }
}
