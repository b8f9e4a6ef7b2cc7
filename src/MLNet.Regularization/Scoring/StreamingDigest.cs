using System.Security.Cryptography;

namespace MLNet.Regularization.Scoring;

/// <summary>
/// Checks a network's digest (see <see cref="NetworkDigest"/>) while its bytes stream past: it hashes all but the last
/// <see cref="NetworkDigest.EntryLength"/> bytes seen so far and holds those back, so that a stored network can be
/// verified before any of it is kept in memory.
/// </summary>
internal sealed class StreamingDigest : IDisposable
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly byte[] _held = new byte[NetworkDigest.EntryLength];
    private int _count;

    public void Append(ReadOnlySpan<byte> data)
    {
        int release = _count + data.Length - _held.Length;
        if (release <= 0)
        {
            data.CopyTo(_held.AsSpan(_count));
            _count += data.Length;
            return;
        }
        // Hash the oldest bytes (held ones first), keep the newest EntryLength bytes.
        int fromHeld = Math.Min(release, _count), fromData = release - fromHeld;
        _hash.AppendData(_held.AsSpan(0, fromHeld));
        _hash.AppendData(data[..fromData]);
        int kept = _count - fromHeld;
        _held.AsSpan(fromHeld, kept).CopyTo(_held);
        data[fromData..].CopyTo(_held.AsSpan(kept));
        _count = _held.Length;
    }

    /// <summary>See <see cref="NetworkDigest.Verify(ReadOnlySpan{byte}, string)"/>, over the bytes appended.</summary>
    public bool Verify(string source) => NetworkDigest.Verify(_held.AsSpan(0, _count), _hash.GetHashAndReset(), source);

    public void Dispose() => _hash.Dispose();
}
