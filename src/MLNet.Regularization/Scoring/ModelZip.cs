using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;

namespace MLNet.Regularization.Scoring;

/// <summary>
/// Reads an ML.NET model file (a zip archive) without trusting it. .NET's zip reader does not check an entry's CRC-32,
/// nor that an entry inflates to the size its header records; this class checks both, refuses sizes that deflate cannot
/// produce (a zip bomb) before inflating anything, and turns every failure into an <see cref="InvalidDataException"/>
/// that names the entry.
/// </summary>
internal static class ModelZip
{
    /// <summary>The name of the zip entry in which ML.NET's OnnxTransformer stores its ONNX model.</summary>
    public const string OnnxEntryName = "OnnxModel";

    /// <summary>Deflate emits at most 258 bytes for a 2-bit code: no deflated entry inflates more than 1032-fold.</summary>
    private const long MaxDeflateRatio = 1032;

    /// <summary>Slack for the few bytes of block headers that a tiny deflated entry needs beyond that ratio.</summary>
    private const long RatioSlack = 64;

    /// <summary>Whether <paramref name="bytes"/> start like a zip archive ("PK").</summary>
    public static bool IsZip(ReadOnlySpan<byte> bytes) => bytes.Length >= 2 && bytes[0] == (byte)'P' && bytes[1] == (byte)'K';

    /// <summary>Opens the archive and lists its entries; refuses an unreadable archive and two entries of the same name.</summary>
    public static (ZipArchive Archive, IReadOnlyList<ZipArchiveEntry> Entries) Open(byte[] bytes)
    {
        var archive = Guard("The model file", () => new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read));
        try
        {
            var entries = Guard("The model file's list of entries", () => archive.Entries.ToArray());
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var entry in entries)
                if (!names.Add(entry.FullName))
                    throw new InvalidDataException($"The model file holds two entries named '{entry.FullName}': the file is damaged.");
            return (archive, entries);
        }
        catch
        {
            archive.Dispose();
            throw;
        }
    }

    /// <summary>Receives the inflated content of an entry, chunk by chunk.</summary>
    public delegate void ChunkHandler(ReadOnlySpan<byte> chunk);

    /// <summary>
    /// Inflates an entry without keeping it (each chunk goes to <paramref name="handle"/>, when given) and refuses it when
    /// its recorded size is beyond what its compressed size can hold, when it inflates to more or fewer bytes than
    /// recorded, or when the CRC-32 of its content differs from the recorded one.
    /// </summary>
    public static void Check(ZipArchiveEntry entry, ChunkHandler? handle = null)
    {
        long length = CheckedLength(entry);
        string name = Name(entry);
        var crc = new Crc32();
        var buffer = new byte[(int)Math.Min(Math.Max(length, 1), 1 << 16)];
        long total = 0;
        using (var stream = Guard(name, entry.Open))
        {
            int read;
            // Read one byte past the recorded length at most: enough to see that the entry inflates beyond it.
            while ((read = Guard(name, () => stream.Read(buffer, 0, (int)Math.Min(buffer.Length, length - total + 1)))) > 0)
            {
                total += read;
                if (total > length)
                    throw new InvalidDataException($"{name} inflates to more than the {length} bytes its header records: the file is damaged.");
                crc.Append(buffer.AsSpan(0, read));
                handle?.Invoke(buffer.AsSpan(0, read));
            }
        }
        if (total != length)
            throw new InvalidDataException($"{name} holds {total} bytes but its header records {length}: the file is truncated or damaged.");
        uint actual = crc.GetCurrentHashAsUInt32();
        if (actual != entry.Crc32)
            throw new InvalidDataException(
                $"{name} fails its CRC-32 check (recorded {entry.Crc32:X8}, content {actual:X8}): the file is damaged.");
    }

    /// <summary>
    /// Checks an <see cref="OnnxEntryName"/> entry in one pass that keeps nothing in memory: its size and CRC-32 (see
    /// <see cref="Check"/>), the 4-byte little-endian length ML.NET writes before the ONNX model, and the network's digest
    /// when the model ends with one. Returns whether it does (and the digest matched); see <see cref="NetworkDigest.Verify(ReadOnlySpan{byte}, string)"/>.
    /// </summary>
    public static bool CheckOnnxModel(ZipArchiveEntry entry)
    {
        var prefix = new byte[sizeof(int)];
        int prefixRead = 0;
        using var digest = new StreamingDigest();
        Check(entry, chunk =>
        {
            int take = Math.Min(chunk.Length, prefix.Length - prefixRead);
            chunk[..take].CopyTo(prefix.AsSpan(prefixRead));
            prefixRead += take;
            digest.Append(chunk[take..]);
        });
        long model = entry.Length - sizeof(int);
        if (prefixRead < sizeof(int))
            throw new InvalidDataException($"{Name(entry)} holds {entry.Length} bytes, too few for the length ML.NET writes before an ONNX model.");
        int recorded = BinaryPrimitives.ReadInt32LittleEndian(prefix);
        if (recorded != model)
            throw new InvalidDataException($"{Name(entry)} records an ONNX model of {recorded} bytes but holds {model}: the file is damaged.");
        return digest.Verify(Name(entry));
    }

    /// <summary>
    /// Opens the ONNX model of an <see cref="OnnxEntryName"/> entry that <see cref="CheckOnnxModel"/> has checked, past the
    /// 4-byte length, to be parsed as it inflates.
    /// </summary>
    public static Stream OpenOnnxModel(ZipArchiveEntry entry)
    {
        var stream = Guard(Name(entry), entry.Open);
        Span<byte> prefix = stackalloc byte[sizeof(int)];
        stream.ReadExactly(prefix);
        return stream;
    }

    /// <summary>How an entry is named in messages.</summary>
    public static string Name(ZipArchiveEntry entry) => $"Model file entry '{entry.FullName}'";

    private static long CheckedLength(ZipArchiveEntry entry)
    {
        long length = entry.Length, compressed = entry.CompressedLength;
        if (length < 0 || compressed < 0)
            throw new InvalidDataException($"{Name(entry)} records a negative size: the file is damaged.");
        if (length > Array.MaxLength || length > compressed * MaxDeflateRatio + RatioSlack)
            throw new InvalidDataException(
                $"{Name(entry)} records {length} bytes from {compressed} compressed bytes, more than deflate can produce " +
                "(a damaged header or a zip bomb); it was not inflated.");
        return length;
    }

    /// <summary>Runs a read of the zip reader and reports any failure of it as damage to <paramref name="what"/>.</summary>
    private static T Guard<T>(string what, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The archive is in memory: whatever the zip reader throws (InvalidDataException, IOException for a seek
            // before the start, ArgumentException, NotSupportedException for an unknown compression method, ...) comes
            // from the bytes.
            throw new InvalidDataException($"{what} is not readable as part of a zip archive (truncated or corrupted): {e.Message}", e);
        }
    }
}
