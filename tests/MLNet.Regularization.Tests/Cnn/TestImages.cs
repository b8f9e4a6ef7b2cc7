using Microsoft.ML.Data;

namespace MLNet.Regularization.Tests.Cnn;

/// <summary>
/// Generated gray images of 12x12 pixels: faint noise with one small bright pattern at a random position. The pattern is the
/// class: a plus, an X or a square ring, each of the same brightness, so that only the pattern's shape, wherever it is, tells
/// the class; a convolution finds it anywhere, a dense layer must learn it at every position.
/// </summary>
public static class TestImages
{
    public const int Size = 12;

    public sealed class ImageRow
    {
        [VectorType(1, Size, Size)] public float[] Features { get; set; } = [];
        public string Label { get; set; } = "";
    }

    public sealed class BinaryImageRow
    {
        [VectorType(1, Size, Size)] public float[] Features { get; set; } = [];
        public bool Label { get; set; }
    }

    /// <summary>Pixels of the same images without the shape in the column type (a flat vector of 144).</summary>
    public sealed class FlatImageRow
    {
        [VectorType(Size * Size)] public float[] Features { get; set; } = [];
        public string Label { get; set; } = "";
    }

    private static readonly (int Y, int X)[][] Patterns =
    [
        [(0, 1), (1, 0), (1, 1), (1, 2), (2, 1)],                       // plus
        [(0, 0), (0, 2), (1, 1), (2, 0), (2, 2)],                       // X
        [(0, 0), (0, 1), (0, 2), (1, 0), (1, 2), (2, 0), (2, 1), (2, 2)], // ring
    ];

    private static readonly string[] Names = ["plus", "x", "ring"];

    public static ImageRow[] Rows(int count, int seed, int classes = 3) =>
        Generate(count, seed, classes).Select(r => new ImageRow { Features = r.Pixels, Label = Names[r.Class] }).ToArray();

    public static BinaryImageRow[] BinaryRows(int count, int seed) =>
        Generate(count, seed, 2).Select(r => new BinaryImageRow { Features = r.Pixels, Label = r.Class == 1 }).ToArray();

    public static FlatImageRow[] FlatRows(int count, int seed) =>
        Generate(count, seed, 3).Select(r => new FlatImageRow { Features = r.Pixels, Label = Names[r.Class] }).ToArray();

    private static IEnumerable<(float[] Pixels, int Class)> Generate(int count, int seed, int classes)
    {
        var random = new Random(seed);
        for (int i = 0; i < count; i++)
        {
            int label = i % classes;
            var pixels = new float[Size * Size];
            for (int p = 0; p < pixels.Length; p++) pixels[p] = (float)(random.NextDouble() * 0.3);
            int top = random.Next(Size - 2), left = random.Next(Size - 2);
            // Each pattern gets the same total brightness, so the sum of the pixels does not tell the class.
            float value = 5f / Patterns[label].Length;
            foreach (var (y, x) in Patterns[label]) pixels[(top + y) * Size + left + x] = value;
            yield return (pixels, label);
        }
    }
}
