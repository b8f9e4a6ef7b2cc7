namespace MLNet.Regularization.ImageAugmentation.Functional;

/// <summary>Converts pixels between interleaved (HWC, <c>rgbrgb...</c>) and planar (CHW, <c>rr..gg..bb..</c>) layouts.</summary>
public static class ImageLayout
{
    /// <summary>Copies interleaved (HWC) pixels into planar (CHW) layout.</summary>
    /// <param name="interleaved">The source, <c>shape.Length</c> values, index <c>(y * Width + x) * Channels + c</c>.</param>
    /// <param name="shape">The image shape.</param>
    /// <param name="planar">The destination, <c>shape.Length</c> values, index <c>(c * Height + y) * Width + x</c>; must not overlap the source.</param>
    /// <exception cref="ArgumentException">A span has the wrong length, or the spans overlap.</exception>
    public static void ToPlanar(ReadOnlySpan<float> interleaved, ImageShape shape, Span<float> planar)
    {
        Check(interleaved, shape, planar, nameof(interleaved), nameof(planar));
        int channels = shape.Channels;
        int plane = shape.PlaneSize;
        for (int c = 0; c < channels; c++)
        {
            Span<float> dst = planar.Slice(c * plane, plane);
            for (int p = 0, s = c; p < plane; p++, s += channels)
            {
                dst[p] = interleaved[s];
            }
        }
    }

    /// <summary>Copies planar (CHW) pixels into interleaved (HWC) layout.</summary>
    /// <param name="planar">The source, <c>shape.Length</c> values, index <c>(c * Height + y) * Width + x</c>.</param>
    /// <param name="shape">The image shape.</param>
    /// <param name="interleaved">The destination, <c>shape.Length</c> values, index <c>(y * Width + x) * Channels + c</c>; must not overlap the source.</param>
    /// <exception cref="ArgumentException">A span has the wrong length, or the spans overlap.</exception>
    public static void ToInterleaved(ReadOnlySpan<float> planar, ImageShape shape, Span<float> interleaved)
    {
        Check(planar, shape, interleaved, nameof(planar), nameof(interleaved));
        int channels = shape.Channels;
        int plane = shape.PlaneSize;
        for (int c = 0; c < channels; c++)
        {
            ReadOnlySpan<float> src = planar.Slice(c * plane, plane);
            for (int p = 0, d = c; p < plane; p++, d += channels)
            {
                interleaved[d] = src[p];
            }
        }
    }

    private static void Check(ReadOnlySpan<float> source, ImageShape shape, Span<float> destination, string sourceName, string destinationName)
    {
        Guard.Shape(shape, nameof(shape));
        Guard.Length(source.Length, shape.Length, shape, sourceName);
        Guard.Length(destination.Length, shape.Length, shape, destinationName);
        Guard.NoOverlap(source, destination, destinationName);
    }
}
