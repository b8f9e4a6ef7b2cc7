using System.Buffers.Binary;
using System.IO.Compression;
using Google.Protobuf;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Regularization.Scoring;
using Onnx;
using Xunit;

namespace MLNet.Regularization.Tests.Scoring;

/// <summary>
/// Format versions and malformed networks: the digest decides between a damaged network (InvalidDataException) and a
/// newer format (NotSupportedException); a network whose digest is valid but whose content is malformed is refused with
/// InvalidDataException too, never with another exception.
/// </summary>
public class TrainedNetworkFormatTests
{
    private const string Prefix = "mlnet_regularization.";

    private static TrainedNetwork Load(byte[] bytes) => TrainedNetwork.Load(new MemoryStream(bytes));

    private static byte[] Mutated(Action<ModelProto> change, bool resign = true)
    {
        var proto = TinyModel.Proto(TinyModel.Onnx);
        change(proto);
        return resign ? TinyModel.Resign(proto) : proto.ToByteArray();
    }

    private static void SetMetadata(ModelProto proto, string key, string value) =>
        proto.MetadataProps.Single(p => p.Key == Prefix + key).Value = value;

    private static string DataFile(string name) => Path.Combine(AppContext.BaseDirectory, "Scoring", "Data", name);

    [Fact]
    public void The_pack_writes_format_version_4_with_the_architecture_and_the_digest_as_the_last_metadata_entry()
    {
        var proto = TinyModel.Proto(TinyModel.Onnx);
        Assert.Equal("4", proto.MetadataProps.Single(p => p.Key == Prefix + "format_version").Value);
        Assert.Equal("mlp", proto.MetadataProps.Single(p => p.Key == Prefix + "architecture").Value);
        Assert.Equal(NetworkDigest.Key, proto.MetadataProps[^1].Key);
        Assert.Matches("^sha256:[0-9a-f]{64}$", proto.MetadataProps[^1].Value);
    }

    [Fact]
    public void A_format_version_2_network_which_names_no_architecture_loads_as_the_MLP_it_is()
    {
        var original = Load(TinyModel.Onnx);
        var version2 = Load(Mutated(p =>
        {
            SetMetadata(p, "format_version", "2");
            p.MetadataProps.Remove(p.MetadataProps.Single(e => e.Key == Prefix + "architecture"));
        }));

        Assert.Equal(original.Architecture, version2.Architecture);
        Assert.IsType<MlpArchitecture>(version2.Architecture);
        Assert.Equal(original.Members[0].Arrays.SelectMany(a => a), version2.Members[0].Arrays.SelectMany(a => a));
    }

    [Fact]
    public void An_unknown_architecture_is_refused_with_its_name()
    {
        var error = Assert.Throws<InvalidDataException>(() => Load(Mutated(p => SetMetadata(p, "architecture", "transformer"))));
        Assert.Contains("'transformer'", error.Message);
    }

    [Fact]
    public void A_newer_format_version_whose_digest_verifies_is_refused_as_not_supported()
    {
        var error = Assert.Throws<NotSupportedException>(() => Load(Mutated(p => SetMetadata(p, "format_version", "5"))));
        Assert.Contains("format version 5", error.Message);
        Assert.Contains("Update the package", error.Message);
    }

    [Theory]
    [InlineData("5")]
    [InlineData("2")]
    [InlineData("99")]
    [InlineData("1")]
    public void A_changed_format_version_without_a_matching_digest_is_damage_not_a_newer_format(string version)
    {
        var error = Assert.Throws<InvalidDataException>(() => Load(Mutated(p => SetMetadata(p, "format_version", version), resign: false)));
        Assert.Contains("digest", error.Message);
    }

    [Fact]
    public void A_format_2_network_whose_digest_entry_was_renamed_or_removed_is_refused()
    {
        var renamed = Assert.Throws<InvalidDataException>(() => Load(Mutated(p => p.MetadataProps[^1].Key = Prefix + "digesu", resign: false)));
        Assert.Contains("carries no digest", renamed.Message);
        var removed = Assert.Throws<InvalidDataException>(() => Load(Mutated(p => p.MetadataProps.RemoveAt(p.MetadataProps.Count - 1), resign: false)));
        Assert.Contains("carries no digest", removed.Message);
        var moved = Assert.Throws<InvalidDataException>(() => Load(Mutated(p => { var digest = p.MetadataProps[^1]; p.MetadataProps.Remove(digest); p.MetadataProps.Insert(0, digest); }, resign: false)));
        Assert.Contains("damaged or misplaced", moved.Message);
    }

    [Fact]
    public void Two_initializers_of_the_same_name_are_refused()
    {
        var signed = Assert.Throws<InvalidDataException>(() => Load(Mutated(p => p.Graph.Initializer.Add(p.Graph.Initializer[0].Clone()))));
        Assert.Contains($"two initializers named '{NetworkOnnx.FeatureMean}'", signed.Message);
        var formatOne = Assert.Throws<InvalidDataException>(() => Load(FormatOne(p => p.Graph.Initializer.Add(p.Graph.Initializer[0].Clone()))));
        Assert.Contains("two initializers", formatOne.Message);
    }

