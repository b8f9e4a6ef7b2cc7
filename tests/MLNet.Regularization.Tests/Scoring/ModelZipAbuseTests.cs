using System.Buffers.Binary;
using Microsoft.ML;
using Xunit;

namespace MLNet.Regularization.Tests.Scoring;

/// <summary>
/// Model files whose zip structure was tampered with in ways a single flip does not reach (zip64 records claiming huge
/// counts and offsets, unknown compression methods, encryption flags, comment lengths): both readers refuse them with
/// <see cref="InvalidDataException"/>, and nothing is sized by the claims.
/// </summary>
public class ModelZipAbuseTests
{
    private const uint CentralSignature = 0x02014b50, EndSignature = 0x06054b50;

    private static void AssertRefused(byte[] zip)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Throws<InvalidDataException>(() => TrainedNetwork.Load(new MemoryStream(zip)));
        Assert.Throws<InvalidDataException>(() => new MLContext().Model.VerifyIntegrity(new MemoryStream(zip)));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 50_000_000, "nothing is sized by the claims");
    }

    private static int End(byte[] zip) => Enumerable.Range(0, zip.Length - 21).Last(at => BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(at)) == EndSignature);

    private static int Central(byte[] zip, string name)
    {
        for (int at = 0; at + 46 < zip.Length; at++)
            if (BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(at)) == CentralSignature
                && System.Text.Encoding.UTF8.GetString(zip, at + 46, BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(at + 28))).EndsWith(name))
                return at;
        throw new InvalidOperationException($"No central directory record for '{name}'.");
    }

    /// <summary>The model file turned into zip64 form: a zip64 end record and locator before the end record, whose fields say "see zip64".</summary>
    private static byte[] Zip64(ulong entries, ulong directorySize, ulong directoryOffset)
    {
        var zip = TinyModel.Zip;
        int end = End(zip);
        var record = new byte[56 + 20];
        var span = record.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(span, 0x06064b50);
        BinaryPrimitives.WriteUInt64LittleEndian(span[4..], 44);
        BinaryPrimitives.WriteUInt16LittleEndian(span[12..], 45);
        BinaryPrimitives.WriteUInt16LittleEndian(span[14..], 45);
        BinaryPrimitives.WriteUInt64LittleEndian(span[24..], entries);
        BinaryPrimitives.WriteUInt64LittleEndian(span[32..], entries);
        BinaryPrimitives.WriteUInt64LittleEndian(span[40..], directorySize);
        BinaryPrimitives.WriteUInt64LittleEndian(span[48..], directoryOffset);
        BinaryPrimitives.WriteUInt32LittleEndian(span[56..], 0x07064b50);
        BinaryPrimitives.WriteUInt64LittleEndian(span[64..], (ulong)end);
        BinaryPrimitives.WriteUInt32LittleEndian(span[72..], 1);
        var tail = zip[end..];
        BinaryPrimitives.WriteUInt16LittleEndian(tail.AsSpan(8), 0xFFFF);
        BinaryPrimitives.WriteUInt16LittleEndian(tail.AsSpan(10), 0xFFFF);
        BinaryPrimitives.WriteUInt32LittleEndian(tail.AsSpan(12), uint.MaxValue);
        BinaryPrimitives.WriteUInt32LittleEndian(tail.AsSpan(16), uint.MaxValue);
        return [.. zip[..end], .. record, .. tail];
    }

    [Fact]
    public void A_zip64_end_record_claiming_a_trillion_entries_is_refused()
    {
        var zip = TinyModel.Zip;
        int end = End(zip);
        AssertRefused(Zip64(1UL << 40, BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(end + 12)), BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(end + 16))));
    }

    [Fact]
    public void A_zip64_end_record_placing_the_directory_beyond_the_file_is_refused()
    {
        AssertRefused(Zip64(8, 1UL << 50, 1UL << 60));
        AssertRefused(Zip64(8, ulong.MaxValue, ulong.MaxValue));
    }

    [Theory]
    [InlineData(14)]
    [InlineData(12)]
    [InlineData(99)]
    public void A_network_entry_of_an_unknown_compression_method_is_refused(ushort method)
    {
        var zip = TinyModel.Zip;
        int central = Central(zip, "OnnxModel");
        BinaryPrimitives.WriteUInt16LittleEndian(zip.AsSpan(central + 10), method);
        int local = (int)BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(central + 42));
        BinaryPrimitives.WriteUInt16LittleEndian(zip.AsSpan(local + 8), method);
        AssertRefused(zip);
    }

    [Fact]
    public void A_network_entry_that_is_encrypted_is_refused()
    {
        // The zip reader ignores the encryption flag and inflates the encrypted bytes: inflation or the CRC-32 check fails.
        var zip = TinyModel.Zip;
        int central = Central(zip, "OnnxModel");
        zip[central + 8] |= 1;
        zip[(int)BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(central + 42)) + 6] |= 1;
        var (start, length) = TrainedNetworkIntegrityTests.OnnxEntryData(zip);
        var key = new Random(3);
        for (int i = start; i < start + length; i++) zip[i] ^= (byte)key.Next(256);
        AssertRefused(zip);
    }

    [Theory]
    [InlineData(0xFFFFFFFFu)]
    [InlineData(0x7FFFFFFFu)]
    public void A_network_entry_claiming_a_huge_compressed_size_or_offset_is_refused(uint value)
    {
        foreach (int field in new[] { 20, 42 })
        {
            var zip = TinyModel.Zip;
            BinaryPrimitives.WriteUInt32LittleEndian(zip.AsSpan(Central(zip, "OnnxModel") + field), value);
            AssertRefused(zip);
        }
    }

    [Fact]
    public void An_end_record_whose_comment_runs_past_the_file_is_refused()
    {
        var zip = TinyModel.Zip;
        BinaryPrimitives.WriteUInt16LittleEndian(zip.AsSpan(End(zip) + 20), 0xFFFF);
        // .NET's zip reader finds the end record all the same; the structure check refuses it.
        Assert.Throws<InvalidDataException>(() => new MLContext().Model.VerifyIntegrity(new MemoryStream(zip)));
    }

    [Fact]
    public void A_central_directory_name_that_another_entry_has_is_refused()
    {
        var zip = TinyModel.Zip;
        // Transform_001 -> Transform_000: two entries named TransformerChain/Transform_000/Model.key, one flipped bit.
        int central = Central(zip, "TransformerChain/Transform_001/Model.key");
        int at = central + 46 + "TransformerChain/Transform_00".Length;
        zip[at] ^= 1;
        var error = Assert.Throws<InvalidDataException>(() => TrainedNetwork.Load(new MemoryStream(zip)));
        Assert.Contains("two entries named 'TransformerChain/Transform_000/Model.key'", error.Message);
        Assert.Throws<InvalidDataException>(() => new MLContext().Model.VerifyIntegrity(new MemoryStream(zip)));
    }
}
