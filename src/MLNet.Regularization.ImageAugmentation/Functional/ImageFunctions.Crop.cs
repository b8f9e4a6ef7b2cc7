using System.Buffers;

namespace MLNet.Regularization.ImageAugmentation.Functional;

public static partial class ImageFunctions
{
    /// <summary>
    /// Copies the box of <paramref name="height"/> x <paramref name="width"/> pixels whose top-left pixel is
    /// (<paramref name="top"/>, <paramref name="left"/>): <c>dst[c, y, x] = src[c, top + y, left + x]</c>
    /// (torchvision <c>F.crop</c>). With a <paramref name="padding"/> mode the box may extend outside the image
    /// (negative <paramref name="top"/>/<paramref name="left"/> included), which is how <c>RandomCrop(size, padding=p)</c>
    /// is expressed: crop at <c>(i - p, j - p)</c> where torchvision pads by <c>p</c> and crops at <c>(i, j)</c>.
    /// </summary>
    /// <param name="source">The image, <c>shape.Length</c> values in CHW layout.</param>
    /// <param name="shape">The image shape.</param>
    /// <param name="destination">The result, <c>shape.Channels * height * width</c> values; must not overlap <paramref name="source"/>.</param>
    /// <param name="top">The source row of the first output row.</param>
    /// <param name="left">The source column of the first output column.</param>
    /// <param name="height">The number of output rows, at least 1.</param>
    /// <param name="width">The number of output columns, at least 1.</param>
    /// <param name="padding">How to fill pixels outside the image; <see cref="PaddingMode.None"/> requires the box inside the image.</param>
    /// <param name="fill">The value for <see cref="PaddingMode.Constant"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">The size is below 1, the box leaves the image without padding, <paramref name="fill"/> is not finite, or <paramref name="padding"/> is undefined.</exception>
    /// <exception cref="ArgumentException">A span has the wrong length or the spans overlap.</exception>
    public static void Crop(
        ReadOnlySpan<float> source,
        ImageShape shape,
        Span<float> destination,
        int top,
        int left,
        int height,
        int width,
        PaddingMode padding = PaddingMode.None,
        float fill = 0f)
    {
        CheckImage(source, shape);
        Guard.Enum(padding, nameof(padding));
        Guard.Finite(fill, nameof(fill));
        if (padding == PaddingMode.None)
        {
            Guard.BoxInside(shape, top, left, height, width);
        }
        else
        {
            Guard.Positive(height, nameof(height));
            Guard.Positive(width, nameof(width));
            if ((long)top + height > int.MaxValue || (long)left + width > int.MaxValue)
            {
                throw new ArgumentOutOfRangeException(nameof(top), "top + height and left + width must fit in an int.");
            }
        }

        ImageShape outShape = shape.WithSize(height, width);
        Guard.Length(destination.Length, outShape.Length, outShape, nameof(destination));
        Guard.NoOverlap(source, destination, nameof(destination));

        int[]? rented = width > StackLimit ? ArrayPool<int>.Shared.Rent(width) : null;
        Span<int> columns = rented is null ? stackalloc int[width] : rented.AsSpan(0, width);
        try
        {
            for (int x = 0; x < width; x++)
            {
                columns[x] = SourceIndex(left + x, shape.Width, padding);
            }

            int inPlane = shape.PlaneSize;
            int outPlane = outShape.PlaneSize;
            for (int y = 0; y < height; y++)
            {
                int sy = SourceIndex(top + y, shape.Height, padding);
                for (int c = 0; c < shape.Channels; c++)
                {
                    Span<float> dst = destination.Slice((c * outPlane) + (y * width), width);
                    if (sy < 0)
                    {
                        dst.Fill(fill);
                        continue;
                    }

                    ReadOnlySpan<float> src = source.Slice((c * inPlane) + (sy * shape.Width), shape.Width);
                    if (padding == PaddingMode.None)
                    {
                        src.Slice(left, width).CopyTo(dst);
                        continue;
                    }

                    // Columns inside the image map to one contiguous run of the source row: copy it as a block, and look
                    // up only the padded columns on either side.
                    int inStart = Math.Clamp(-left, 0, width);
                    int inEnd = Math.Clamp(shape.Width - left, inStart, width);
                    if (inEnd > inStart)
                    {
                        src.Slice(left + inStart, inEnd - inStart).CopyTo(dst.Slice(inStart, inEnd - inStart));
                    }

                    for (int x = 0; x < inStart; x++)
                    {
                        int sx = columns[x];
                        dst[x] = sx < 0 ? fill : src[sx];
                    }

                    for (int x = inEnd; x < width; x++)
                    {
                        int sx = columns[x];
                        dst[x] = sx < 0 ? fill : src[sx];
                    }
                }
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<int>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Maps a coordinate to a source index, or -1 for the constant fill.</summary>
    private static int SourceIndex(int i, int size, PaddingMode padding)
    {
        if ((uint)i < (uint)size)
        {
            return i;
        }

        if (padding != PaddingMode.Reflect)
        {
            return -1;
        }

        if (size == 1)
        {
            return 0;
        }

        long period = 2L * (size - 1);
        long m = i % period;
        if (m < 0)
        {
            m += period;
        }

        return (int)(m < size ? m : period - m);
    }
}
