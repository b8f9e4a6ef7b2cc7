using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLNet.Regularization.Networks;

/// <summary>
/// The convolutional network: [standardization] [noise] [input dropout], the pixels viewed as images, convolution blocks
/// (<see cref="ConvolutionBlock"/>), global average pooling or flattening, then dense head layers ([BatchNorm] activation
/// [dropout]) and the output layer. Keeps typed references to its layers for the regularizers and the ONNX export.
/// </summary>
internal sealed class CnnNetwork : Network
{
    private readonly Sequential _input;
    private readonly ModuleList<ConvolutionBlock> _blocks;
    private readonly Sequential _head;
    private readonly long[] _imageShape;

    public CnnNetwork(CnnArchitecture architecture, int outputs, LayerRegularization layers, InputStandardization? standardization = null)
        : base(nameof(CnnNetwork))
    {
        Architecture = architecture;
        _imageShape = [-1, architecture.Channels, architecture.Height, architecture.Width];
        var input = InputModules(standardization, layers);
        _input = nn.Sequential(input.Count > 0 ? input : [("identity", nn.Identity())]);

        var blocks = new List<ConvolutionBlock>();
        int channels = architecture.Channels;
        for (int b = 0; b < architecture.BlockChannels.Count; b++)
        {
            blocks.Add(new ConvolutionBlock(channels, architecture.BlockChannels[b], architecture, layers));
            channels = architecture.BlockChannels[b];
        }
        _blocks = nn.ModuleList(blocks.ToArray());
        Blocks = blocks;

        var head = new List<(string, nn.Module<Tensor, Tensor>)>();
        var linears = new List<Linear>();
        var norms = new List<BatchNorm1d>();
        int width = architecture.HeadInputs;
        for (int i = 0; i < architecture.HeadLayers.Count; i++)
        {
            var linear = nn.Linear(width, architecture.HeadLayers[i]);
            linears.Add(linear);
            head.Add(($"linear{i}", linear));
            if (layers.BatchNormalization)
            {
                var norm = nn.BatchNorm1d(architecture.HeadLayers[i]);
                norms.Add(norm);
                head.Add(($"norm{i}", norm));
            }
            head.Add(($"act{i}", CreateActivation(architecture.Activation)));
            if (layers.DropoutAfter(i) > 0) head.Add(($"dropout{i}", nn.Dropout(layers.DropoutAfter(i))));
            width = architecture.HeadLayers[i];
        }
        // Dropout in front of the output layer when the head has no hidden layer: it then acts on the pooled features.
        if (architecture.HeadLayers.Count == 0 && layers.DropoutAfter(0) > 0) head.Add(("dropout", nn.Dropout(layers.DropoutAfter(0))));
        var output = nn.Linear(width, outputs);
        linears.Add(output);
        head.Add(("output", output));
        _head = nn.Sequential(head);
        HeadLinears = linears;
        HeadNorms = norms;
        register_module("input", _input);
        register_module("blocks", _blocks);
        register_module("head", _head);
    }

    public CnnArchitecture Architecture { get; }

    public IReadOnlyList<ConvolutionBlock> Blocks { get; }

    /// <summary>The dense layers of the head; the last is the output layer.</summary>
    public IReadOnlyList<Linear> HeadLinears { get; }

    /// <summary>The batch-norm layers of the head, one per hidden layer, or none.</summary>
    public IReadOnlyList<BatchNorm1d> HeadNorms { get; }

    public override IEnumerable<Parameter> Weights =>
        Blocks.SelectMany(b => b.Kernels).Concat(HeadLinears.Select(l => l.weight!));

    public override bool UsesBatchStatistics => HeadNorms.Count > 0 || Blocks.Any(b => b.Norms.Count > 0);

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = _input.forward(input).view(_imageShape);
        foreach (var block in Blocks) x = block.forward(x);
        x = Architecture.GlobalAveragePooling ? x.mean([2, 3]) : x.flatten(1);
        return _head.forward(x).MoveToOuterDisposeScope();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _input.Dispose();
            _blocks.Dispose();
            _head.Dispose();
        }
        base.Dispose(disposing);
    }
}

