using System.IO.Compression;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Regularization.Scoring;
using Onnx;

namespace MLNet.Regularization.Tests.Scoring;

/// <summary>
/// A tiny saved regression model (4 features, one hidden layer of 3) whose files are small enough to flip every bit of:
/// the ML.NET model file, its stored ONNX entry and the standalone ONNX export. Trained once per test run.
/// </summary>
public static class TinyModel
{
    public sealed class Row
    {
        [VectorType(4)] public float[] Features { get; set; } = [];
        public float Label { get; set; }
    }

    private static readonly Lazy<(byte[] Zip, byte[] Onnx, TrainedNetwork Network)> Saved = new(() =>
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(Rows(40));
        var model = ml.Regression.Trainers.RegularizedMlp(Quick.Regression(o => { o.HiddenLayers = [3]; o.Epochs = 2; })).Fit(data);
        using var zip = new MemoryStream();
        ml.Model.Save(model, data.Schema, zip);
        using var onnx = new MemoryStream();
        model.ExportOnnx(onnx);
        return (zip.ToArray(), onnx.ToArray(), model.Network);
    });

    /// <summary>The ML.NET model file (a fresh copy).</summary>
    public static byte[] Zip => (byte[])Saved.Value.Zip.Clone();

    /// <summary>The standalone ONNX export (a fresh copy).</summary>
    public static byte[] Onnx => (byte[])Saved.Value.Onnx.Clone();

    public static TrainedNetwork Network => Saved.Value.Network;

    public static Row[] Rows(int count) => Enumerable.Range(0, count)
        .Select(i => new Row { Features = [i % 7, i % 3, i * 0.5f, 1 - i % 2], Label = 10 + i % 7 - 2 * (i % 3) }).ToArray();

    /// <summary>Whether <paramref name="network"/> is the same network as <paramref name="expected"/>, byte for byte in its ONNX form.</summary>
    public static bool Same(TrainedNetwork expected, TrainedNetwork network) =>
        expected.ToOnnxBytes("Features").AsSpan().SequenceEqual(network.ToOnnxBytes("Features"));

    /// <summary>Every entry of a zip archive: name and content.</summary>
    public static (string Name, byte[] Content)[] Entries(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        return archive.Entries.Select(e =>
        {
            using var stream = e.Open();
            using var content = new MemoryStream();
            stream.CopyTo(content);
            return (e.FullName, content.ToArray());
        }).ToArray();
    }

    /// <summary>A zip archive with the given entries, written as ML.NET writes a model file.</summary>
    public static byte[] ZipOf(IEnumerable<(string Name, byte[] Content)> entries)
    {
        using var output = new MemoryStream();
        using (var archive = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, content) in entries)
            {
                using var stream = archive.CreateEntry(name, CompressionLevel.Fastest).Open();
                stream.Write(content);
            }
        return output.ToArray();
    }

    /// <summary>The model file with its stored ONNX entry (4-byte length and ONNX bytes) replaced, under a correct CRC-32.</summary>
    public static byte[] WithOnnxEntry(byte[] zip, byte[] content) =>
        ZipOf(Entries(zip).Select(e => e.Name.EndsWith("/OnnxModel") ? (e.Name, content) : e));

    /// <summary>An ONNX model with its digest replaced by a valid digest of its (changed) content.</summary>
    public static byte[] Resign(ModelProto proto)
    {
        var unsigned = proto.Clone();
        foreach (var entry in unsigned.MetadataProps.Where(p => p.Key == NetworkDigest.Key).ToArray()) unsigned.MetadataProps.Remove(entry);
        return NetworkDigest.Append(Google.Protobuf.MessageExtensions.ToByteArray(unsigned));
    }

    public static ModelProto Proto(byte[] onnx) => ModelProto.Parser.ParseFrom(onnx);
}
