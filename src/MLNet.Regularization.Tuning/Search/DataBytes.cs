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

    public static IDataView Read(MLContext mlContext, byte[] bytes) => mlContext.Data.LoadFromBinary(new ByteSource(bytes));

    private sealed class ByteSource(byte[] bytes) : IMultiStreamSource
    {
        public int Count => 1;

        public string? GetPathOrNull(int index) => null;

        public Stream Open(int index) => new MemoryStream(bytes, writable: false);

        public TextReader OpenTextReader(int index) => new StreamReader(Open(index));
    }
}
