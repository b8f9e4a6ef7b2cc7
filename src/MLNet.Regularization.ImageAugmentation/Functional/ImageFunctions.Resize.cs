using System.Buffers;

namespace MLNet.Regularization.ImageAugmentation.Functional;

public static partial class ImageFunctions
{
    /// <summary>
    /// Resizes the whole image to <paramref name="outputHeight"/> x <paramref name="outputWidth"/>
    /// (torchvision <c>F.resize</c> on tensors with <c>antialias=False</c>, torchvision 0.14's tensor default).
    /// See <see cref="ResizedCrop"/> for the sampling convention.
    /// </summary>
    /// <param name="source">The image, <c>shape.Length</c> values in CHW layout.</param>
    /// <param name="shape">The image shape.</param>
    /// <param name="destination">The result, <c>shape.Channels * outputHeight * outputWidth</c> values; must not overlap <paramref name="source"/>.</param>
    /// <param name="outputHeight">The number of output rows, at least 1.</param>
    /// <param name="outputWidth">The number of output columns, at least 1.</param>
    /// <param name="interpolation">Bilinear (the default, as torchvision) or nearest.</param>
    /// <exception cref="ArgumentOutOfRangeException">An output size is below 1 or <paramref name="interpolation"/> is undefined.</exception>
    /// <exception cref="ArgumentException">A span has the wrong length or the spans overlap.</exception>
    public static void Resize(
        ReadOnlySpan<float> source,
        ImageShape shape,
        Span<float> destination,
        int outputHeight,
        int outputWidth,
        Interpolation interpolation = Interpolation.Bilinear)
    {
        CheckImage(source, shape);
        ResizedCrop(source, shape, destination, 0, 0, shape.Height, shape.Width, outputHeight, outputWidth, interpolation);
    }

