using static TorchSharp.torch;

namespace MLNet.Regularization.Networks;

/// <summary>One dense layer in prediction form: <c>y = x W^T + b</c>, W row-major [Outputs x Inputs].</summary>
internal sealed record DenseLayer(float[] Weight, float[] Bias, int Inputs, int Outputs);

/// <summary>
/// One trained network as plain arrays, in prediction form: dropout and noise dropped, batch normalization folded into the
/// layer before it with its running statistics. Each architecture has its own form; its ONNX seam writes it as a graph.
/// </summary>
internal abstract record NetworkWeights
{
    /// <summary>The epsilon of every batch-normalization layer the pack builds (PyTorch's default).</summary>
    public const double BatchNormEpsilon = 1e-5;

    /// <summary>The number of outputs (logits).</summary>
    public abstract int Outputs { get; }

    /// <summary>Every float of the form, for checks that all are finite.</summary>
    public abstract IEnumerable<float[]> Arrays { get; }

    /// <summary>The input columns the network embeds as numeric (decided from the training rows), or <see langword="null"/>
    /// when it embeds none; a warm start keeps them.</summary>
    public virtual IReadOnlyList<int>? NumericColumns => null;

    /// <summary>The values of a tensor as a new array.</summary>
    public static float[] ToArray(Tensor t)
    {
        using var scope = NewDisposeScope();
        return t.detach().cpu().contiguous().data<float>().ToArray();
    }
}

/// <summary>A trained MLP in prediction form: the embedding of its numeric columns, if any, then its dense layers, input side first,
/// the last being the output layer.</summary>
internal sealed record MlpWeights(IReadOnlyList<DenseLayer> Layers, PeriodicEmbeddingWeights? Embedding = null) : NetworkWeights
{
    public override int Outputs => Layers[^1].Outputs;

    public override IEnumerable<float[]> Arrays => (Embedding?.Arrays ?? []).Concat(Layers.SelectMany(l => new[] { l.Weight, l.Bias }));

    public override IReadOnlyList<int>? NumericColumns => Embedding?.Columns;

    public static MlpWeights From(MlpNetwork network)
    {
        using var _ = no_grad();
        var layers = new List<DenseLayer>();
        for (int i = 0; i < network.Linears.Count; i++)
        {
            var linear = network.Linears[i];
            var weight = ToArray(linear.weight!);
            var bias = ToArray(linear.bias!);
            int outputs = bias.Length, inputs = weight.Length / outputs;
            if (i < network.Norms.Count)
            {
                var norm = network.Norms[i];
                var gamma = ToArray(norm.weight!);
                var beta = ToArray(norm.bias!);
                var mean = ToArray(norm.running_mean!);
                var variance = ToArray(norm.running_var!);
                for (int o = 0; o < outputs; o++)
                {
                    double scale = gamma[o] / Math.Sqrt(variance[o] + BatchNormEpsilon);
                    for (int k = 0; k < inputs; k++) weight[o * inputs + k] = (float)(weight[o * inputs + k] * scale);
                    bias[o] = (float)((bias[o] - mean[o]) * scale + beta[o]);
                }
            }
            layers.Add(new DenseLayer(weight, bias, inputs, outputs));
        }
        return new MlpWeights(layers, network.Embedding is { } embedding ? PeriodicEmbeddingWeights.From(embedding) : null);
    }

    /// <summary>
    /// Copies these weights into a freshly built network of the same architecture (warm start). Batch-norm layers, whose
    /// effect is already folded into the weights, start as the identity.
    /// </summary>
    public void LoadInto(MlpNetwork network)
    {
        if ((Embedding is null) != (network.Embedding is null))
            throw new ArgumentException("The network and these weights differ in their numeric embedding.", nameof(network));
        if (Embedding is not null) Embedding.LoadInto(network.Embedding!);
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        for (int i = 0; i < Layers.Count; i++)
        {
            var layer = Layers[i];
            var linear = network.Linears[i];
            linear.weight!.copy_(tensor(layer.Weight, [layer.Outputs, layer.Inputs]));
            linear.bias!.copy_(tensor(layer.Bias, [layer.Outputs]));
        }
        foreach (var norm in network.Norms)
        {
            norm.weight!.fill_(1);
            norm.bias!.fill_(0);
            norm.running_mean!.fill_(0);
            norm.running_var!.fill_(1 - BatchNormEpsilon);
        }
    }
}
