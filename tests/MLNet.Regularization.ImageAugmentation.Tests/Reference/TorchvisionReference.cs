using System.Buffers.Binary;
using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Text.Json;
using MLNet.Regularization.ImageAugmentation.Functional;

namespace MLNet.Regularization.ImageAugmentation.Tests.Reference;

/// <summary>One image of the reference file: its CHW shape and float32 pixels.</summary>
internal sealed record ReferenceImage(ImageShape Shape, float[] Data);

/// <summary>
/// Reads <c>reference.json.gz</c>, the torchvision outputs written by <c>generate_references.py</c> in this folder.
/// The file is located from this source file's path (<see cref="CallerFilePathAttribute"/>), so it needs no copy
/// into the test output directory; the tests must run from a checkout of the repository.
/// </summary>
internal static class TorchvisionReference
{
    public const string FileName = "reference.json.gz";

    private static readonly Lazy<Loaded> Data = new(Load);

    public static string TorchVersion => Data.Value.Torch;

    public static string TorchvisionVersion => Data.Value.Torchvision;

    public static ReferenceImage Input => Data.Value.Input;

    public static IReadOnlyCollection<string> CaseNames => Data.Value.Cases.Keys;

    public static ReferenceImage Case(string name) =>
        Data.Value.Cases.TryGetValue(name, out ReferenceImage? image)
            ? image
            : throw new KeyNotFoundException($"Case '{name}' is not in {FileName}; re-run generate_references.py.");

    /// <summary>The policies' augmentation spaces and AutoAugment's policies, as the script wrote them (<c>"policies"</c>).</summary>
    public static JsonElement Policies => Data.Value.Policies;

    /// <summary>The names of the cases of one operation kind (the script's <c>"op"</c>).</summary>
    public static IEnumerable<string> CasesOf(string op) => Data.Value.Ops.Where(p => p.Value == op).Select(p => p.Key);

    /// <summary>The parameters of a case, as the script wrote them (points, a displacement field).</summary>
    public static JsonElement Parameters(string name) =>
        Data.Value.Parameters.TryGetValue(name, out JsonElement parameters)
            ? parameters
            : throw new KeyNotFoundException($"Case '{name}' is not in {FileName}; re-run generate_references.py.");

    /// <summary>A float32 array stored in a case's parameters as <c>{"shape": [...], "data": "&lt;base64&gt;"}</c>.</summary>
    public static float[] FloatArray(JsonElement stored)
    {
        int count = stored.GetProperty("shape").EnumerateArray().Aggregate(1, (n, d) => n * d.GetInt32());
        byte[] bytes = Convert.FromBase64String(stored.GetProperty("data").GetString()!);
        if (bytes.Length != count * sizeof(float))
        {
            throw new InvalidDataException($"{bytes.Length} bytes of data for {count} values.");
        }

        var data = new float[count];
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(i * sizeof(float), sizeof(float)));
        }

        return data;
    }

    private static string FolderOfThisFile([CallerFilePath] string path = "") =>
        Path.GetDirectoryName(path) ?? throw new InvalidOperationException("No caller file path.");

    private static Loaded Load()
    {
        string path = Path.Combine(FolderOfThisFile(), FileName);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"The torchvision reference data was not found at {path}. The tests locate it from the source path " +
                "recorded at compile time, so they must run from a checkout of the repository.", path);
        }

        using FileStream file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using JsonDocument doc = JsonDocument.Parse(gzip);
        JsonElement root = doc.RootElement;
        var cases = new Dictionary<string, ReferenceImage>(StringComparer.Ordinal);
        var parameters = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var ops = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (JsonElement c in root.GetProperty("cases").EnumerateArray())
        {
            string name = c.GetProperty("name").GetString()!;
            cases.Add(name, ReadImage(c));
            parameters.Add(name, c.GetProperty("params").Clone());
            ops.Add(name, c.GetProperty("op").GetString()!);
        }

        return new Loaded(
            root.GetProperty("torch").GetString()!,
            root.GetProperty("torchvision").GetString()!,
            ReadImage(root.GetProperty("input")),
            cases,
            parameters,
            ops,
            root.GetProperty("policies").Clone());
    }

    private static ReferenceImage ReadImage(JsonElement e)
    {
        int[] dims = e.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()).ToArray();
        if (dims.Length != 3)
        {
            throw new InvalidDataException($"Expected a CHW shape, got [{string.Join(", ", dims)}].");
        }

        var shape = new ImageShape(dims[0], dims[1], dims[2]);
        byte[] bytes = Convert.FromBase64String(e.GetProperty("data").GetString()!);
        if (bytes.Length != shape.Length * sizeof(float))
        {
            throw new InvalidDataException($"{bytes.Length} bytes of data for shape {shape}.");
        }

        var data = new float[shape.Length];
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(i * sizeof(float), sizeof(float)));
        }

        return new ReferenceImage(shape, data);
    }

    private sealed record Loaded(
        string Torch,
        string Torchvision,
        ReferenceImage Input,
        Dictionary<string, ReferenceImage> Cases,
        Dictionary<string, JsonElement> Parameters,
        Dictionary<string, string> Ops,
        JsonElement Policies);
}
