using MLNet.Regularization.Networks;

namespace MLNet.Regularization;

/// <summary>
/// A convolutional network on images of <see cref="Channels"/> x <see cref="Height"/> x <see cref="Width"/> (planar pixels, as
/// <c>ExtractPixels</c> makes them): convolution blocks (<see cref="ConvolutionsPerBlock"/> same-padded convolutions of
/// <see cref="KernelSize"/>, each followed by the activation; with <see cref="Residual"/>, the block's input is added before the
/// last activation), each block ending in a pooling; then global average pooling (or flattening), dense
/// <see cref="HeadLayers"/> and the output layer.
/// </summary>
public sealed class CnnArchitecture : NetworkArchitecture
{
    /// <summary>Creates the description of a CNN.</summary>
    /// <param name="channels">The image channels: 1 for gray, 3 for RGB.</param>
    /// <param name="height">The image height in pixels.</param>
    /// <param name="width">The image width in pixels.</param>
    /// <param name="blockChannels">The output channels of each convolution block, input side first.</param>
    /// <param name="convolutionsPerBlock">The convolutions in each block.</param>
    /// <param name="kernelSize">The (odd) height and width of every convolution kernel.</param>
    /// <param name="pooling">The pooling at the end of each block.</param>
    /// <param name="residual">Whether each block adds its input (through a 1x1 convolution when the channels change).</param>
    /// <param name="globalAveragePooling">Whether the last feature maps are averaged per channel (else flattened) before the head.</param>
    /// <param name="headLayers">The dense hidden layers of the head.</param>
    /// <param name="activation">The activation after each convolution and dense hidden layer.</param>
    public CnnArchitecture(int channels, int height, int width, IReadOnlyList<int> blockChannels, int convolutionsPerBlock, int kernelSize,
        CnnPooling pooling, bool residual, bool globalAveragePooling, IReadOnlyList<int> headLayers, Activation activation)
    {
        Channels = channels;
        Height = height;
        Width = width;
        BlockChannels = blockChannels.ToArray();
        ConvolutionsPerBlock = convolutionsPerBlock;
        KernelSize = kernelSize;
        Pooling = pooling;
        Residual = residual;
        GlobalAveragePooling = globalAveragePooling;
        HeadLayers = headLayers.ToArray();
        Activation = activation;
    }

    /// <summary>The image channels.</summary>
    public int Channels { get; }

    /// <summary>The image height in pixels.</summary>
    public int Height { get; }

    /// <summary>The image width in pixels.</summary>
    public int Width { get; }

    /// <summary>The output channels of each convolution block, input side first.</summary>
    public IReadOnlyList<int> BlockChannels { get; }

    /// <summary>The convolutions in each block.</summary>
    public int ConvolutionsPerBlock { get; }

    /// <summary>The height and width of every convolution kernel.</summary>
    public int KernelSize { get; }

    /// <summary>The pooling at the end of each block.</summary>
    public CnnPooling Pooling { get; }

    /// <summary>Whether each block adds its input before its last activation.</summary>
    public bool Residual { get; }

    /// <summary>Whether the last feature maps are averaged per channel (else flattened).</summary>
    public bool GlobalAveragePooling { get; }

    /// <summary>The dense hidden layers of the head.</summary>
    public IReadOnlyList<int> HeadLayers { get; }

    /// <summary>The activation.</summary>
    public Activation Activation { get; }

    /// <summary>The number of input values: channels x height x width.</summary>
    public int InputSize => Channels * Height * Width;

    /// <summary>The height and width of each block's output feature maps.</summary>
    internal IReadOnlyList<(int Height, int Width)> FeatureMapSizes()
    {
        var sizes = new List<(int, int)>();
        int h = Height, w = Width;
        foreach (var _ in BlockChannels)
        {
            if (Pooling != CnnPooling.None) (h, w) = (h / 2, w / 2);
            sizes.Add((h, w));
        }
        return sizes;
    }

    /// <summary>The number of values the head receives.</summary>
    internal int HeadInputs
    {
        get
        {
            int channels = BlockChannels.Count == 0 ? Channels : BlockChannels[^1];
            if (GlobalAveragePooling) return channels;
            var (h, w) = BlockChannels.Count == 0 ? (Height, Width) : FeatureMapSizes()[^1];
            return channels * h * w;
        }
    }

    internal override string OptionNames => "the image shape and options BlockChannels, ConvolutionsPerBlock, KernelSize, Pooling, Residual, GlobalAveragePooling, HeadLayers and Activation";

    /// <summary>Checks that the images have <paramref name="inputs"/> values and that no block shrinks the feature maps below 1x1.</summary>
    internal override void CheckInputs(int inputs, string featureColumn)
    {
        if (inputs != InputSize)
            throw new ArgumentException(
                $"Feature column '{featureColumn}' has {inputs} values, but images of {Channels}x{Height}x{Width} (channels x height x width) have {InputSize}.");
        var sizes = FeatureMapSizes();
        for (int b = 0; b < sizes.Count; b++)
            if (sizes[b].Height < 1 || sizes[b].Width < 1)
                throw new ArgumentException(
                    $"Convolution block {b + 1} of {sizes.Count} (option BlockChannels) pools its {(b == 0 ? Height : sizes[b - 1].Height)}x{(b == 0 ? Width : sizes[b - 1].Width)} " +
                    $"feature maps below 1x1: the images ({Height}x{Width}) are too small for {sizes.Count} pooled blocks. Use fewer blocks, Pooling = None, or larger images.");
    }

    internal override int StandardizationGroups(int inputs) => Channels;

    internal override Network Build(int inputs, int outputs, InputStandardization? standardization, LayerRegularization layers,
        IReadOnlyList<int> numericColumns) =>
        new CnnNetwork(this, outputs, layers, standardization);

    internal override NetworkWeights Export(Network network) => CnnWeights.From((CnnNetwork)network);

    internal override void Import(NetworkWeights weights, Network network) => ((CnnWeights)weights).LoadInto((CnnNetwork)network);

    /// <inheritdoc/>
    public override bool Equals(NetworkArchitecture? other) => other is CnnArchitecture c && c.ToString() == ToString();

    /// <inheritdoc/>
    public override string ToString() =>
        $"CNN {Channels}x{Height}x{Width}, blocks [{string.Join(", ", BlockChannels)}] x {ConvolutionsPerBlock} conv {KernelSize}x{KernelSize}, " +
        $"{Pooling} pooling{(Residual ? ", residual" : "")}, {(GlobalAveragePooling ? "global average pooling" : "flatten")}, " +
        $"head [{string.Join(", ", HeadLayers)}] {Activation}";
}
