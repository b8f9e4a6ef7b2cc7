using System.Globalization;
using MLNet.Regularization.Networks;
using static MLNet.Regularization.Scoring.OnnxGraphBuilder;

namespace MLNet.Regularization.Scoring;

/// <summary>The MLP's seam in the saved network: its layers, activation and numeric embedding as metadata, one member's
/// embedding (see <see cref="WriteEmbedding"/>), dense layers and activations (Gemm per layer) in the graph.</summary>
internal sealed class MlpOnnx(MlpArchitecture architecture) : ArchitectureOnnx
{
    public const string ArchitectureName = "mlp";

    public static string WeightName(int member, int layer) => $"m{member}_w{layer}";

    public static string BiasName(int member, int layer) => $"m{member}_b{layer}";

    /// <summary>The name of a tensor of member <paramref name="member"/>'s numeric embedding.</summary>
    public static string EmbeddingName(int member, string tensor) => $"m{member}_emb_{tensor}";

    public override NetworkArchitecture Architecture => architecture;

    public override string Name => ArchitectureName;

    public override IEnumerable<(string Key, string Value)> Metadata()
    {
        yield return ("hidden_layers", string.Join(",", architecture.HiddenLayers));
        yield return ("activation", architecture.Activation.ToString());
        // A network without an embedding records nothing more, as it did before embeddings existed.
        if (architecture.NumericEmbedding == NumericEmbedding.None) yield break;
        yield return ("numeric_embedding", architecture.NumericEmbedding.ToString());
        yield return ("numeric_embedding_frequencies", architecture.NumericEmbeddingFrequencies.ToString(CultureInfo.InvariantCulture));
        yield return ("numeric_embedding_size", architecture.NumericEmbeddingSize.ToString(CultureInfo.InvariantCulture));
        yield return ("numeric_embedding_scale", architecture.NumericEmbeddingScale.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Reads the architecture from a saved network's metadata (no <c>numeric_embedding</c> entry: none).</summary>
    public static MlpOnnx FromMetadata(Func<string, string> get, Func<string, string?> find, Func<string, Exception> invalid)
    {
        string hidden = get("hidden_layers");
        var sizes = hidden.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(size => int.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value > 0
                ? value : throw invalid($"metadata 'hidden_layers' is '{hidden}', not a list of layer sizes"))
            .ToArray();
        string activation = get("activation");
        if (!Enum.GetNames<Activation>().Contains(activation, StringComparer.Ordinal))
            throw invalid($"metadata 'activation' is '{activation}', not a known Activation");
        string embedding = find("numeric_embedding") ?? nameof(NumericEmbedding.None);
        if (!Enum.GetNames<NumericEmbedding>().Contains(embedding, StringComparer.Ordinal))
            throw invalid($"metadata 'numeric_embedding' is '{embedding}', not a known NumericEmbedding");
        if (Enum.Parse<NumericEmbedding>(embedding) == NumericEmbedding.None)
            return new MlpOnnx(new MlpArchitecture(sizes, Enum.Parse<Activation>(activation)));

        int Number(string key, int minimum) => int.TryParse(get(key), NumberStyles.None, CultureInfo.InvariantCulture, out int v) && v >= minimum ? v
            : throw invalid($"metadata '{key}' is '{get(key)}', not a number of at least {minimum}");
        int frequencies = Number("numeric_embedding_frequencies", 1), size = Number("numeric_embedding_size", 2);
        string scaleText = get("numeric_embedding_scale");
        double scale = double.TryParse(scaleText, NumberStyles.Float, CultureInfo.InvariantCulture, out double s) && double.IsFinite(s) && s > 0 ? s
            : throw invalid($"metadata 'numeric_embedding_scale' is '{scaleText}', not a positive number");
        return new MlpOnnx(new MlpArchitecture(sizes, Enum.Parse<Activation>(activation), Enum.Parse<NumericEmbedding>(embedding), frequencies, size, scale));
    }

    public override string Write(OnnxGraphBuilder g, string x, NetworkWeights weights, int member)
    {
        var network = (MlpWeights)weights;
        if (network.Embedding is { } embedding) x = WriteEmbedding(g, x, embedding, member);
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

    /// <summary>
    /// Writes the numeric embedding of one member (<see cref="PeriodicEmbedding"/>), from the scaled input x [N, inputs] to the
    /// first dense layer's input [N, m d + p]:
    /// <code>
    /// xn = Unsqueeze(Gather(x, columns, axis 1), [2])                   [N, m, 1]
    /// c  = Cos(Add(Mul(xn, Mul(frequencies, 2π)), phases))              [N, m, k]
    /// h  = Relu(Add(Squeeze(MatMul(Unsqueeze(c, [2]), Transpose(w, [0, 2, 1])), [2]), b))   [N, m, d - 1]
    /// e  = Reshape(Concat([xn, h], axis 2), [-1, m d])                   [N, m d]
    /// y  = Concat([e, Gather(x, passthrough, axis 1)], axis 1)          [N, m d + p]   (e when no column passes through)
    /// </code>
    /// The MatMul broadcasts the batch over the columns' matrices. Without numeric columns only the (empty) column list is written.
    /// </summary>
    private static string WriteEmbedding(OnnxGraphBuilder g, string x, PeriodicEmbeddingWeights embedding, int member)
    {
        string Name(string tensor) => EmbeddingName(member, tensor);
        long m = embedding.Columns.Length, k = embedding.FrequencyCount, d = embedding.Size;
        var columns = g.Int64Constant(Name("columns"), [.. embedding.Columns.Select(c => (long)c)]);
        if (m == 0) return x;

        var axes = g.Int64Constant(Name("axes"), 2);
        var xn = g.Node("Unsqueeze", [g.Node("Gather", [x, columns], null, Int("axis", 1)), axes]);
        var frequencies = g.Node("Mul", [g.Constant(Name("frequencies"), embedding.Frequencies, m, k), g.Scalar((float)(2 * Math.PI))]);
        var cosines = g.Node("Cos", [g.Node("Add", [g.Node("Mul", [xn, frequencies]), g.Constant(Name("phases"), embedding.Phases, m, k)])]);
        var w = g.Node("Transpose", [g.Constant(Name("w"), embedding.Weight, m, d - 1, k)], null, Ints("perm", 0, 2, 1));
        var h = g.Node("Squeeze", [g.Node("MatMul", [g.Node("Unsqueeze", [cosines, axes]), w]), axes]);
        h = g.Node("Relu", [g.Node("Add", [h, g.Constant(Name("b"), embedding.Bias, m, d - 1)])]);
        var embedded = g.Node("Reshape", [g.Node("Concat", [xn, h], null, Int("axis", 2)), g.Int64Constant(Name("shape"), -1, m * d)]);
        var passthrough = embedding.Passthrough;
        if (passthrough.Length == 0) return embedded;
        var others = g.Node("Gather", [x, g.Int64Constant(Name("passthrough"), [.. passthrough.Select(c => (long)c)])], null, Int("axis", 1));
        return g.Node("Concat", [embedded, others], null, Int("axis", 1));
    }

    public override NetworkWeights Read(Func<string, long[], float[]> read, Func<string, int[]> readColumns, int member, int inputs, int outputs)
    {
        PeriodicEmbeddingWeights? embedding = null;
        if (architecture.NumericEmbedding == NumericEmbedding.Periodic)
        {
            string Name(string tensor) => EmbeddingName(member, tensor);
            var columns = readColumns(Name("columns"));
            int k = architecture.NumericEmbeddingFrequencies, d = architecture.NumericEmbeddingSize;
            long m = columns.Length;
            embedding = m == 0
                ? new PeriodicEmbeddingWeights(inputs, columns, k, d, [], [], [], [])
                : new PeriodicEmbeddingWeights(inputs, columns, k, d, read(Name("frequencies"), [m, k]), read(Name("phases"), [m, k]),
                    read(Name("w"), [m, d - 1, k]), read(Name("b"), [m, d - 1]));
        }
        int[] widths = [embedding?.Outputs ?? inputs, .. architecture.HiddenLayers, outputs];
        var layers = new List<DenseLayer>();
        for (int l = 0; l < widths.Length - 1; l++)
            layers.Add(new DenseLayer(read(WeightName(member, l), [widths[l + 1], widths[l]]), read(BiasName(member, l), [widths[l + 1]]),
                widths[l], widths[l + 1]));
        return new MlpWeights(layers, embedding);
    }
}
