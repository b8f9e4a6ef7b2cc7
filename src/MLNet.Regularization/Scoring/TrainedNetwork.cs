using System.Globalization;
using System.IO.Compression;
using Google.Protobuf;
using MLNet.Regularization.Networks;
using MLNet.Regularization.Scoring;
using MLNet.Regularization.Training;
using Onnx;

namespace MLNet.Regularization;

/// <summary>
/// The trained network(s) of a <see cref="RegularizedMlpModel"/> in a self-describing form: the task, the architecture,
/// the input standardization and every ensemble member's weights. It is stored as an ONNX model whose metadata names
/// the file format version, the pack version and the architecture; that ONNX model is what the ML.NET model scores
/// with, what <see cref="RegularizedMlpModel.ExportOnnx"/> writes, and what warm-starting a trainer continues from.
/// </summary>
public sealed class TrainedNetwork
{
    /// <summary>The version of the file format this version of the pack writes; it reads this version and older ones.</summary>
    public const int FormatVersion = 1;

    internal const string Producer = "MLNet.Regularization";
    private const string Prefix = "mlnet_regularization.";

    internal TrainedNetwork(PredictionKind kind, Standardization features, Standardization? label, IReadOnlyList<NetworkWeights> members,
        string packageVersion, string options)
    {
        Kind = kind;
        Features = features;
        Label = label;
        Members = members;
        PackageVersion = packageVersion;
        Options = options;
    }

    /// <summary>The task the network was trained for.</summary>
    public PredictionKind Kind { get; }

    /// <summary>The number of input features.</summary>
    public int FeatureCount => Features.Mean.Length;

    /// <summary>The hidden layer sizes, input side first.</summary>
    public IReadOnlyList<int> HiddenLayers => Members[0].Layers.SkipLast(1).Select(l => l.Outputs).ToArray();

    /// <summary>The number of network outputs: 1 for binary classification and regression, the class count for multiclass.</summary>
    public int OutputCount => Members[0].Layers[^1].Outputs;

    /// <summary>The activation of the hidden layers.</summary>
    public Activation Activation => Members[0].Activation;

    /// <summary>The number of ensemble members.</summary>
    public int EnsembleSize => Members.Count;

    /// <summary>The version of MLNet.Regularization that trained the network.</summary>
    public string PackageVersion { get; }

    /// <summary>The training options, as JSON, recorded for reference.</summary>
    public string Options { get; }

    internal Standardization Features { get; }
    internal Standardization? Label { get; }
    internal IReadOnlyList<NetworkWeights> Members { get; }

    /// <summary>Writes the network as a standalone ONNX model (see <see cref="RegularizedMlpModel.ExportOnnx"/>).</summary>
    public void SaveOnnx(Stream stream, string inputName = "Features") => ToOnnx(inputName).WriteTo(stream);

    internal ModelProto ToOnnx(string inputName)
    {
        var model = MlpOnnxWriter.Write(inputName, Features, Members, Kind, Label);
        model.ProducerName = Producer;
        model.ProducerVersion = PackageVersion;
        void Add(string key, object value) =>
            model.MetadataProps.Add(new StringStringEntryProto { Key = Prefix + key, Value = Convert.ToString(value, CultureInfo.InvariantCulture) });
        Add("format_version", FormatVersion);
        Add("version", PackageVersion);
        Add("task", Kind);
        Add("features", FeatureCount);
        Add("hidden_layers", string.Join(",", HiddenLayers));
        Add("activation", Activation);
        Add("outputs", OutputCount);
        Add("ensemble_size", EnsembleSize);
        Add("options", Options);
        return model;
    }

