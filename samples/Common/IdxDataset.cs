using System.IO.Compression;

namespace MLNet.Regularization.Samples;

/// <summary>One image of an IDX image set (MNIST / Fashion-MNIST format): pixels scaled to [0, 1] and the class number.</summary>
public sealed class ImageRow
{
    /// <summary>Row-major pixels in [0, 1].</summary>
    [Microsoft.ML.Data.VectorType(784)] public float[] Features { get; set; } = [];

    /// <summary>The class number.</summary>
    public uint Label { get; set; }
}

/// <summary>Reads the four gzip-compressed IDX files of an MNIST-style data set.</summary>
public static class IdxDataset
{
    /// <summary>Reads "{prefix}-images-idx3-ubyte.gz" and "{prefix}-labels-idx1-ubyte.gz" from <paramref name="folder"/> ("train" or "t10k").</summary>
    public static ImageRow[] Load(string folder, string prefix)
    {
        var images = ReadIdx(Path.Combine(folder, $"{prefix}-images-idx3-ubyte.gz"), 2051, out int count, out int size);
        var labels = ReadIdx(Path.Combine(folder, $"{prefix}-labels-idx1-ubyte.gz"), 2049, out int labelCount, out _);
        if (labelCount != count) throw new InvalidDataException($"{folder}: {count} images but {labelCount} labels.");
        var rows = new ImageRow[count];
        for (int i = 0; i < count; i++)
        {
            var pixels = new float[size];
            for (int j = 0; j < size; j++) pixels[j] = images[i * size + j] / 255f;
            rows[i] = new ImageRow { Features = pixels, Label = labels[i] };
        }
        return rows;
    }

    private static byte[] ReadIdx(string path, int expectedMagic, out int count, out int itemSize)
    {
        using var stream = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var reader = new BinaryReader(stream);
        int magic = ReadBigEndian(reader);
        if (magic != expectedMagic) throw new InvalidDataException($"{path}: magic {magic}, expected {expectedMagic}.");
        count = ReadBigEndian(reader);
        itemSize = 1;
        for (int d = 0; d < (magic & 0xFF) - 1; d++) itemSize *= ReadBigEndian(reader);
        var data = reader.ReadBytes(count * itemSize);
        if (data.Length != count * itemSize) throw new InvalidDataException($"{path} is truncated.");
        return data;
    }

    private static int ReadBigEndian(BinaryReader reader) => System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(reader.ReadBytes(4));
}
