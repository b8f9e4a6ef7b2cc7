using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

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
    /// intermediate image (torchvision <c>F.resized_crop</c>, the operation behind <c>RandomResizedCrop</c>).
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
    /// Same size is the identity. Bilinear blends the two source rows first, then the two columns (in float32).
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

        // Per output column: the source column (in the box) and the weight of the one after it. Bilinear rows blend the
        // two source rows into `row` first (vertically), then interpolate along it; `row` ends with one padding value so
        // that the right neighbour of the last column can be read (with weight 0).
        int rowLength = width + 1;
        int[]? rentedIndex = outputWidth > StackLimit ? ArrayPool<int>.Shared.Rent(outputWidth) : null;
        float[]? rentedWeight = outputWidth > StackLimit ? ArrayPool<float>.Shared.Rent(outputWidth) : null;
        float[]? rentedRow = width > StackLimit ? ArrayPool<float>.Shared.Rent(rowLength) : null;
        Span<int> x0s = rentedIndex is null ? stackalloc int[outputWidth] : rentedIndex.AsSpan(0, outputWidth);
        Span<float> ax = rentedWeight is null ? stackalloc float[outputWidth] : rentedWeight.AsSpan(0, outputWidth);
        Span<float> row = rentedRow is null ? stackalloc float[rowLength] : rentedRow.AsSpan(0, rowLength);
        try
        {
            bool bilinear = interpolation == Interpolation.Bilinear;
            float scaleX = (float)width / outputWidth;
            float scaleY = (float)height / outputHeight;
            for (int x = 0; x < outputWidth; x++)
            {
                (x0s[x], int x1, ax[x]) = SourceTaps(x, scaleX, width, bilinear);
                if (x1 == x0s[x])
                {
                    ax[x] = 0f;
                }
            }

            row[width] = 0f;
            int inWidth = shape.Width;
            int inPlane = shape.PlaneSize;
            int outPlane = outShape.PlaneSize;
            for (int c = 0; c < shape.Channels; c++)
            {
                for (int y = 0; y < outputHeight; y++)
                {
                    (int y0, int y1, float ay) = SourceTaps(y, scaleY, height, bilinear);
                    ReadOnlySpan<float> row0 = source.Slice((c * inPlane) + ((top + y0) * inWidth) + left, width);
                    Span<float> dst = destination.Slice((c * outPlane) + (y * outputWidth), outputWidth);
                    if (bilinear)
                    {
                        BlendRows(row0, source.Slice((c * inPlane) + ((top + y1) * inWidth) + left, width), ay, row);
                        InterpolateRow(row, x0s, ax, dst);
                    }
                    else
                    {
                        for (int x = 0; x < outputWidth; x++)
                        {
                            dst[x] = row0[x0s[x]];
                        }
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

            if (rentedRow is not null)
            {
                ArrayPool<float>.Shared.Return(rentedRow);
            }
        }
    }

    /// <summary>blend[i] = (1 - weight1) * row0[i] + weight1 * row1[i] for the length of the rows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void BlendRows(ReadOnlySpan<float> row0, ReadOnlySpan<float> row1, float weight1, Span<float> blend)
    {
        float weight0 = 1f - weight1;
        int length = row0.Length;
        ref float r0 = ref MemoryMarshal.GetReference(row0);
        ref float r1 = ref MemoryMarshal.GetReference(row1);
        ref float b = ref MemoryMarshal.GetReference(blend);
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var w0 = Vector256.Create(weight0);
            var w1 = Vector256.Create(weight1);
            for (; i <= length - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                ((w0 * Vector256.LoadUnsafe(ref r0, (nuint)i)) + (w1 * Vector256.LoadUnsafe(ref r1, (nuint)i))).StoreUnsafe(ref b, (nuint)i);
            }
        }

        for (; i < length; i++)
        {
            Unsafe.Add(ref b, i) = (weight0 * Unsafe.Add(ref r0, i)) + (weight1 * Unsafe.Add(ref r1, i));
        }
    }

    /// <summary>
    /// destination[x] = (1 - weight1[x]) * row[x0s[x]] + weight1[x] * row[x0s[x] + 1]; every <c>x0s[x] + 1</c> must lie in <paramref name="row"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void InterpolateRow(ReadOnlySpan<float> row, ReadOnlySpan<int> x0s, ReadOnlySpan<float> weight1, Span<float> destination)
    {
        ref float r = ref MemoryMarshal.GetReference(row);
        ref int i0 = ref MemoryMarshal.GetReference(x0s);
        ref float w1 = ref MemoryMarshal.GetReference(weight1);
        ref float dst = ref MemoryMarshal.GetReference(destination);
        int length = destination.Length;
        int x = 0;
        if (Avx2.IsSupported)
        {
            // As in GridSampler: the weighted pairs of lanes 0, 1, 4, 5 and of lanes 2, 3, 6, 7, added horizontally.
            for (; x <= length - Vector256<float>.Count; x += Vector256<float>.Count)
            {
                Vector256<float> a = Vector256.LoadUnsafe(ref w1, (nuint)x);
                Vector256<float> b = Vector256<float>.One - a;
                ref int index = ref Unsafe.Add(ref i0, x);
                Vector256<float> low = GridSampler.Pairs(ref r, ref index, 0, 1, 4, 5) * Avx.UnpackLow(b, a);
                Vector256<float> high = GridSampler.Pairs(ref r, ref index, 2, 3, 6, 7) * Avx.UnpackHigh(b, a);
                Avx.HorizontalAdd(low, high).StoreUnsafe(ref dst, (nuint)x);
            }
        }

        for (; x < length; x++)
        {
            float a = Unsafe.Add(ref w1, x);
            ref float pair = ref Unsafe.Add(ref r, Unsafe.Add(ref i0, x));
            Unsafe.Add(ref dst, x) = ((1f - a) * pair) + (a * Unsafe.Add(ref pair, 1));
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
