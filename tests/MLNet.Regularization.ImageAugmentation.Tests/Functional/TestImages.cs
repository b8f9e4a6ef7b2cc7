using MLNet.Regularization.ImageAugmentation.Functional;

namespace MLNet.Regularization.ImageAugmentation.Tests.Functional;

/// <summary>Deterministic test images.</summary>
internal static class TestImages
{
    /// <summary>Every value distinct: 100 * c + 10 * y + x (for images under 10 wide and tall).</summary>
    public static float[] Ramp(ImageShape shape)
    {
        var image = new float[shape.Length];
        for (int c = 0; c < shape.Channels; c++)
        {
            for (int y = 0; y < shape.Height; y++)
            {
                for (int x = 0; x < shape.Width; x++)
                {
                    image[shape.IndexOf(c, y, x)] = (100 * c) + (10 * y) + x;
                }
            }
        }

        return image;
    }

    /// <summary>Seeded uniform values in [0, 1).</summary>
    public static float[] Uniform(ImageShape shape, int seed)
    {
        var random = new Random(seed);
        var image = new float[shape.Length];
        for (int i = 0; i < image.Length; i++)
        {
            image[i] = (float)random.NextDouble();
        }

        return image;
    }
}
