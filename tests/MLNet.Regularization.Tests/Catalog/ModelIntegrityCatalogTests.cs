using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Regularization.Tests.Scoring;
using Xunit;
using Xunit.Abstractions;

namespace MLNet.Regularization.Tests.Catalog;

/// <summary><c>mlContext.Model.VerifyIntegrity</c>: every damaged model file is refused, naming what is damaged.</summary>
public class ModelIntegrityCatalogTests(ITestOutputHelper output)
{
    private readonly MLContext _ml = new(seed: 1);

    private bool Verifies(byte[] zip)
    {
        try
        {
            _ml.Model.VerifyIntegrity(new MemoryStream(zip));
            return true;
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }

    [Fact]
    public void An_undamaged_model_file_verifies_from_a_stream_and_from_a_path()
    {
        var zip = TinyModel.Zip;
        _ml.Model.VerifyIntegrity(new MemoryStream(zip));
        var path = Path.Combine(Path.GetTempPath(), $"verify-{Guid.NewGuid():N}.zip");
        try
        {
            File.WriteAllBytes(path, zip);
            _ml.Model.VerifyIntegrity(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_model_saved_to_a_stream_that_cannot_seek_verifies()
    {
        // The zip writer then puts each entry's CRC-32 and sizes in a data descriptor after its data.
        var data = _ml.Data.LoadFromEnumerable(TinyModel.Rows(5));
        var loaded = _ml.Model.Load(new MemoryStream(TinyModel.Zip), out _);
        using var saved = new MemoryStream();
        using (var forwardOnly = new ForwardOnlyStream(saved)) _ml.Model.Save(loaded, data.Schema, forwardOnly);
        var zip = saved.ToArray();
        Assert.NotEqual(TinyModel.Zip.Length, zip.Length);

        _ml.Model.VerifyIntegrity(new MemoryStream(zip));
        Assert.True(TinyModel.Same(TinyModel.Network, TrainedNetwork.Load(new MemoryStream(zip))));
        // The first byte of the Schema entry's data: its local header is followed by its name and extra field.
        int local = Enumerable.Range(0, zip.Length - 36).First(at => BitConverter.ToUInt32(zip, at) == 0x04034b50
            && System.Text.Encoding.UTF8.GetString(zip, at + 30, BitConverter.ToUInt16(zip, at + 26)) == "Schema");
        int first = local + 30 + BitConverter.ToUInt16(zip, local + 26) + BitConverter.ToUInt16(zip, local + 28);
        var error = Assert.Throws<InvalidDataException>(() => _ml.Model.VerifyIntegrity(new MemoryStream(TrainedNetworkIntegrityTests.Flip(zip, first * 8 + 2))));
        Assert.Contains("'Schema'", error.Message);
    }

    private sealed class ForwardOnlyStream(Stream inner) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
    }

    [Fact]
    public void A_model_loaded_and_saved_again_by_ML_NET_keeps_a_network_that_verifies()
    {
        var data = _ml.Data.LoadFromEnumerable(TinyModel.Rows(5));
        var loaded = _ml.Model.Load(new MemoryStream(TinyModel.Zip), out _);
        using var saved = new MemoryStream();
        _ml.Model.Save(loaded, data.Schema, saved);

        _ml.Model.VerifyIntegrity(new MemoryStream(saved.ToArray()));
        Assert.True(TinyModel.Same(TinyModel.Network, TrainedNetwork.Load(new MemoryStream(saved.ToArray()))));
    }

    [Fact]
    public void Every_single_bit_flip_of_a_model_file_is_refused_unless_every_entry_reads_as_it_was()
    {
        var zip = TinyModel.Zip;
        var entries = TinyModel.Entries(zip);
        var watch = Stopwatch.StartNew();
        var data = entries.Select(e => TrainedNetworkIntegrityTests.EntryData(zip, e.Name)).ToArray();
        int refused = 0, unchanged = 0, unchangedInData = 0;
        var changed = new List<int>();
        for (int bit = 0; bit < zip.Length * 8; bit++)
        {
            var damaged = TrainedNetworkIntegrityTests.Flip(zip, bit);
            if (!Verifies(damaged)) refused++;
            else if (SameEntries(entries, damaged))
            {
                unchanged++;
                if (data.Any(d => bit / 8 >= d.Start && bit / 8 < d.Start + d.Length)) unchangedInData++;
            }
            else changed.Add(bit);
        }
        output.WriteLine($"{zip.Length * 8} flips of the {zip.Length}-byte model file: {refused} refused, {unchanged} leave every entry's name " +
            $"and content as they were ({unchangedInData} in compressed bits that inflate to the same bytes, the rest in central directory fields no " +
            $"reader uses: version made by, file attributes), {changed.Count} change an entry ({watch.Elapsed.TotalSeconds:F1} s)");
        Assert.Empty(changed);
    }

    [Fact]
    public void Flips_that_ML_NET_loads_with_other_scores_are_refused()
    {
        // mlContext.Model.Load checks no CRC-32: some flips in the stored network load and score other values.
        var zip = TinyModel.Zip;
        var rows = _ml.Data.LoadFromEnumerable(TinyModel.Rows(10));
        string Scores(byte[] bytes) => string.Join(",", _ml.Model.Load(new MemoryStream(bytes), out _).Transform(rows)
            .GetColumn<float>("Score").Select(BitConverter.SingleToInt32Bits));
        var expected = Scores(zip);
        var (start, length) = TrainedNetworkIntegrityTests.OnnxEntryData(zip);
        var random = new Random(5);
        int failed = 0, same = 0;
        var otherScores = new List<int>();
        foreach (int bit in Enumerable.Range(0, 150).Select(_ => random.Next(start * 8, (start + length) * 8)))
        {
            var damaged = TrainedNetworkIntegrityTests.Flip(zip, bit);
            string scores;
            try
            {
                scores = Scores(damaged);
            }
            catch (Exception)
            {
                failed++;
                continue;
            }
            if (scores == expected) same++;
            else otherScores.Add(bit);
        }
        output.WriteLine($"150 random flips of the stored network's compressed bytes, loaded by mlContext.Model.Load: {failed} fail to load or score, " +
            $"{same} score the same values, {otherScores.Count} score other values, all refused by VerifyIntegrity");
        Assert.NotEmpty(otherScores);
        Assert.All(otherScores, bit => Assert.False(Verifies(TrainedNetworkIntegrityTests.Flip(zip, bit)), $"bit {bit}"));
    }

    [Fact]
    public void Every_truncation_of_a_model_file_is_refused()
    {
        var zip = TinyModel.Zip;
        for (int length = 0; length < zip.Length; length++)
            Assert.False(Verifies(zip[..length]), $"truncated to {length} bytes");
    }

    [Fact]
    public void A_damaged_entry_is_named_in_the_message()
    {
        var zip = TinyModel.Zip;
        var (start, _) = TrainedNetworkIntegrityTests.EntryData(zip, "Schema");
        var error = Assert.Throws<InvalidDataException>(() => _ml.Model.VerifyIntegrity(new MemoryStream(TrainedNetworkIntegrityTests.Flip(zip, start * 8 + 3))));
        Assert.Contains("'Schema'", error.Message);
    }

    [Fact]
    public void A_damaged_network_is_named_in_the_message()
    {
        var entries = TinyModel.Entries(TinyModel.Zip);
        int onnx = Array.FindIndex(entries, e => e.Name.EndsWith("/OnnxModel"));
        entries[onnx] = (entries[onnx].Name, TrainedNetworkIntegrityTests.Flip(entries[onnx].Content, 400 * 8));

        var error = Assert.Throws<InvalidDataException>(() => _ml.Model.VerifyIntegrity(new MemoryStream(TinyModel.ZipOf(entries))));
        Assert.Contains($"'{entries[onnx].Name}'", error.Message);
        Assert.Contains("digest", error.Message);
    }

    [Fact]
    public void A_file_that_is_not_a_model_file_is_refused()
    {
        Assert.Throws<InvalidDataException>(() => _ml.Model.VerifyIntegrity(new MemoryStream(TinyModel.Onnx)));
        Assert.Throws<InvalidDataException>(() => _ml.Model.VerifyIntegrity(new MemoryStream(TinyModel.ZipOf([]))));
    }

    private static bool SameEntries((string Name, byte[] Content)[] expected, byte[] zip)
    {
        try
        {
            var actual = TinyModel.Entries(zip);
            return actual.Length == expected.Length
                && actual.Zip(expected).All(p => p.First.Name == p.Second.Name && p.First.Content.AsSpan().SequenceEqual(p.Second.Content));
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }
}
