using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNet.Regularization.Tuning;

/// <summary>The training data of a search as bytes (ML.NET's binary data format), stored with the search so that a worker on
/// another machine reads the same rows without a shared folder.</summary>
internal static class DataBytes
{
    public static byte[] Write(MLContext mlContext, IDataView data)
    {
        using var stream = new MemoryStream();
        mlContext.Data.SaveAsBinary(data, stream, keepHidden: false);
        return stream.ToArray();
    }

    /// <summary>A hash of the rows' values (through ML.NET's text format, which is written in row order; the binary format's
    /// bytes can differ between two saves of the same rows), by which a resumed search recognizes its data.</summary>
    public static string Hash(MLContext mlContext, IDataView data)
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        using (var stream = new HashingStream(hash))
            mlContext.Data.SaveAsText(data, stream, separatorChar: '\t', headerRow: true, schema: true, keepHidden: false);
        return Convert.ToHexString(hash.GetHashAndReset());
    }

    public static IDataView Read(MLContext mlContext, byte[] bytes) => mlContext.Data.LoadFromBinary(new ByteSource(bytes));

    /// <summary>A write-only stream that feeds what is written to a hash.</summary>
    private sealed class HashingStream(System.Security.Cryptography.IncrementalHash hash) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => hash.AppendData(buffer, offset, count);
    }

    private sealed class ByteSource(byte[] bytes) : IMultiStreamSource
    {
        public int Count => 1;

        public string? GetPathOrNull(int index) => null;

        public Stream Open(int index) => new MemoryStream(bytes, writable: false);

        public TextReader OpenTextReader(int index) => new StreamReader(Open(index));
    }
}
