using System.Globalization;
using Google.Protobuf;
using MLNet.Regularization.Networks;
using MLNet.Regularization.Scoring;
using MLNet.Regularization.Tasks;
using MLNet.Regularization.Training;
using Onnx;

namespace MLNet.Regularization;

/// <summary>
/// The trained network(s) of a <see cref="RegularizedNetworkModel"/> in a self-describing form: the task, the architecture,
/// the input standardization and every ensemble member's weights. It is stored as an ONNX model whose metadata names
/// the file format version, the pack version and the architecture, and ends with a SHA-256 digest of everything before
/// it (<c>mlnet_regularization.digest</c>), which <see cref="Load(Stream)"/> checks; that ONNX model is what the ML.NET
/// model scores with, what <see cref="RegularizedNetworkModel.ExportOnnx"/> writes, and what warm-starting a trainer
/// continues from.
/// </summary>
/// <remarks>The digest detects damage (a flipped bit, a truncated or spliced file), not deliberate changes: anyone who
/// changes a network can compute a new digest. It is not a signature.</remarks>
public sealed class TrainedNetwork
{
    /// <summary>The version of the file format this version of the pack writes; it reads this version and older ones.</summary>
    /// <remarks>Version 2 added the SHA-256 digest (metadata <c>mlnet_regularization.digest</c>), which it requires. Version 3
    /// records the architecture (metadata <c>mlnet_regularization.architecture</c>, "mlp" or "cnn"); older versions hold MLPs.
    /// Version 4 may clip the scaled inputs smoothly (<see cref="FeatureScaling.Robust"/>, initializer <c>feature_clip</c>), and may
    /// embed an MLP's numeric features (<see cref="NumericEmbedding.Periodic"/>: metadata <c>mlnet_regularization.numeric_embedding</c>
    /// and its sizes, each member's embedded columns and weights as initializers <c>m{i}_emb_*</c>).</remarks>
    public const int FormatVersion = 4;

    internal const string Producer = "MLNet.Regularization";
    internal const string MetadataPrefix = "mlnet_regularization.";

    internal TrainedNetwork(PredictionTask task, NetworkArchitecture architecture, Standardization features, Standardization? label,
        IReadOnlyList<NetworkWeights> members, string packageVersion, string options)
    {
        Task = task;
        Architecture = architecture;
        Features = features;
        Label = label;
        Members = members;
        PackageVersion = packageVersion;
        Options = options;
    }

    /// <summary>The task the network was trained for.</summary>
    public PredictionTask Task { get; }

    /// <summary>The number of input features.</summary>
    public int FeatureCount => Features.Mean.Length;

    /// <summary>The architecture: an <see cref="MlpArchitecture"/> or a <see cref="CnnArchitecture"/>.</summary>
    public NetworkArchitecture Architecture { get; }

    /// <summary>The number of network outputs: 1 for binary classification and regression, the class count for multiclass.</summary>
    public int OutputCount => Members[0].Outputs;

    /// <summary>The number of ensemble members.</summary>
    public int EnsembleSize => Members.Count;

    /// <summary>The version of MLNet.Regularization that trained the network.</summary>
    public string PackageVersion { get; }

    /// <summary>The training options, as JSON, recorded for reference.</summary>
    public string Options { get; }

    internal Standardization Features { get; }
    internal Standardization? Label { get; }
    internal IReadOnlyList<NetworkWeights> Members { get; }

    /// <summary>The task's object, which writes the head of the graph and the scoring columns.</summary>
    internal Objective Objective => Objective.For(Task, OutputCount);

    /// <summary>Writes the network as a standalone ONNX model, digest included (see <see cref="RegularizedNetworkModel.ExportOnnx"/>).</summary>
    public void SaveOnnx(Stream stream, string inputName = "Features") => stream.Write(ToOnnxBytes(inputName));

    /// <summary>The network as a serialized ONNX model that ends with its digest (see <see cref="NetworkDigest"/>).</summary>
    internal byte[] ToOnnxBytes(string inputName) => NetworkDigest.Append(ToOnnx(inputName).ToByteArray());

    /// <summary>The network as an ONNX model, without the digest.</summary>
    private ModelProto ToOnnx(string inputName)
    {
        var model = NetworkOnnx.Write(inputName, Architecture, Features, Members, Objective, Label);
        model.ProducerName = Producer;
        model.ProducerVersion = PackageVersion;
        void Add(string key, object value) =>
            model.MetadataProps.Add(new StringStringEntryProto { Key = MetadataPrefix + key, Value = Convert.ToString(value, CultureInfo.InvariantCulture) });
        Add("format_version", FormatVersion);
        Add("version", PackageVersion);
        Add("task", Task);
        Add("features", FeatureCount);
        var seam = ArchitectureOnnx.Of(Architecture);
        Add("architecture", seam.Name);
        foreach (var (key, value) in seam.Metadata()) Add(key, value);
        Add("outputs", OutputCount);
        Add("ensemble_size", EnsembleSize);
        Add("options", Options);
        return model;
    }

    /// <summary>
    /// Reads a network from a standalone ONNX model written by this pack, or from an ML.NET model file (.zip, written by
    /// <c>mlContext.Model.Save</c>) that holds one, and checks that it is the network that was saved: in a model file the
    /// CRC-32 and size of the zip entry holding it, and (from format version 2 on) the SHA-256 digest recorded in the
    /// network itself, over its graph, weights and metadata. Format version 1 predates the digest: such a network is read
    /// unverified (in a model file, still checked against the entry's CRC-32).
    /// </summary>
    /// <exception cref="InvalidDataException">The file is truncated or damaged (a failed digest or CRC-32 included), is
    /// not a model file or ONNX model, holds no network of this pack or more than one, or holds weights that do not match
    /// the recorded architecture. The message says which, and where.</exception>
    /// <exception cref="NotSupportedException">The network, its digest verified, is of a newer format version than
    /// <see cref="FormatVersion"/>: a newer version of the pack wrote it.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    public static TrainedNetwork Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return TrainedNetworkReader.Read(ModelBytes.ReadAll(stream, "The stream"), "The stream");
    }

    /// <summary>Reads a network from a file: see <see cref="Load(Stream)"/>.</summary>
    /// <exception cref="InvalidDataException">See <see cref="Load(Stream)"/>.</exception>
    /// <exception cref="NotSupportedException">See <see cref="Load(Stream)"/>.</exception>
    public static TrainedNetwork Load(string path)
    {
        using var file = File.OpenRead(path);
        return TrainedNetworkReader.Read(ModelBytes.ReadAll(file, $"File '{path}'"), $"File '{path}'");
    }
}
