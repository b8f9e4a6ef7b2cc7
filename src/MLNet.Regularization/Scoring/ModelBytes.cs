namespace MLNet.Regularization.Scoring;

/// <summary>Reads a model file or stream into memory, refusing one larger than a byte array (and a protobuf message) can hold.</summary>
internal static class ModelBytes
{
    public static byte[] ReadAll(Stream stream, string source)
    {
        long remaining = stream.CanSeek ? Math.Max(0, stream.Length - stream.Position) : 0;
        if (remaining > Array.MaxLength) throw TooLarge(source);
        using var buffer = new MemoryStream((int)remaining);
        var chunk = new byte[1 << 16];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > Array.MaxLength) throw TooLarge(source);
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static InvalidDataException TooLarge(string source) =>
        new($"{source} is larger than {Array.MaxLength} bytes, more than a model file of this pack can be.");
}
