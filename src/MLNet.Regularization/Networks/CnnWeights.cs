using static TorchSharp.torch;
using TorchSharp.Modules;

namespace MLNet.Regularization.Networks;

/// <summary>One convolution in prediction form: kernel [Outputs, Inputs, Kernel, Kernel] row-major, bias [Outputs], same padding.</summary>
internal sealed record ConvolutionLayer(float[] Weight, float[] Bias, int Inputs, int Outputs, int Kernel);

/// <summary>One convolution block in prediction form: its convolutions and, for a residual block whose channels change, the 1x1 shortcut.</summary>
internal sealed record ConvolutionBlockWeights(IReadOnlyList<ConvolutionLayer> Convolutions, ConvolutionLayer? Shortcut);

/// <summary>A trained CNN in prediction form: batch normalization folded into the convolution or dense layer before it.</summary>
internal sealed record CnnWeights(IReadOnlyList<ConvolutionBlockWeights> Blocks, IReadOnlyList<DenseLayer> Head) : NetworkWeights
{
    public override int Outputs => Head[^1].Outputs;

    public override IEnumerable<float[]> Arrays =>
        Blocks.SelectMany(b => b.Convolutions.Append(b.Shortcut).OfType<ConvolutionLayer>()).SelectMany(c => new[] { c.Weight, c.Bias })
            .Concat(Head.SelectMany(l => new[] { l.Weight, l.Bias }));

    public static CnnWeights From(CnnNetwork network)
    {
        using var _ = no_grad();
        var blocks = network.Blocks.Select(b => new ConvolutionBlockWeights(
            b.Convolutions.Select((c, i) => Fold(c, i < b.Norms.Count ? b.Norms[i] : null)).ToArray(),
            b.Shortcut is null ? null : Fold(b.Shortcut, b.ShortcutNorm))).ToArray();
        var head = network.HeadLinears.Select((linear, i) => Fold(linear, i < network.HeadNorms.Count ? network.HeadNorms[i] : null)).ToArray();
        return new CnnWeights(blocks, head);
    }

    /// <summary>Copies these weights into a freshly built network of the same architecture (warm start); batch-norm layers,
    /// whose effect is folded into the weights, start as the identity.</summary>
    public void LoadInto(CnnNetwork network)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        for (int b = 0; b < Blocks.Count; b++)
        {
            var block = network.Blocks[b];
            for (int i = 0; i < Blocks[b].Convolutions.Count; i++)
                Load(Blocks[b].Convolutions[i], block.Convolutions[i], i < block.Norms.Count ? block.Norms[i] : null);
            if (Blocks[b].Shortcut is { } shortcut) Load(shortcut, block.Shortcut!, block.ShortcutNorm);
        }
        for (int i = 0; i < Head.Count; i++)
        {
            network.HeadLinears[i].weight!.copy_(tensor(Head[i].Weight, [Head[i].Outputs, Head[i].Inputs]));
            network.HeadLinears[i].bias!.copy_(tensor(Head[i].Bias, [Head[i].Outputs]));
        }
        foreach (var norm in network.HeadNorms) Identity(norm.weight!, norm.bias!, norm.running_mean!, norm.running_var!);
    }

    /// <summary>Loads a folded convolution; a convolution followed by batch normalization has no bias of its own, so the folded
    /// bias becomes the shift of the norm, which otherwise starts as the identity.</summary>
    private static void Load(ConvolutionLayer layer, Conv2d convolution, BatchNorm2d? norm)
    {
        convolution.weight!.copy_(tensor(layer.Weight, [layer.Outputs, layer.Inputs, layer.Kernel, layer.Kernel]));
        var bias = tensor(layer.Bias, [layer.Outputs]);
        if (norm is null)
        {
            convolution.bias!.copy_(bias);
            return;
        }
        Identity(norm.weight!, norm.bias!, norm.running_mean!, norm.running_var!);
        norm.bias!.copy_(bias);
    }

    /// <summary>Sets a batch-norm layer to the identity in evaluation mode.</summary>
    private static void Identity(Tensor weight, Tensor bias, Tensor mean, Tensor variance)
    {
        weight.fill_(1);
        bias.fill_(0);
        mean.fill_(0);
        variance.fill_(1 - BatchNormEpsilon);
    }

    private static ConvolutionLayer Fold(Conv2d convolution, BatchNorm2d? norm)
    {
        var weight = ToArray(convolution.weight!);
        int outputs = (int)convolution.weight!.shape[0], inputs = (int)convolution.weight.shape[1], kernel = (int)convolution.weight.shape[2];
        var bias = convolution.bias is null ? new float[outputs] : ToArray(convolution.bias);
        if (norm is not null) FoldNorm(weight, bias, outputs, norm.weight!, norm.bias!, norm.running_mean!, norm.running_var!);
        return new ConvolutionLayer(weight, bias, inputs, outputs, kernel);
    }

    private static DenseLayer Fold(Linear linear, BatchNorm1d? norm)
    {
        var weight = ToArray(linear.weight!);
        var bias = ToArray(linear.bias!);
        int outputs = bias.Length;
        if (norm is not null) FoldNorm(weight, bias, outputs, norm.weight!, norm.bias!, norm.running_mean!, norm.running_var!);
        return new DenseLayer(weight, bias, weight.Length / outputs, outputs);
    }

    /// <summary>Folds <c>gamma * (y - mean) / sqrt(var + eps) + beta</c> into the weights (rows per output) and bias before it.</summary>
    private static void FoldNorm(float[] weight, float[] bias, int outputs, Tensor gamma, Tensor beta, Tensor mean, Tensor variance)
    {
        var g = ToArray(gamma);
        var b = ToArray(beta);
        var m = ToArray(mean);
        var v = ToArray(variance);
        int perOutput = weight.Length / outputs;
        for (int o = 0; o < outputs; o++)
        {
            double scale = g[o] / Math.Sqrt(v[o] + BatchNormEpsilon);
            for (int k = 0; k < perOutput; k++) weight[o * perOutput + k] = (float)(weight[o * perOutput + k] * scale);
            bias[o] = (float)((bias[o] - m[o]) * scale + b[o]);
        }
    }
}
