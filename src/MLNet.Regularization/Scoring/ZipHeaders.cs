using System.Buffers.Binary;

namespace MLNet.Regularization.Scoring;

/// <summary>
/// Checks the structure of a zip archive byte by byte, which .NET's zip reader does not: it reads names and sizes from
/// the central directory only and skips each entry's local header. Here the end record must close the file, the central
/// directory must end where the end record begins, every local header must agree with its central directory record
/// (name, flags, method, time, CRC-32 and sizes), and the entries must follow one another from the first byte of the
/// file to the central directory with no bytes between them. Archives in the zip64 format are left to the zip reader.
/// </summary>
internal static class ZipHeaders
{
    private const uint LocalSignature = 0x04034b50, CentralSignature = 0x02014b50, EndSignature = 0x06054b50, DescriptorSignature = 0x08074b50;
    private const int LocalSize = 30, CentralSize = 46, EndSize = 22;

    public static void Check(byte[] bytes, string source)
    {
        int end = FindEnd(bytes, source);
        var record = bytes.AsSpan(end);
        int disk = U16(record, 4), directoryDisk = U16(record, 6), onDisk = U16(record, 8), count = U16(record, 10);
        uint size = U32(record, 12), offset = U32(record, 16);
        if (onDisk == 0xFFFF || count == 0xFFFF || size == uint.MaxValue || offset == uint.MaxValue) return;
        if (disk != 0 || directoryDisk != 0 || onDisk != count)
            throw Damaged(source, $"its end record describes a multi-disk archive (disk {disk}, directory disk {directoryDisk}, {onDisk} of {count} entries)");
        if ((long)offset + size != end)
            throw Damaged(source, $"its central directory ({size} bytes at {offset}) does not end where the end record begins ({end})");

        long next = 0, position = offset;
        for (int i = 0; i < count; i++)
        {
            if (position + CentralSize > end || At32(bytes, position) != CentralSignature)
                throw Damaged(source, $"central directory record {i + 1} of {count} is missing or damaged (at {position})");
            var central = bytes.AsSpan((int)position, CentralSize);
            int nameLength = U16(central, 28), extraLength = U16(central, 30), commentLength = U16(central, 32);
            long recordEnd = position + CentralSize + nameLength + extraLength + commentLength;
            if (recordEnd > end) throw Damaged(source, $"central directory record {i + 1} runs past the central directory");
            var name = bytes.AsSpan((int)position + CentralSize, nameLength);
            string shown = $"entry '{System.Text.Encoding.UTF8.GetString(name)}'";
            long local = U32(central, 42);
            if (local != next)
                throw Damaged(source, $"{shown} starts at {local}, not right after the previous entry (at {next})");
            next = CheckLocal(bytes, central, name, local, offset, source, shown);
            position = recordEnd;
        }
        if (position != end) throw Damaged(source, $"its central directory holds {end - position} bytes after its {count} records");
        if (next != offset) throw Damaged(source, $"{offset - next} bytes lie between the last entry and the central directory");
    }

    /// <summary>Checks a local header against its central directory record; returns where the entry (data and descriptor) ends.</summary>
    private static long CheckLocal(byte[] bytes, ReadOnlySpan<byte> central, ReadOnlySpan<byte> name, long local, long limit, string source, string shown)
    {
        if (local + LocalSize > limit || At32(bytes, local) != LocalSignature)
            throw Damaged(source, $"{shown}: its local header is missing or damaged (at {local})");
        var header = bytes.AsSpan((int)local, LocalSize);
        // Version needed, flags, method, time and date: local bytes 4..13 are central bytes 6..15.
        if (!header[4..14].SequenceEqual(central[6..16]))
            throw Damaged(source, $"{shown}: its local header disagrees with the central directory on version, flags, method or time");
        bool descriptor = (U16(header, 6) & 0x8) != 0;
        uint crc = U32(central, 16), compressed = U32(central, 20), length = U32(central, 24);
        if (compressed == uint.MaxValue || length == uint.MaxValue)
            throw Damaged(source, $"{shown} uses zip64 sizes inside an archive that is not zip64");
        if (!descriptor && (U32(header, 14) != crc || U32(header, 18) != compressed || U32(header, 22) != length))
            throw Damaged(source, $"{shown}: its local header records another CRC-32 or size than the central directory");
        int nameLength = U16(header, 26), extraLength = U16(header, 28);
        long data = local + LocalSize + nameLength + extraLength;
        if (data > limit || !bytes.AsSpan((int)local + LocalSize, nameLength).SequenceEqual(name))
            throw Damaged(source, $"{shown}: its local header names another entry");
        long after = data + compressed;
        if (after > limit) throw Damaged(source, $"{shown}: its data runs into the central directory");
        if (!descriptor) return after;

        // A data descriptor (optional signature, CRC-32, compressed and uncompressed size) follows the data.
        long at = after + 12 <= limit && At32(bytes, after) == DescriptorSignature ? after + 4 : after;
        if (at + 12 > limit || At32(bytes, at) != crc || At32(bytes, at + 4) != compressed || At32(bytes, at + 8) != length)
            throw Damaged(source, $"{shown}: its data descriptor is missing or records another CRC-32 or size than the central directory");
        return at + 12;
    }

    /// <summary>The end-of-central-directory record: the last one whose comment runs exactly to the end of the file.</summary>
    private static int FindEnd(byte[] bytes, string source)
    {
        for (int at = bytes.Length - EndSize; at >= Math.Max(0, bytes.Length - EndSize - ushort.MaxValue); at--)
            if (At32(bytes, at) == EndSignature && at + EndSize + U16(bytes.AsSpan(at), 20) == bytes.Length)
                return at;
        throw Damaged(source, "it has no end-of-central-directory record that closes the file (truncated or damaged)");
    }

    private static InvalidDataException Damaged(string source, string what) => new($"{source} is damaged: {what}.");

    private static int U16(ReadOnlySpan<byte> bytes, int at) => BinaryPrimitives.ReadUInt16LittleEndian(bytes[at..]);

    private static uint U32(ReadOnlySpan<byte> bytes, int at) => BinaryPrimitives.ReadUInt32LittleEndian(bytes[at..]);

    private static uint At32(byte[] bytes, long at) => BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan((int)at));
}