    [Fact]
    public void Two_metadata_entries_of_the_same_name_are_refused()
    {
        var signed = Assert.Throws<InvalidDataException>(() => Load(Mutated(p => p.MetadataProps.Insert(0, p.MetadataProps.Single(e => e.Key == Prefix + "task").Clone()))));
        Assert.Contains($"two metadata entries named '{Prefix}task'", signed.Message);
        var formatOne = Assert.Throws<InvalidDataException>(() => Load(FormatOne(p => p.MetadataProps.Add(p.MetadataProps[0].Clone()))));
        Assert.Contains("two metadata entries", formatOne.Message);
    }

    public static TheoryData<string, string> MalformedNetworks => new()
    {
        { "task 7", "not a known PredictionTask" },
        { "task Binary,Regression", "not a known PredictionTask" },
        { "activation 3", "not a known Activation" },
        { "features -4", "not a number" },
        { "features +4", "not a number" },
        { "features 0", "is not valid" },
        { "outputs 2", "has 1 output" },
        { "hidden_layers 3,x", "not a list of layer sizes" },
        { "hidden_layers 2147483647", "m0_w0" },
        { "ensemble_size 2147483647", "lacks the weights 'm1_w0'" },
        { "format_version x", "not a format version" },
        { "format_version 1", "has no digest" },
        { "no format_version", "not a format version" },
        { "no task", "lacks the metadata entry" },
        { "double weights", "data type 11" },
        { "external weights", "external data" },
        { "short raw data", "hold 44 bytes" },
        { "raw and float data", "both raw and float data" },
        { "no graph", "no graph" },
        { "producer someone else", "names 'someone else'" },
    };

    [Theory]
    [MemberData(nameof(MalformedNetworks))]
    public void A_malformed_network_with_a_valid_digest_is_refused_with_InvalidDataException(string change, string message)
    {
        var bytes = Mutated(p =>
        {
            var weights = p.Graph.Initializer.Single(t => t.Name == MlpOnnx.WeightName(0, 0));
            var words = change.Split(' ', 2);
            switch (change)
            {
                case "double weights": weights.DataType = (int)TensorProto.Types.DataType.Double; break;
                case "external weights": weights.DataLocation = TensorProto.Types.DataLocation.External; break;
                case "short raw data": weights.RawData = ByteString.CopyFrom(weights.RawData.Span[..^4]); break;
                case "raw and float data": weights.FloatData.Add(1f); break;
                case "no graph": p.Graph = null; break;
                case "producer someone else": p.ProducerName = "someone else"; break;
                default:
                    if (words[0] == "no") p.MetadataProps.Remove(p.MetadataProps.Single(e => e.Key == Prefix + words[1]));
                    else SetMetadata(p, words[0], words[1]);
                    break;
            }
        });
        var error = Assert.Throws<InvalidDataException>(() => Load(bytes));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void The_committed_format_1_model_file_still_loads_and_scores_as_it_did()
    {
        // Written by version 0.1.0 of the pack before the digest existed: format 1 cannot be verified, but still reads.
        var zip = File.ReadAllBytes(DataFile("format1-regression.zip"));
        var onnx = File.ReadAllBytes(DataFile("format1-regression.onnx"));
        Assert.Equal("1", TinyModel.Proto(onnx).MetadataProps.Single(p => p.Key == Prefix + "format_version").Value);

        var fromZip = Load(zip);
        var fromOnnx = Load(onnx);
        Assert.True(TinyModel.Same(fromOnnx, fromZip));
        Assert.Equal(PredictionTask.Regression, fromZip.Task);
        Assert.Equal(4, fromZip.FeatureCount);
        Assert.Equal([3], fromZip.HiddenLayers());

        var ml = new MLContext();
        ml.Model.VerifyIntegrity(new MemoryStream(zip));
        var scores = ml.Model.Load(new MemoryStream(zip), out _).Transform(ml.Data.LoadFromEnumerable(TinyModel.Rows(3))).GetColumn<float>("Score");
        Assert.Equal(["414A44C3", "414618EB", "41451AE9"], scores.Select(s => BitConverter.SingleToInt32Bits(s).ToString("X8")));
    }

    [Fact]
    public void A_format_1_network_in_a_model_file_is_still_checked_against_its_zip_entry_CRC()
    {
        var zip = File.ReadAllBytes(DataFile("format1-regression.zip"));
        var (start, length) = TrainedNetworkIntegrityTests.OnnxEntryData(zip);
        var expected = Load(zip);
        for (int bit = start * 8; bit < (start + length) * 8; bit++)
        {
            TrainedNetwork? loaded = null;
            try
            {
                loaded = Load(TrainedNetworkIntegrityTests.Flip(zip, bit));
            }
            catch (InvalidDataException)
            {
            }
            // Only a flip that inflates to the same bytes (in deflate's padding bits) may load, and then as the same network.
            Assert.True(loaded is null || TinyModel.Same(expected, loaded), $"bit {bit} loads a different network");
        }
    }

    [Fact]
    public void A_flipped_bit_in_the_length_ML_NET_writes_before_the_network_is_refused()
    {
        var content = TinyModel.Entries(TinyModel.Zip).Single(e => e.Name.EndsWith("/OnnxModel")).Content;
        BinaryPrimitives.WriteInt32LittleEndian(content, BinaryPrimitives.ReadInt32LittleEndian(content) ^ 0x100);
        var error = Assert.Throws<InvalidDataException>(() => Load(TinyModel.WithOnnxEntry(TinyModel.Zip, content)));
        Assert.Contains("records an ONNX model of", error.Message);
    }

    [Fact]
    public void An_entry_that_claims_an_enormous_size_is_refused_without_inflating_it()
    {
        var zip = TinyModel.Zip;
        // Patch the uncompressed size of the OnnxModel entry in its central directory record to 2 GB.
        int record = CentralRecord(zip, "OnnxModel");
        BinaryPrimitives.WriteInt32LittleEndian(zip.AsSpan(record + 24), int.MaxValue);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<InvalidDataException>(() => Load(zip));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 10_000_000, "the entry is refused before it is inflated");
        Assert.Contains("zip bomb", error.Message);
    }

