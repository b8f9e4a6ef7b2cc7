using System.Diagnostics;
using Xunit;
using Xunit.Abstractions;

namespace MLNet.Regularization.Tests.Scoring;

/// <summary>
/// Damaged networks are refused with <see cref="InvalidDataException"/>: every single-bit flip of the stored network, of
/// the standalone ONNX export and of the whole model file, and every truncation. Any other exception fails the test.
/// </summary>
public class TrainedNetworkIntegrityTests(ITestOutputHelper output)
{
    private static TrainedNetwork Load(byte[] bytes) => TrainedNetwork.Load(new MemoryStream(bytes));

    internal static byte[] Flip(byte[] bytes, int bit)
    {
        var copy = (byte[])bytes.Clone();
        copy[bit / 8] ^= (byte)(1 << (bit % 8));
        return copy;
    }

    /// <summary>Loads <paramref name="bytes"/>; returns the network, or null when it was refused with InvalidDataException.</summary>
    private static TrainedNetwork? LoadOrRefuse(byte[] bytes)
    {
        try
        {
            return Load(bytes);
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    [Fact]
    public void Every_single_bit_flip_of_the_stored_network_entry_is_refused_even_under_a_correct_CRC()
    {
        // The damage happens before zipping, so the entry's CRC-32 matches: only the digest can see it.
        var entries = TinyModel.Entries(TinyModel.Zip);
        int onnx = Array.FindIndex(entries, e => e.Name.EndsWith("/OnnxModel"));
        var content = entries[onnx].Content;
        var watch = Stopwatch.StartNew();
        var accepted = new List<int>();
        for (int bit = 0; bit < content.Length * 8; bit++)
        {
            var damaged = entries.ToArray();
            damaged[onnx] = (entries[onnx].Name, Flip(content, bit));
            if (LoadOrRefuse(TinyModel.ZipOf(damaged)) is not null) accepted.Add(bit);
        }
        output.WriteLine($"{content.Length * 8} flips of the {content.Length}-byte entry: {content.Length * 8 - accepted.Count} refused ({watch.Elapsed.TotalSeconds:F1} s)");
        Assert.Empty(accepted);
    }

    [Fact]
    public void Every_single_bit_flip_of_the_stored_network_entry_as_written_in_the_file_is_refused_unless_it_inflates_to_the_same_bytes()
    {
        // The compressed bytes of the entry inside the file: the CRC-32 and size checks see the damage (or inflation fails).
        // A flip in the padding bits after the last deflate block, which the inflater never reads, leaves the content as it was.
        var zip = TinyModel.Zip;
        var (start, length) = OnnxEntryData(zip);
        int refused = 0, identical = 0;
        var different = new List<int>();
        for (int bit = start * 8; bit < (start + length) * 8; bit++)
        {
            var network = LoadOrRefuse(Flip(zip, bit));
            if (network is null) refused++;
            else if (TinyModel.Same(TinyModel.Network, network)) identical++;
            else different.Add(bit);
        }
        output.WriteLine($"{length * 8} flips of the entry's {length} compressed bytes: {refused} refused, {identical} inflate to the identical entry");
        Assert.Empty(different);
    }

    [Fact]
    public void Every_single_bit_flip_of_the_standalone_ONNX_export_is_refused()
    {
        var onnx = TinyModel.Onnx;
        var accepted = Enumerable.Range(0, onnx.Length * 8).Where(bit => LoadOrRefuse(Flip(onnx, bit)) is not null).ToArray();
        output.WriteLine($"{onnx.Length * 8} flips of the {onnx.Length}-byte ONNX export: {onnx.Length * 8 - accepted.Length} refused");
        Assert.Empty(accepted);
    }

    [Fact]
    public void Every_single_bit_flip_of_the_model_file_is_refused_or_loads_the_identical_network()
    {
        var zip = TinyModel.Zip;
        var watch = Stopwatch.StartNew();
        int refused = 0, identical = 0;
        var different = new List<int>();
        for (int bit = 0; bit < zip.Length * 8; bit++)
        {
            var network = LoadOrRefuse(Flip(zip, bit));
            if (network is null) refused++;
            else if (TinyModel.Same(TinyModel.Network, network)) identical++;
            else different.Add(bit);
        }
        output.WriteLine($"{zip.Length * 8} flips of the {zip.Length}-byte model file: {refused} refused, {identical} load the identical network " +
            $"(in other entries, in header fields the zip reader ignores, or in compressed bits that inflate to the same bytes), {different.Count} a different one ({watch.Elapsed.TotalSeconds:F1} s)");
        Assert.Empty(different);
    }

    [Fact]
    public void Every_truncation_of_the_model_file_and_of_the_ONNX_export_is_refused()
    {
        var zip = TinyModel.Zip;
        var onnx = TinyModel.Onnx;
        for (int length = 0; length < zip.Length; length++)
            Assert.Throws<InvalidDataException>(() => Load(zip[..length]));
        for (int length = 0; length < onnx.Length; length++)
            Assert.Throws<InvalidDataException>(() => Load(onnx[..length]));
        output.WriteLine($"{zip.Length} truncations of the model file and {onnx.Length} of the ONNX export refused");
    }

    /// <summary>Where the compressed data of the OnnxModel entry lies in the file (from its local header).</summary>
    internal static (int Start, int Length) OnnxEntryData(byte[] zip) => EntryData(zip, "/OnnxModel");

    /// <summary>Where the compressed data of the entry whose name ends with <paramref name="name"/> lies in the file.</summary>
    internal static (int Start, int Length) EntryData(byte[] zip, string name)
    {
        for (int at = 0; at + 30 < zip.Length;)
        {
            int nameLength = BitConverter.ToUInt16(zip, at + 26), extraLength = BitConverter.ToUInt16(zip, at + 28);
            int compressed = BitConverter.ToInt32(zip, at + 18);
            string entry = System.Text.Encoding.UTF8.GetString(zip, at + 30, nameLength);
            int data = at + 30 + nameLength + extraLength;
            if (entry.EndsWith(name)) return (data, compressed);
            at = data + compressed;
        }
        throw new InvalidOperationException($"The model file has no entry '{name}'.");
    }
}
