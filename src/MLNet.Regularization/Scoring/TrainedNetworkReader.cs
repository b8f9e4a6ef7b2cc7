using System.Globalization;
using System.IO.Compression;
using Google.Protobuf;
using MLNet.Regularization.Networks;
using MLNet.Regularization.Tasks;
using MLNet.Regularization.Training;
using Onnx;

namespace MLNet.Regularization.Scoring;

/// <summary>
/// Reads a <see cref="TrainedNetwork"/> from untrusted bytes: a standalone ONNX model or an ML.NET model file. Every
/// kind of damage ends in an <see cref="InvalidDataException"/> saying what is wrong and where; only a network whose
/// digest verifies and whose format version is newer than this pack's ends in a <see cref="NotSupportedException"/>.
/// </summary>
internal static class TrainedNetworkReader
{
    private const string Prefix = TrainedNetwork.MetadataPrefix;

    /// <summary>Reads the network of a standalone ONNX model or of an ML.NET model file.</summary>
    public static TrainedNetwork Read(byte[] bytes, string source) => ModelZip.IsZip(bytes) ? FromModelZip(bytes) : FromOnnx(bytes, source);

    /// <summary>Reads a standalone ONNX model, which must be a network of this pack.</summary>
    public static TrainedNetwork FromOnnx(byte[] bytes, string source) => TryFromOnnx(bytes, source, out var foreignProducer)
        ?? throw new InvalidDataException($"{source} is an ONNX model from '{foreignProducer}', not a network trained by {TrainedNetwork.Producer}.");

    /// <summary>
    /// Reads an ONNX model; returns null (and its producer) for an ONNX model of another producer. The digest, when the
    /// model ends with one, is checked before anything is parsed.
    /// </summary>
    public static TrainedNetwork? TryFromOnnx(ArraySegment<byte> bytes, string source, out string foreignProducer)
    {
        bool signed = NetworkDigest.Verify(bytes, source);
        var proto = Parse(() => ModelProto.Parser.ParseFrom(bytes.Array!, bytes.Offset, bytes.Count), source);
        return FromProto(proto, signed, source, out foreignProducer);
    }

    /// <summary>
    /// Reads the ONNX model of an <see cref="ModelZip.OnnxEntryName"/> entry: first checks the entry (size, CRC-32, the
    /// length ML.NET writes before the model, the digest) as it inflates, keeping nothing, then parses it as it inflates
    /// again, so that no array is ever sized by what the entry claims. Returns null for an ONNX model of another producer.
    /// </summary>
    public static TrainedNetwork? TryFromEntry(ZipArchiveEntry entry, out string foreignProducer)
    {
        string source = ModelZip.Name(entry);
        bool signed = ModelZip.CheckOnnxModel(entry);
        var proto = Parse(() =>
        {
            using var stream = ModelZip.OpenOnnxModel(entry);
            return ModelProto.Parser.ParseFrom(stream);
        }, source);
        return FromProto(proto, signed, source, out foreignProducer);
    }

    /// <summary>Reads the one network of this pack in an ML.NET model file, checking the CRC-32 and size of its entry.</summary>
    private static TrainedNetwork FromModelZip(byte[] bytes)
    {
        var found = new List<TrainedNetwork>();
        var (archive, entries) = ModelZip.Open(bytes);
        using (archive)
            foreach (var entry in entries.Where(e => e.Name == ModelZip.OnnxEntryName))
                if (TryFromEntry(entry, out _) is { } network) found.Add(network);
        return found.Count switch
        {
            1 => found[0],
            0 => throw new InvalidDataException($"The model file holds no network trained by {TrainedNetwork.Producer}."),
            _ => throw new InvalidDataException(
                $"The model file holds {found.Count} networks trained by {TrainedNetwork.Producer}; export the one you want with RegularizedNetworkModel.ExportOnnx."),
        };
    }

    private static ModelProto Parse(Func<ModelProto> parse, string source)
    {
        ModelProto proto;
        try
        {
            proto = parse();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // InvalidProtocolBufferException above all; any other failure of the parser also comes from the bytes.
            throw new InvalidDataException($"{source} is not a readable ONNX model (truncated or corrupted): {e.Message}", e);
        }
        return proto.Graph is null ? throw new InvalidDataException($"{source} is not an ONNX model (no graph).") : proto;
    }

    /// <summary>Interprets a parsed ONNX model; null for one of another producer (see <see cref="TryFromOnnx"/>).</summary>
    private static TrainedNetwork? FromProto(ModelProto proto, bool signed, string source, out string foreignProducer)
    {
        foreignProducer = proto.ProducerName;
        if (proto.ProducerName != TrainedNetwork.Producer)
        {
            if (signed)
                throw new InvalidDataException($"{source} carries the digest of a network of {TrainedNetwork.Producer} but names '{proto.ProducerName}' as its producer.");
            return null;
        }
        return FromProto(proto, signed, source);
    }

