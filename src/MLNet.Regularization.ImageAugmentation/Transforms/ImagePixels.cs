using Microsoft.ML.Data;
using MLNet.Regularization.ImageAugmentation.Functional;

namespace MLNet.Regularization.ImageAugmentation.Transforms;

/// <summary>Converts between <see cref="MLImage"/> (8-bit BGRA or RGBA) and planar RGB floats in [0, 1]; alpha is dropped and written back opaque.</summary>
internal static class ImagePixels
{
    public static ImageShape ShapeOf(MLImage image) => new(3, image.Height, image.Width);

    public static void ToPlanar(MLImage image, Span<float> planar)
    {
        var pixels = image.Pixels;
        bool bgra = image.PixelFormat == MLPixelFormat.Bgra32;
        if (!bgra && image.PixelFormat != MLPixelFormat.Rgba32)
            throw new InvalidOperationException($"Images in pixel format {image.PixelFormat} are not supported; expected Bgra32 or Rgba32.");
        int plane = image.Width * image.Height;
        for (int i = 0; i < plane; i++)
        {
            byte first = pixels[4 * i], second = pixels[4 * i + 1], third = pixels[4 * i + 2];
            planar[i] = (bgra ? third : first) / 255f;          // red
            planar[plane + i] = second / 255f;                   // green
            planar[2 * plane + i] = (bgra ? first : third) / 255f; // blue
        }
    }

    public static MLImage FromPlanar(ReadOnlySpan<float> planar, int width, int height)
    {
        int plane = width * height;
        var bytes = new byte[4 * plane];
        for (int i = 0; i < plane; i++)
        {
            bytes[4 * i] = ToByte(planar[2 * plane + i]);
            bytes[4 * i + 1] = ToByte(planar[plane + i]);
            bytes[4 * i + 2] = ToByte(planar[i]);
            bytes[4 * i + 3] = 255;
        }
        return MLImage.CreateFromPixels(width, height, MLPixelFormat.Bgra32, bytes);
    }

    private static byte ToByte(float value) => (byte)Math.Clamp(MathF.Round(value * 255f), 0f, 255f);
}