    /// <summary>
    /// Crops the box (<paramref name="top"/>, <paramref name="left"/>, <paramref name="height"/>, <paramref name="width"/>)
    /// and resizes it to <paramref name="outputHeight"/> x <paramref name="outputWidth"/> in one pass, without an
    /// intermediate buffer (torchvision <c>F.resized_crop</c>, the operation behind <c>RandomResizedCrop</c>).
    /// </summary>
    /// <param name="source">The image, <c>shape.Length</c> values in CHW layout.</param>
    /// <param name="shape">The image shape.</param>
    /// <param name="destination">The result, <c>shape.Channels * outputHeight * outputWidth</c> values; must not overlap <paramref name="source"/>.</param>
    /// <param name="top">The first row of the box.</param>
    /// <param name="left">The first column of the box.</param>
    /// <param name="height">The number of rows of the box, at least 1; the box must lie inside the image.</param>
    /// <param name="width">The number of columns of the box, at least 1.</param>
    /// <param name="outputHeight">The number of output rows, at least 1.</param>
    /// <param name="outputWidth">The number of output columns, at least 1.</param>
    /// <param name="interpolation">Bilinear (the default) or nearest.</param>
    /// <remarks>
    /// Sampling follows PyTorch's <c>interpolate</c>, per axis, with <c>scale = in / out</c> (in float32):
    /// <see cref="Interpolation.Bilinear"/> uses <c>align_corners=False</c>: output index <c>d</c> samples
    /// <c>s = max(0, scale * (d + 0.5) - 0.5)</c> between <c>floor(s)</c> and <c>min(floor(s) + 1, in - 1)</c>
    /// (pixel centers at half-integers of a [0, in] axis; edges clamp, no antialiasing when shrinking).
    /// <see cref="Interpolation.Nearest"/> samples <c>min(floor(scale * d), in - 1)</c> (PyTorch <c>"nearest"</c>).
    /// Same size is the identity.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">A size is below 1, the box leaves the image, or <paramref name="interpolation"/> is undefined.</exception>
    /// <exception cref="ArgumentException">A span has the wrong length or the spans overlap.</exception>
    public static void ResizedCrop(
        ReadOnlySpan<float> source,
        ImageShape shape,
        Span<float> destination,
        int top,
        int left,
        int height,
        int width,
        int outputHeight,
        int outputWidth,
        Interpolation interpolation = Interpolation.Bilinear)
    {
        CheckImage(source, shape);
        Guard.BoxInside(shape, top, left, height, width);
        Guard.Positive(outputHeight, nameof(outputHeight));
        Guard.Positive(outputWidth, nameof(outputWidth));
        Guard.Enum(interpolation, nameof(interpolation));
        ImageShape outShape = shape.WithSize(outputHeight, outputWidth);
        Guard.Length(destination.Length, outShape.Length, outShape, nameof(destination));
        Guard.NoOverlap(source, destination, nameof(destination));

        int[]? rentedIndex = outputWidth > StackLimit ? ArrayPool<int>.Shared.Rent(2 * outputWidth) : null;
        float[]? rentedWeight = outputWidth > StackLimit ? ArrayPool<float>.Shared.Rent(outputWidth) : null;
        Span<int> x0s = rentedIndex is null ? stackalloc int[outputWidth] : rentedIndex.AsSpan(0, outputWidth);
        Span<int> x1s = rentedIndex is null ? stackalloc int[outputWidth] : rentedIndex.AsSpan(outputWidth, outputWidth);
        Span<float> ax = rentedWeight is null ? stackalloc float[outputWidth] : rentedWeight.AsSpan(0, outputWidth);
        try
        {
            bool bilinear = interpolation == Interpolation.Bilinear;
            float scaleX = (float)width / outputWidth;
            float scaleY = (float)height / outputHeight;
            for (int x = 0; x < outputWidth; x++)
            {
                (x0s[x], x1s[x], ax[x]) = SourceTaps(x, scaleX, width, bilinear);
                x0s[x] += left;
                x1s[x] += left;
            }

            int inWidth = shape.Width;
            int inPlane = shape.PlaneSize;
            int outPlane = outShape.PlaneSize;
            for (int y = 0; y < outputHeight; y++)
            {
                (int y0, int y1, float ay) = SourceTaps(y, scaleY, height, bilinear);
                y0 += top;
                y1 += top;
                float by = 1f - ay;
                for (int c = 0; c < shape.Channels; c++)
                {
                    ReadOnlySpan<float> row0 = source.Slice((c * inPlane) + (y0 * inWidth), inWidth);
                    ReadOnlySpan<float> row1 = source.Slice((c * inPlane) + (y1 * inWidth), inWidth);
                    Span<float> dst = destination.Slice((c * outPlane) + (y * outputWidth), outputWidth);
                    if (!bilinear)
                    {
                        for (int x = 0; x < outputWidth; x++)
                        {
                            dst[x] = row0[x0s[x]];
                        }

                        continue;
                    }

                    for (int x = 0; x < outputWidth; x++)
                    {
                        float a = ax[x];
                        float b = 1f - a;
                        int i0 = x0s[x];
                        int i1 = x1s[x];
                        dst[x] = (by * ((b * row0[i0]) + (a * row0[i1]))) + (ay * ((b * row1[i0]) + (a * row1[i1])));
                    }
                }
            }
        }
        finally
        {
            if (rentedIndex is not null)
            {
                ArrayPool<int>.Shared.Return(rentedIndex);
            }

            if (rentedWeight is not null)
            {
                ArrayPool<float>.Shared.Return(rentedWeight);
            }
        }
    }

    /// <summary>The two source taps (relative to the box) and the weight of the second one, for output index <paramref name="d"/>.</summary>
    private static (int I0, int I1, float Weight1) SourceTaps(int d, float scale, int size, bool bilinear)
    {
        if (!bilinear)
        {
            int i = Math.Min((int)MathF.Floor(d * scale), size - 1);
            return (i, i, 0f);
        }

        float s = (scale * (d + 0.5f)) - 0.5f;
        if (s < 0f)
        {
            s = 0f;
        }

        int i0 = Math.Min((int)s, size - 1);
        int i1 = i0 < size - 1 ? i0 + 1 : i0;
        return (i0, i1, s - i0);
    }
}
