using System.Security.Cryptography;
using Google.Protobuf;
using Onnx;

namespace MLNet.Regularization.Scoring;

/// <summary>
/// The SHA-256 digest that makes a saved network tamper-evident (format version 2 and later). The digest covers every byte
/// of the serialized ONNX model (graph, weights, metadata, producer) before it, and is written after them as the last
/// metadata entry, <c>mlnet_regularization.digest = "sha256:&lt;64 lowercase hex digits&gt;"</c>. Because that entry is the
/// last field of the protobuf message, the digest is checked on the stored bytes themselves, before anything is parsed.
/// </summary>
internal static class NetworkDigest
{
    /// <summary>The metadata key of the digest.</summary>
    public const string Key = "mlnet_regularization.digest";

    private const string Scheme = "sha256:";
    private const int HexLength = 2 * SHA256.HashSizeInBytes;

    /// <summary>The serialized digest entry up to (not including) its hexadecimal digits: tag, lengths, key and scheme.</summary>
    private static readonly byte[] EntryPrefix = Entry(new string('0', HexLength))[..^HexLength];

    /// <summary>The length of the serialized digest entry at the end of a signed model.</summary>
    public static readonly int EntryLength = EntryPrefix.Length + HexLength;

    /// <summary>Appends the digest entry of <paramref name="body"/>, a serialized ONNX model without one.</summary>
    public static byte[] Append(byte[] body) => [.. body, .. Entry(Hex(SHA256.HashData(body)))];

    /// <summary>
    /// Checks the digest entry at the end of <paramref name="model"/>. Returns true when it is there and matches, false
    /// when the bytes do not end with a digest entry, and throws <see cref="InvalidDataException"/> when it is there but
    /// does not match the bytes before it.
    /// </summary>
    public static bool Verify(ReadOnlySpan<byte> model, string source) =>
        model.Length >= EntryLength && model[^EntryLength..].StartsWith(EntryPrefix)
        && Verify(model[^EntryLength..], SHA256.HashData(model[..^EntryLength]), source);

    /// <summary>
    /// Checks a model's last <see cref="EntryLength"/> bytes (<paramref name="tail"/>, fewer for a shorter model) against
    /// the SHA-256 of the bytes before them: see <see cref="Verify(ReadOnlySpan{byte}, string)"/>.
    /// </summary>
    public static bool Verify(ReadOnlySpan<byte> tail, ReadOnlySpan<byte> hashOfRest, string source)
    {
        if (tail.Length < EntryLength || !tail.StartsWith(EntryPrefix)) return false;
        var actual = System.Text.Encoding.ASCII.GetBytes(Hex(hashOfRest));
        if (!tail[^HexLength..].SequenceEqual(actual))
            throw new InvalidDataException(
                $"{source}: the network's SHA-256 digest ('{Key}') does not match its content: the network is damaged or was changed after it was saved.");
        return true;
    }

    private static string Hex(ReadOnlySpan<byte> hash) => Convert.ToHexStringLower(hash);

    /// <summary>The digest entry serialized as a ModelProto fragment: field 14 (metadata_props) holding key and value.</summary>
    private static byte[] Entry(string hex) =>
        new ModelProto { MetadataProps = { new StringStringEntryProto { Key = Key, Value = Scheme + hex } } }.ToByteArray();
}