    [Fact]
    public void An_entry_that_inflates_beyond_its_recorded_size_is_refused_as_soon_as_it_does()
    {
        // 50 MB of zeros deflate to about 50 KB; the header claims 1,000 bytes.
        var content = new byte[50_000_000];
        BinaryPrimitives.WriteInt32LittleEndian(content, content.Length - 4);
        var zip = TinyModel.ZipOf([("TransformerChain/Transform_000/OnnxModel", content)]);
        int record = CentralRecord(zip, "OnnxModel");
        BinaryPrimitives.WriteInt32LittleEndian(zip.AsSpan(record + 24), 1000);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<InvalidDataException>(() => Load(zip));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 10_000_000, "inflating stops at the recorded size");
        Assert.True(error.Message.Contains("inflates to more than the 1000 bytes") || error.Message.Contains("fails its CRC-32 check"), error.Message);
    }

    [Fact]
    public void An_entry_that_inflates_to_the_enormous_size_it_records_is_refused_without_being_kept_in_memory()
    {
        // 100 MB of zeros behind a correct length, size and CRC-32: a zip bomb that tells the truth about its size.
        var content = new byte[100_000_000];
        BinaryPrimitives.WriteInt32LittleEndian(content, content.Length - 4);
        var zip = TinyModel.ZipOf([("TransformerChain/Transform_000/OnnxModel", content)]);
        content = null;
        GC.Collect();
        var ml = new MLContext();
        long before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Throws<InvalidDataException>(() => Load(zip));
        Assert.Throws<InvalidDataException>(() => ml.Model.VerifyIntegrity(new MemoryStream(zip)));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 2 * zip.Length + 10_000_000, $"{allocated} bytes allocated for a {zip.Length}-byte file");
    }

    [Fact]
    public void NET_zip_reader_does_not_check_an_entry_CRC_so_the_pack_does()
    {
        // A stored (uncompressed) entry whose content was damaged in place reads back without an error in .NET.
        using var output = new MemoryStream();
        using (var archive = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        using (var stream = archive.CreateEntry("data", CompressionLevel.NoCompression).Open())
            stream.Write("hello, network"u8);
        var zip = output.ToArray();
        zip[30 + BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(26)) + BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(28))] ^= 1;
        using var read = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        using var reader = new StreamReader(read.Entries[0].Open());
        Assert.Equal("iello, network", reader.ReadToEnd());

        var error = Assert.Throws<InvalidDataException>(() => new MLContext().Model.VerifyIntegrity(new MemoryStream(zip)));
        Assert.Contains("'data' fails its CRC-32 check", error.Message);
    }

    /// <summary>A format-1 network (no digest) built from the tiny model and changed.</summary>
    private static byte[] FormatOne(Action<ModelProto> change)
    {
        var proto = TinyModel.Proto(TinyModel.Onnx);
        proto.MetadataProps.RemoveAt(proto.MetadataProps.Count - 1);
        SetMetadata(proto, "format_version", "1");
        change(proto);
        return proto.ToByteArray();
    }

    /// <summary>The offset of the central directory record of the entry whose name ends with <paramref name="name"/>.</summary>
    private static int CentralRecord(byte[] zip, string name)
    {
        for (int at = zip.Length - 46; at >= 0; at--)
            if (BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(at)) == 0x02014b50)
            {
                int nameLength = BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(at + 28));
                if (System.Text.Encoding.UTF8.GetString(zip, at + 46, nameLength).EndsWith(name)) return at;
            }
        throw new InvalidOperationException($"No central directory record for '{name}'.");
    }
}