    /// <summary>
    /// Reads a network from a standalone ONNX model written by this pack, or from an ML.NET model file (.zip, written by
    /// <c>mlContext.Model.Save</c>) that holds one. Throws <see cref="InvalidDataException"/> for a truncated or corrupted
    /// file, a file without such a network or weights that do not match the recorded architecture, and
    /// <see cref="NotSupportedException"/> for a file of a newer format version.
    /// </summary>
    public static TrainedNetwork Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var bytes = buffer.ToArray();
        return bytes.Length >= 2 && bytes[0] == (byte)'P' && bytes[1] == (byte)'K' ? FromModelZip(bytes) : FromOnnx(bytes, "The stream");
    }

    /// <summary>Reads a network from a file: see <see cref="Load(Stream)"/>.</summary>
    public static TrainedNetwork Load(string path)
    {
        using var file = File.OpenRead(path);
        return Load(file);
    }

    private static TrainedNetwork FromModelZip(byte[] bytes)
    {
        var found = new List<TrainedNetwork>();
        using var zip = ReadZip(() => new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read));
        foreach (var entry in ReadZip(() => zip.Entries.Where(e => e.Name == "OnnxModel").ToArray()))
        {
            // ML.NET stores the ONNX bytes behind a 4-byte length.
            var onnx = ReadZip(() =>
            {
                using var content = new MemoryStream();
                using (var entryStream = entry.Open()) entryStream.CopyTo(content);
                return content.ToArray();
            });
            if (onnx.Length < 4 || BitConverter.ToInt32(onnx, 0) != onnx.Length - 4) continue;
            var proto = Parse(onnx[4..], $"Model file entry '{entry.FullName}'");
            if (proto.ProducerName == Producer) found.Add(FromProto(proto, $"Model file entry '{entry.FullName}'"));
        }
        return found.Count switch
        {
            1 => found[0],
            0 => throw new InvalidDataException($"The model file holds no network trained by {Producer}."),
            _ => throw new InvalidDataException($"The model file holds {found.Count} networks trained by {Producer}; export the one you want with RegularizedMlpModel.ExportOnnx."),
        };
    }

    private static T ReadZip<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"The model file is not a readable zip archive (truncated or corrupted): {e.Message}", e);
        }
    }

    private static TrainedNetwork FromOnnx(byte[] bytes, string source)
    {
        var proto = Parse(bytes, source);
        if (proto.ProducerName != Producer)
            throw new InvalidDataException($"{source} is an ONNX model from '{proto.ProducerName}', not a network trained by {Producer}.");
        return FromProto(proto, source);
    }

    private static ModelProto Parse(byte[] bytes, string source)
    {
        try
        {
            var proto = ModelProto.Parser.ParseFrom(bytes);
            if (proto.Graph is null) throw new InvalidDataException($"{source} is not an ONNX model (no graph).");
            return proto;
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new InvalidDataException($"{source} is not a readable ONNX model (truncated or corrupted): {e.Message}", e);
        }
    }

    private static TrainedNetwork FromProto(ModelProto proto, string source)
    {
        var metadata = proto.MetadataProps.ToDictionary(p => p.Key, p => p.Value);
        string Get(string key) => metadata.TryGetValue(Prefix + key, out var value)
            ? value : throw new InvalidDataException($"{source} lacks the metadata entry '{Prefix + key}'.");
        int GetInt(string key) => int.TryParse(Get(key), NumberStyles.Integer, CultureInfo.InvariantCulture, out int value)
            ? value : throw new InvalidDataException($"{source}: metadata '{Prefix + key}' is '{Get(key)}', not a number.");

        int format = GetInt("format_version");
        if (format > FormatVersion)
            throw new NotSupportedException(
                $"{source} was written in format version {format} by MLNet.Regularization {Get("version")}; this version " +
                $"({typeof(TrainedNetwork).Assembly.GetName().Version}) reads format {FormatVersion} and older. Update the package.");
        T GetEnum<T>(string key) where T : struct, Enum => Enum.TryParse<T>(Get(key), out var value)
            ? value : throw new InvalidDataException($"{source}: metadata '{Prefix + key}' is '{Get(key)}', not a known {typeof(T).Name}.");

        var kind = GetEnum<PredictionKind>("task");
        var activation = GetEnum<Activation>("activation");
        int features = GetInt("features"), outputs = GetInt("outputs"), members = GetInt("ensemble_size");
        var hidden = Get("hidden_layers").Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(size => int.TryParse(size, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) && value > 0
                ? value : throw new InvalidDataException($"{source}: metadata '{Prefix}hidden_layers' is '{Get("hidden_layers")}', not a list of layer sizes."))
            .ToArray();
        if (features <= 0 || outputs <= 0 || members <= 0)
            throw new InvalidDataException($"{source}: the recorded architecture ({features} features, {outputs} outputs, {members} members) is not valid.");

        var initializers = proto.Graph.Initializer.ToDictionary(t => t.Name);
        float[] Read(string name, params long[] dims)
        {
            if (!initializers.TryGetValue(name, out var tensor))
                throw new InvalidDataException($"{source} lacks the weights '{name}' that its architecture needs.");
            if (!tensor.Dims.SequenceEqual(dims))
                throw new InvalidDataException(
                    $"{source}: weights '{name}' have shape [{string.Join(", ", tensor.Dims)}] but the recorded architecture needs [{string.Join(", ", dims)}].");
            var values = tensor.RawData.Length > 0 ? FromRaw(tensor.RawData) : tensor.FloatData.ToArray();
            if (values.Length != dims.Aggregate(1L, (a, b) => a * b))
                throw new InvalidDataException($"{source}: weights '{name}' hold {values.Length} values for shape [{string.Join(", ", dims)}].");
            return values;
        }

        var standardization = new Standardization(Read(MlpOnnxWriter.FeatureMean, features), Read(MlpOnnxWriter.FeatureScale, features));
        var label = kind == PredictionKind.Regression
            ? new Standardization(Read(MlpOnnxWriter.LabelMean, 1), Read(MlpOnnxWriter.LabelScale, 1))
            : null;
        int[] widths = [features, .. hidden, outputs];
        var networks = Enumerable.Range(0, members).Select(m => new NetworkWeights(
            Enumerable.Range(0, widths.Length - 1).Select(l => new DenseLayer(
                Read(MlpOnnxWriter.WeightName(m, l), widths[l + 1], widths[l]),
                Read(MlpOnnxWriter.BiasName(m, l), widths[l + 1]),
                widths[l], widths[l + 1])).ToArray(),
            activation)).ToArray();
        return new TrainedNetwork(kind, standardization, label, networks, Get("version"), metadata.GetValueOrDefault(Prefix + "options", "{}"));
    }

    private static float[] FromRaw(ByteString raw)
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("ONNX raw tensor data is little-endian.");
        var values = new float[raw.Length / sizeof(float)];
        Buffer.BlockCopy(raw.ToByteArray(), 0, values, 0, values.Length * sizeof(float));
        return values;
    }
}
