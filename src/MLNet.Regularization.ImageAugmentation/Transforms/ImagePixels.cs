using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Microsoft.ML.Data;
using MLNet.Regularization.ImageAugmentation.Functional;

namespace MLNet.Regularization.ImageAugmentation.Transforms;

/// <summary>
/// Converts between <see cref="MLImage"/> (8-bit BGRA or RGBA) and planar RGB floats in [0, 1], eight pixels at a time;
/// alpha is dropped and written back opaque. Vector and scalar steps give the same values.
/// </summary>
internal static class ImagePixels
{
    public static ImageShape ShapeOf(MLImage image) => new(3, image.Height, image.Width);

    public static void ToPlanar(MLImage image, Span<float> planar)
    {
        bool bgra = image.PixelFormat == MLPixelFormat.Bgra32;
        if (!bgra && image.PixelFormat != MLPixelFormat.Rgba32)
            throw new InvalidOperationException($"Images in pixel format {image.PixelFormat} are not supported; expected Bgra32 or Rgba32.");
        // A pixel read as a little-endian uint: blue (or red) in the low byte, alpha in the high byte.
        ReadOnlySpan<uint> pixels = MemoryMarshal.Cast<byte, uint>(image.Pixels);
        int plane = image.Width * image.Height;
        int redShift = bgra ? 16 : 0, blueShift = bgra ? 0 : 16;
        Span<float> red = planar[..plane], green = planar.Slice(plane, plane), blue = planar.Slice(2 * plane, plane);
        int i = 0;
        for (; i <= plane - Vector256<uint>.Count; i += Vector256<uint>.Count)
        {
            Vector256<uint> pixel = Vector256.Create(pixels.Slice(i, Vector256<uint>.Count));
            Channel(pixel, redShift).CopyTo(red[i..]);
            Channel(pixel, 8).CopyTo(green[i..]);
            Channel(pixel, blueShift).CopyTo(blue[i..]);
        }

        for (; i < plane; i++)
        {
            red[i] = ((pixels[i] >> redShift) & 0xFF) / 255f;
            green[i] = ((pixels[i] >> 8) & 0xFF) / 255f;
            blue[i] = ((pixels[i] >> blueShift) & 0xFF) / 255f;
        }
    }

    /// <summary>A new image of the planar pixels; <paramref name="bytes"/> is the caller's buffer for the BGRA bytes, grown
    /// as needed and reused from row to row (the image copies them), so that rows do not allocate on the large object heap.</summary>
    public static MLImage FromPlanar(ReadOnlySpan<float> planar, int width, int height, ref byte[] bytes)
    {
        int plane = width * height;
        if (bytes.Length != 4 * plane) bytes = new byte[4 * plane];
        Span<uint> pixels = MemoryMarshal.Cast<byte, uint>(bytes.AsSpan());
        ReadOnlySpan<float> red = planar[..plane], green = planar.Slice(plane, plane), blue = planar.Slice(2 * plane, plane);
        int i = 0;
        for (; i <= plane - Vector256<float>.Count; i += Vector256<float>.Count)
        {
            Vector256<uint> pixel = (ToByte(Vector256.Create(red[i..])) << 16) | (ToByte(Vector256.Create(green[i..])) << 8)
                | ToByte(Vector256.Create(blue[i..])) | Vector256.Create(0xFF000000u);
            pixel.CopyTo(pixels[i..]);
        }

        for (; i < plane; i++)
        {
            pixels[i] = (ToByte(red[i]) << 16) | (ToByte(green[i]) << 8) | ToByte(blue[i]) | 0xFF000000u;
        }

        return MLImage.CreateFromPixels(width, height, MLPixelFormat.Bgra32, bytes);
    }

    /// <summary>
    /// Rounds planar values in place to what an image of them holds, as <see cref="FromPlanar"/> and then <see cref="ToPlanar"/>
    /// would give: each value to the nearest of the 8-bit levels 0, 1/255, ..., 1 (clamped; NaN to 0), bit for bit, with the
    /// same vector and scalar steps at the same positions of each plane.
    /// </summary>
    public static void RoundToEightBit(Span<float> planar, ImageShape shape)
    {
        int plane = shape.PlaneSize;
        for (int c = 0; c < shape.Channels; c++)
        {
            Span<float> values = planar.Slice(c * plane, plane);
            int i = 0;
            for (; i <= plane - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                Vector256<uint> level = ToByte(Vector256.Create(values[i..])) & Vector256.Create(0xFFu);
                (Vector256.ConvertToSingle(level.AsInt32()) / Vector256.Create(255f)).CopyTo(values[i..]);
            }

            for (; i < plane; i++)
            {
                values[i] = (ToByte(values[i]) & 0xFF) / 255f;
            }
        }
    }

    /// <summary>Whether <paramref name="value"/> is one of the 8-bit levels exactly, as an image's pixels read back give it
    /// (<see cref="RoundToEightBit"/> leaves it unchanged, bit for bit).</summary>
    public static bool IsEightBit(float value) =>
        BitConverter.SingleToInt32Bits((ToByte(value) & 0xFF) / 255f) == BitConverter.SingleToInt32Bits(value);

    private static Vector256<float> Channel(Vector256<uint> pixel, int shift) =>
        Vector256.ConvertToSingle(((pixel >>> shift) & Vector256.Create(0xFFu)).AsInt32()) / Vector256.Create(255f);

    private static uint ToByte(float value) => (uint)Math.Clamp(MathF.Round(value * 255f), 0f, 255f);

    private static Vector256<uint> ToByte(Vector256<float> value) =>
        Vector256.ConvertToInt32(Vector256.Min(Vector256.Max(Vector256.Round(value * Vector256.Create(255f)), Vector256<float>.Zero), Vector256.Create(255f))).AsUInt32();
}