    private static TrainedNetwork FromProto(ModelProto proto, bool signed, string source)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in proto.MetadataProps)
            if (!metadata.TryAdd(entry.Key, entry.Value))
                throw new InvalidDataException($"{source} has two metadata entries named '{entry.Key}'.");
        CheckFormat(metadata, signed, source);

        string Get(string key) => metadata.TryGetValue(Prefix + key, out var value)
            ? value : throw new InvalidDataException($"{source} lacks the metadata entry '{Prefix + key}'.");
        int GetInt(string key) => int.TryParse(Get(key), NumberStyles.None, CultureInfo.InvariantCulture, out int value)
            ? value : throw new InvalidDataException($"{source}: metadata '{Prefix + key}' is '{Get(key)}', not a number.");
        T GetEnum<T>(string key) where T : struct, Enum => Enum.GetNames<T>().Contains(Get(key), StringComparer.Ordinal)
            ? Enum.Parse<T>(Get(key)) : throw new InvalidDataException($"{source}: metadata '{Prefix + key}' is '{Get(key)}', not a known {typeof(T).Name}.");

        var task = GetEnum<PredictionTask>("task");
        int features = GetInt("features"), outputs = GetInt("outputs"), members = GetInt("ensemble_size");
        if (features <= 0 || outputs <= 0 || members <= 0)
            throw new InvalidDataException($"{source}: the recorded architecture ({features} features, {outputs} outputs, {members} members) is not valid.");
        var objective = Objective.For(task, outputs);
        if (!objective.HasOutputs(outputs))
            throw new InvalidDataException($"{source}: a {task} network has 1 output, but the recorded architecture has {outputs}.");
        // Networks of format versions 1 and 2 are MLPs and do not name their architecture.
        var seam = ArchitectureOnnx.Read(metadata.GetValueOrDefault(Prefix + "architecture", MlpOnnx.ArchitectureName), Get,
            key => metadata.GetValueOrDefault(Prefix + key), problem => new InvalidDataException($"{source}: {problem}."));
        var architecture = seam.Architecture;
        try
        {
            architecture.CheckInputs(features, "features");
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"{source}: the recorded architecture does not fit its {features} features: {e.Message}", e);
        }

        var initializers = new Dictionary<string, TensorProto>(StringComparer.Ordinal);
        foreach (var tensor in proto.Graph.Initializer)
            if (!initializers.TryAdd(tensor.Name, tensor))
                throw new InvalidDataException($"{source} has two initializers named '{tensor.Name}'.");
        float[] Read(string name, params long[] dims) => initializers.TryGetValue(name, out var tensor)
            ? Weights(tensor, dims, source)
            : throw new InvalidDataException($"{source} lacks the weights '{name}' that its architecture needs.");
        int[] ReadColumns(string name) => initializers.TryGetValue(name, out var tensor)
            ? Columns(tensor, features, source)
            : throw new InvalidDataException($"{source} lacks the column list '{name}' that its architecture needs.");

        var standardization = new Standardization(Read(NetworkOnnx.FeatureMean, features), Read(NetworkOnnx.FeatureScale, features),
            initializers.ContainsKey(NetworkOnnx.FeatureClip) ? Read(NetworkOnnx.FeatureClip, features) : null);
        var label = objective.StandardizesLabel
            ? new Standardization(Read(NetworkOnnx.LabelMean, 1), Read(NetworkOnnx.LabelScale, 1))
            : null;
        // Member by member, so that a recorded count larger than the weights present fails at the first missing tensor
        // instead of sizing anything by it.
        var networks = new List<NetworkWeights>();
        for (int m = 0; m < members; m++) networks.Add(seam.Read(Read, ReadColumns, m, features, outputs));
        return new TrainedNetwork(task, architecture, standardization, label, networks, Get("version"), metadata.GetValueOrDefault(Prefix + "options", "{}"));
    }

    /// <summary>
    /// Format 1 carries no digest and is read unverified. From format 2 on the digest is mandatory, so a network without
    /// a valid one is damaged, whatever format version it appears to record; a newer format is reported only when the
    /// digest has shown that the version is the one that was written.
    /// </summary>
    private static void CheckFormat(Dictionary<string, string> metadata, bool signed, string source)
    {
        string key = Prefix + "format_version";
        metadata.TryGetValue(key, out var recorded);
        if (!signed)
        {
            if (metadata.ContainsKey(NetworkDigest.Key))
                throw new InvalidDataException($"{source}: its digest entry '{NetworkDigest.Key}' is damaged or misplaced, so the network cannot be verified.");
            if (recorded == "1") return;
            throw new InvalidDataException(recorded is null
                ? $"{source} records no format version ('{key}') and carries no digest ('{NetworkDigest.Key}'): the network is damaged."
                : $"{source} records format version '{recorded}' but carries no digest ('{NetworkDigest.Key}'), which every format from 2 on has: the network is damaged.");
        }
        if (!int.TryParse(recorded, NumberStyles.None, CultureInfo.InvariantCulture, out int format))
            throw new InvalidDataException($"{source}: metadata '{key}' is '{recorded ?? "(missing)"}', not a format version.");
        if (format > TrainedNetwork.FormatVersion)
            throw new NotSupportedException(
                $"{source} was written in format version {format} by MLNet.Regularization {metadata.GetValueOrDefault(Prefix + "version", "(unknown)")}; " +
                $"this version ({typeof(TrainedNetwork).Assembly.GetName().Version}) reads format {TrainedNetwork.FormatVersion} and older. Update the package.");
        if (format < 2)
            throw new InvalidDataException($"{source} records format version {format}, which has no digest, yet carries one.");
    }

    /// <summary>The float values of an initializer, which must have exactly the shape <paramref name="dims"/>.</summary>
    private static float[] Weights(TensorProto tensor, long[] dims, string source)
    {
        string name = tensor.Name, shape = string.Join(", ", dims);
        if (!tensor.Dims.SequenceEqual(dims))
            throw new InvalidDataException($"{source}: weights '{name}' have shape [{string.Join(", ", tensor.Dims)}] but the recorded architecture needs [{shape}].");
        if (tensor.DataType != (int)TensorProto.Types.DataType.Float)
            throw new InvalidDataException($"{source}: weights '{name}' have ONNX data type {tensor.DataType}, not float ({(int)TensorProto.Types.DataType.Float}).");
        if (tensor.DataLocation != TensorProto.Types.DataLocation.Default || tensor.ExternalData.Count > 0)
            throw new InvalidDataException($"{source}: weights '{name}' refer to external data; a network of this pack holds its weights inline.");
        long count = dims.Aggregate(1L, (a, b) => a * b);
        var raw = tensor.RawData;
        if (raw.Length > 0 && tensor.FloatData.Count > 0)
            throw new InvalidDataException($"{source}: weights '{name}' hold both raw and float data.");
        if (raw.Length > 0 ? raw.Length != count * sizeof(float) : tensor.FloatData.Count != count)
            throw new InvalidDataException(
                $"{source}: weights '{name}' hold {(raw.Length > 0 ? raw.Length + " bytes" : tensor.FloatData.Count + " values")} for shape [{shape}] ({count} floats).");
        return raw.Length > 0 ? FromRaw(raw) : tensor.FloatData.ToArray();
    }

    /// <summary>The values of a one-dimensional int64 initializer that lists input columns: distinct, ascending, each below
    /// <paramref name="features"/> (so there are at most that many).</summary>
    private static int[] Columns(TensorProto tensor, int features, string source)
    {
        string name = tensor.Name;
        if (tensor.DataType != (int)TensorProto.Types.DataType.Int64)
            throw new InvalidDataException($"{source}: column list '{name}' has ONNX data type {tensor.DataType}, not int64 ({(int)TensorProto.Types.DataType.Int64}).");
        if (tensor.Dims.Count != 1 || tensor.Dims[0] < 0 || tensor.Dims[0] > features)
            throw new InvalidDataException($"{source}: column list '{name}' has shape [{string.Join(", ", tensor.Dims)}], not a list of at most {features} columns.");
        if (tensor.DataLocation != TensorProto.Types.DataLocation.Default || tensor.ExternalData.Count > 0 || tensor.RawData.Length > 0
            || tensor.Int64Data.Count != tensor.Dims[0])
            throw new InvalidDataException($"{source}: column list '{name}' does not hold its {tensor.Dims[0]} values inline as int64 data.");
        var columns = new int[tensor.Int64Data.Count];
        for (int i = 0; i < columns.Length; i++)
        {
            long column = tensor.Int64Data[i];
            if (column < 0 || column >= features || (i > 0 && column <= columns[i - 1]))
                throw new InvalidDataException($"{source}: column list '{name}' is not a list of distinct input columns (0 to {features - 1}) in ascending order.");
            columns[i] = (int)column;
        }
        return columns;
    }

    private static float[] FromRaw(ByteString raw)
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("ONNX raw tensor data is little-endian.");
        var values = new float[raw.Length / sizeof(float)];
        raw.Span.CopyTo(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));
        return values;
    }
}
