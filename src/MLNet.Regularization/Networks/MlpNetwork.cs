using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLNet.Regularization.Networks;

/// <summary>
/// The multilayer perceptron: [standardization] [noise] [input dropout] [numeric embedding] (Linear [BatchNorm] activation
/// [dropout])* Linear. Keeps typed references to its embedding, linear and batch-norm layers for the regularizers and the ONNX
/// writer.
/// </summary>
internal sealed class MlpNetwork : Network
{
    private readonly Sequential layers;

    /// <param name="inputSize">The number of input features.</param>
    /// <param name="outputSize">The number of outputs.</param>
    /// <param name="architecture">The layers.</param>
    /// <param name="regularization">The regularizers that are layers: input noise, dropout, batch normalization.</param>
    /// <param name="standardization">The first module, or <see langword="null"/> for inputs used as they are.</param>
    /// <param name="numericColumns">The columns the numeric embedding embeds, ascending, when the architecture has one.</param>
    public MlpNetwork(int inputSize, int outputSize, MlpArchitecture architecture, LayerRegularization regularization, InputStandardization? standardization = null,
        IReadOnlyList<int>? numericColumns = null)
        : base(nameof(MlpNetwork))
    {
        var modules = InputModules(standardization, regularization);

        int width = inputSize;
        if (architecture.NumericEmbedding == NumericEmbedding.Periodic)
        {
            Embedding = new PeriodicEmbedding(inputSize, numericColumns ?? throw new ArgumentNullException(nameof(numericColumns)),
                architecture.NumericEmbeddingFrequencies, architecture.NumericEmbeddingSize, architecture.NumericEmbeddingScale);
            modules.Add(("embedding", Embedding));
            width = Embedding.Outputs;
        }

        var linears = new List<Linear>();
        var norms = new List<BatchNorm1d>();
        for (int i = 0; i < architecture.HiddenLayers.Count; i++)
        {
            int size = architecture.HiddenLayers[i];
            var linear = nn.Linear(width, size);
            linears.Add(linear);
            modules.Add(($"linear{i}", linear));
            if (regularization.BatchNormalization)
            {
                var norm = nn.BatchNorm1d(size);
                norms.Add(norm);
                modules.Add(($"norm{i}", norm));
            }
            modules.Add(($"act{i}", CreateActivation(architecture.Activation)));
            double p = regularization.DropoutAfter(i);
            if (p > 0) modules.Add(($"dropout{i}", nn.Dropout(p)));
            width = size;
        }
        var output = nn.Linear(width, outputSize);
        linears.Add(output);
        modules.Add(("output", output));

        Linears = linears;
        Norms = norms;
        layers = nn.Sequential(modules);
        // Only the sequence is registered: the typed references above point into it.
        register_module(nameof(layers), layers);
    }

    /// <summary>The embedding of the numeric columns, or <see langword="null"/>.</summary>
    public PeriodicEmbedding? Embedding { get; }

    /// <summary>The linear layers, input side first; the last is the output layer.</summary>
    public IReadOnlyList<Linear> Linears { get; }

    /// <summary>The batch-norm layers, one per hidden layer, or none.</summary>
    public IReadOnlyList<BatchNorm1d> Norms { get; }

    /// <summary>The weight matrices of the embedding (not its frequencies, phases or biases) and of the linear layers (not biases,
    /// not batch-norm parameters).</summary>
    public override IEnumerable<Parameter> Weights => Embedding is null ? Linears.Select(l => l.weight!) : [Embedding.Weight, .. Linears.Select(l => l.weight!)];

    public override bool UsesBatchStatistics => Norms.Count > 0;

    public override Tensor forward(Tensor input) => layers.forward(input);

    protected override void Dispose(bool disposing)
    {
        if (disposing) layers.Dispose();
        base.Dispose(disposing);
    }
}