/// <summary>
/// One convolution block: convolutions with [BatchNorm] and the activation; with a residual connection the block's input
/// (through a 1x1 convolution [BatchNorm] when the channels change) is added before the last activation; then the pooling
/// and spatial dropout, which zeroes whole feature maps in training.
/// </summary>
internal sealed class ConvolutionBlock : nn.Module<Tensor, Tensor>
{
    private readonly ModuleList<Conv2d> _convolutions;
    private readonly ModuleList<BatchNorm2d> _norms;
    private readonly nn.Module<Tensor, Tensor> _activation;
    private readonly bool _residual;

    public ConvolutionBlock(int inputs, int outputs, CnnArchitecture architecture, LayerRegularization layers) : base(nameof(ConvolutionBlock))
    {
        bool norm = layers.BatchNormalization;
        var convolutions = new List<Conv2d>();
        var norms = new List<BatchNorm2d>();
        for (int i = 0; i < architecture.ConvolutionsPerBlock; i++)
        {
            convolutions.Add(nn.Conv2d(i == 0 ? inputs : outputs, outputs, architecture.KernelSize, padding: architecture.KernelSize / 2, bias: !norm));
            if (norm) norms.Add(nn.BatchNorm2d(outputs));
        }
        // Registered under their own names: the optimizer and the state dictionary (best weights) see every parameter and buffer.
        _convolutions = nn.ModuleList(convolutions.ToArray());
        _norms = nn.ModuleList(norms.ToArray());
        register_module("convolutions", _convolutions);
        register_module("norms", _norms);
        Convolutions = convolutions;
        Norms = norms;
        _residual = architecture.Residual;
        if (_residual && inputs != outputs)
        {
            Shortcut = nn.Conv2d(inputs, outputs, 1, bias: !norm);
            register_module("shortcut", Shortcut);
            if (norm)
            {
                ShortcutNorm = nn.BatchNorm2d(outputs);
                register_module("shortcut_norm", ShortcutNorm);
            }
        }
        _activation = Network.CreateActivation(architecture.Activation);
        register_module("activation", _activation);
        Pool = architecture.Pooling switch
        {
            CnnPooling.Max => nn.MaxPool2d(2),
            CnnPooling.Average => nn.AvgPool2d(2),
            _ => null,
        };
        if (Pool is not null) register_module("pool", Pool);
        if (layers.SpatialDropout > 0)
        {
            SpatialDropout = nn.Dropout2d(layers.SpatialDropout);
            register_module("spatial_dropout", SpatialDropout);
        }
    }

    public IReadOnlyList<Conv2d> Convolutions { get; }

    /// <summary>The batch-norm layer after each convolution, or none.</summary>
    public IReadOnlyList<BatchNorm2d> Norms { get; }

    /// <summary>The 1x1 convolution of the residual connection when the channels change; null otherwise.</summary>
    public Conv2d? Shortcut { get; }

    public BatchNorm2d? ShortcutNorm { get; }

    /// <summary>The convolution kernels (not biases, not batch-norm parameters).</summary>
    public IEnumerable<Parameter> Kernels => Convolutions.Select(c => c.weight!).Concat(Shortcut is null ? [] : [Shortcut.weight!]);

    public override Tensor forward(Tensor input)
    {
        var y = input;
        for (int i = 0; i < Convolutions.Count; i++)
        {
            y = Convolutions[i].forward(y);
            if (Norms.Count > 0) y = Norms[i].forward(y);
            if (!_residual || i < Convolutions.Count - 1) y = _activation.forward(y);
        }
        if (_residual)
        {
            var shortcut = Shortcut is null ? input : Shortcut.forward(input);
            if (ShortcutNorm is not null) shortcut = ShortcutNorm.forward(shortcut);
            y = _activation.forward(y + shortcut);
        }
        if (Pool is not null) y = Pool.forward(y);
        if (SpatialDropout is not null) y = SpatialDropout.forward(y);
        return y;
    }

    /// <summary>The pooling at the end of the block, or null.</summary>
    public nn.Module<Tensor, Tensor>? Pool { get; }

    /// <summary>Dropout of whole feature maps in training, or null.</summary>
    public Dropout2d? SpatialDropout { get; }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _convolutions.Dispose();
            _norms.Dispose();
            Shortcut?.Dispose();
            ShortcutNorm?.Dispose();
            _activation.Dispose();
            Pool?.Dispose();
            SpatialDropout?.Dispose();
        }
        base.Dispose(disposing);
    }
}
