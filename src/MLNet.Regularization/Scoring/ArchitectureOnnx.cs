using MLNet.Regularization.Networks;

namespace MLNet.Regularization.Scoring;

/// <summary>
/// The seam of one architecture in the saved network: its name and the metadata that describe it, and one member's body
/// (from the standardized input to the logits) written into and read from the ONNX graph. The envelope around the bodies
/// (standardization, the task's head, the other metadata, the digest) is shared: <see cref="NetworkOnnx"/>,
/// <see cref="TrainedNetworkReader"/>.
/// </summary>
internal abstract class ArchitectureOnnx
{
    /// <summary>The architecture.</summary>
    public abstract NetworkArchitecture Architecture { get; }

    /// <summary>The name recorded in metadata <c>architecture</c>.</summary>
    public abstract string Name { get; }

    /// <summary>The metadata entries (without prefix) that describe the architecture.</summary>
    public abstract IEnumerable<(string Key, string Value)> Metadata();

    /// <summary>Writes one member's body; returns the name of its logits.</summary>
    public abstract string Write(OnnxGraphBuilder graph, string input, NetworkWeights weights, int member);

    /// <summary>Reads one member's body, asking <paramref name="read"/> for each weight tensor by name and exact shape, in
    /// order, so that a recorded size larger than the weights present fails at the first missing tensor, and
    /// <paramref name="readColumns"/> for a list of input columns (distinct, ascending, checked against the input width).</summary>
    public abstract NetworkWeights Read(Func<string, long[], float[]> read, Func<string, int[]> readColumns, int member, int inputs, int outputs);

    /// <summary>The seam of an architecture.</summary>
    public static ArchitectureOnnx Of(NetworkArchitecture architecture) => architecture switch
    {
        MlpArchitecture mlp => new MlpOnnx(mlp),
        CnnArchitecture cnn => new CnnOnnx(cnn),
        _ => throw new NotSupportedException($"The architecture {architecture} has no ONNX form."),
    };

    /// <summary>The seam of the architecture a saved network names (networks of format versions 1 and 2 are MLPs and do
    /// not name it), read from its metadata; <paramref name="get"/> reads an entry, <paramref name="find"/> an entry that may
    /// be missing (null then), <paramref name="invalid"/> makes the error.</summary>
    public static ArchitectureOnnx Read(string name, Func<string, string> get, Func<string, string?> find, Func<string, Exception> invalid) => name switch
    {
        MlpOnnx.ArchitectureName => MlpOnnx.FromMetadata(get, find, invalid),
        CnnOnnx.ArchitectureName => CnnOnnx.FromMetadata(get, invalid),
        _ => throw invalid($"metadata 'architecture' is '{name}', not an architecture of this pack ({MlpOnnx.ArchitectureName}, {CnnOnnx.ArchitectureName})"),
    };
}
