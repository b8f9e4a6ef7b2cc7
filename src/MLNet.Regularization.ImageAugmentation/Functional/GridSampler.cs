using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MLNet.Regularization.ImageAugmentation.Functional;

/// <summary>
/// Samples the output rows of <see cref="ImageFunctions.Affine"/> and <see cref="ImageFunctions.Rotate"/> (and, from
/// coordinates given per pixel, of <see cref="ImageFunctions.Perspective"/> and <see cref="ImageFunctions.ElasticTransform"/>):
/// output pixel <c>x</c> of a row takes the source at <c>(sx, sy) = (rowX + m0 (x - cx), rowY + m3 (x - cx))</c>, as torch's
/// <c>grid_sample</c> (<c>align_corners=False</c>, zeros padding) followed by torchvision's fill blending.
/// </summary>
/// <remarks>
/// With AVX2, eight pixels run at a time; the last <c>width % 8</c> pixels of a row (and every pixel without AVX2) run
/// one at a time. Both paths perform the same <see cref="float"/> arithmetic in the same order, so they give the same
/// values. The vector path does not branch per pixel: taps outside the image get weight 0 and an index clamped into
/// the image. The kernels are compiled optimized from their first call (unoptimized vector code is many times slower).
/// </remarks>
internal static class GridSampler
{
    private const int Lanes = 8;

    private const int FloatsPerCacheLine = 16;

    /// <summary>Writes output row <paramref name="y"/> of every channel; (<paramref name="rowX"/>, <paramref name="rowY"/>) is the sample point of the row's middle, x = cx = (W - 1) / 2.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void SampleRow(
        ReadOnlySpan<float> source,
        ImageShape shape,
        Span<float> destination,
        int y,
        float rowX,
        float rowY,
        float m0,
        float m3,
        Interpolation interpolation,
        float fill,
        bool blendFill = true)
    {
        int width = shape.Width;
        float cx = (width - 1) * 0.5f;
        int rowStart = y * width;
        int x = 0;
        if (Avx2.IsSupported)
        {
            ref float src = ref MemoryMarshal.GetReference(source);
            ref float dst = ref MemoryMarshal.GetReference(destination);
            Vector256<float> offsets = Vector256.Create(0f, 1f, 2f, 3f, 4f, 5f, 6f, 7f) - Vector256.Create(cx);
            for (; x <= width - Lanes; x += Lanes)
            {
                // dx = x - cx exactly (whole and half numbers), then the sample points as in the scalar path.
                Vector256<float> dx = Vector256.Create((float)x) + offsets;
                Vector256<float> sx = Vector256.Create(rowX) + (Vector256.Create(m0) * dx);
                Vector256<float> sy = Vector256.Create(rowY) + (Vector256.Create(m3) * dx);
                ref float dstBlock = ref Unsafe.Add(ref dst, rowStart + x);
                if (interpolation == Interpolation.Nearest)
                {
                    Nearest8(ref src, shape, ref dstBlock, sx, sy, fill);
                }
                else
                {
                    Bilinear8(ref src, shape, ref dstBlock, sx, sy, fill, blendFill);
                }
            }
        }

        for (; x < width; x++)
        {
            float dx = x - cx;
            SamplePoint(source, shape, destination, rowStart + x, rowX + (m0 * dx), rowY + (m3 * dx), interpolation, fill, blendFill);
        }
    }

    /// <summary>
    /// Writes output row <paramref name="y"/> of every channel, output pixel <c>x</c> taking the source at
    /// <c>(xs[x], ys[x])</c> (pixel-center coordinates): the sampling of <see cref="SampleRow"/> for grids that are not
    /// affine along a row (perspective, elastic).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void SamplePoints(
        ReadOnlySpan<float> source,
        ImageShape shape,
        Span<float> destination,
        int y,
        ReadOnlySpan<float> xs,
        ReadOnlySpan<float> ys,
        Interpolation interpolation,
        float fill)
    {
        int width = shape.Width;
        int rowStart = y * width;
        int x = 0;
        if (Avx2.IsSupported)
        {
            ref float src = ref MemoryMarshal.GetReference(source);
            ref float dst = ref MemoryMarshal.GetReference(destination);
            ref float xRef = ref MemoryMarshal.GetReference(xs);
            ref float yRef = ref MemoryMarshal.GetReference(ys);
            for (; x <= width - Lanes; x += Lanes)
            {
                Vector256<float> sx = Vector256.LoadUnsafe(ref xRef, (nuint)x);
                Vector256<float> sy = Vector256.LoadUnsafe(ref yRef, (nuint)x);
                ref float dstBlock = ref Unsafe.Add(ref dst, rowStart + x);
                if (interpolation == Interpolation.Nearest)
                {
                    Nearest8(ref src, shape, ref dstBlock, sx, sy, fill);
                }
                else
                {
                    Bilinear8(ref src, shape, ref dstBlock, sx, sy, fill);
                }
            }
        }

        for (; x < width; x++)
        {
            SamplePoint(source, shape, destination, rowStart + x, xs[x], ys[x], interpolation, fill);
        }
    }

    /// <summary>
    /// Reads one value per cache line of <paramref name="source"/>, in order. Streamed in by the hardware prefetcher, an
    /// image that fits in cache is then sampled from cache, not fetched from memory line by line as the scattered reads
    /// of a rotation reach it (.NET has no portable prefetch instruction).
    /// </summary>
    public static void Prefetch(ReadOnlySpan<float> source)
    {
        for (int i = 0; i < source.Length; i += FloatsPerCacheLine)
        {
            _ = Volatile.Read(in source[i]);
        }
    }

    /// <summary>Nearest sampling of eight pixels: round half to even, <paramref name="fill"/> outside the image.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Nearest8(
        ref float source,
        ImageShape shape,
        ref float destination,
        Vector256<float> sx,
        Vector256<float> sy,
        float fill)
    {
        int width = shape.Width;
        int height = shape.Height;
        Vector256<int> x = ToIndex(Vector256.Round(sx));
        Vector256<int> y = ToIndex(Vector256.Round(sy));
        Vector256<float> inside = Inside(x, width) & Inside(y, height);
        Indices index = default;
        ((Clamp(y, height - 1) * width) + Clamp(x, width - 1)).StoreUnsafe(ref index[0]);
        var fillVector = Vector256.Create(fill);
        int plane = shape.PlaneSize;
        for (int c = 0; c < shape.Channels; c++)
        {
            ref float sourcePlane = ref Unsafe.Add(ref source, c * plane);
            Vector256<float> value = Vector256.Create(
                Unsafe.Add(ref sourcePlane, index[0]),
                Unsafe.Add(ref sourcePlane, index[1]),
                Unsafe.Add(ref sourcePlane, index[2]),
                Unsafe.Add(ref sourcePlane, index[3]),
                Unsafe.Add(ref sourcePlane, index[4]),
                Unsafe.Add(ref sourcePlane, index[5]),
                Unsafe.Add(ref sourcePlane, index[6]),
                Unsafe.Add(ref sourcePlane, index[7]));
            Vector256.ConditionalSelect(inside, value, fillVector).StoreUnsafe(ref Unsafe.Add(ref destination, c * plane));
        }
    }

    /// <summary>Bilinear sampling of eight pixels: taps outside the image count 0, then the result is blended with <paramref name="fill"/> by the
    /// inside weight (unless <paramref name="blendFill"/> is false: torchvision's <c>fill=None</c>, the zero-padded sum as it is).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Bilinear8(
        ref float source,
        ImageShape shape,
        ref float destination,
        Vector256<float> sx,
        Vector256<float> sy,
        float fill,
        bool blendFill = true)
    {
        int width = shape.Width;
        int height = shape.Height;
        int plane = shape.PlaneSize;
        Vector256<float> fx0 = Vector256.Floor(sx);
        Vector256<float> fy0 = Vector256.Floor(sy);
        Vector256<int> x0 = ToIndex(fx0);
        Vector256<int> y0 = ToIndex(fy0);
        Vector256<float> ax = sx - fx0;
        Vector256<float> ay = sy - fy0;
        Vector256<float> left = Inside(x0, width);
        Vector256<float> right = Inside(x0 + Vector256<int>.One, width);
        Vector256<float> top = Inside(y0, height);
        Vector256<float> bottom = Inside(y0 + Vector256<int>.One, height);
        var fillVector = Vector256.Create(blendFill ? fill : 0f);
        if (((left | right) & (top | bottom)) == Vector256<float>.Zero)
        {
            for (int c = 0; c < shape.Channels; c++)
            {
                fillVector.StoreUnsafe(ref Unsafe.Add(ref destination, c * plane));
            }

            return;
        }

        Vector256<float> one = Vector256<float>.One;
        Vector256<float> wNw = left & top & ((one - ax) * (one - ay));
        Vector256<float> wNe = right & top & (ax * (one - ay));
        Vector256<float> wSw = left & bottom & ((one - ax) * ay);
        Vector256<float> wSe = right & bottom & (ax * ay);
        Vector256<float> inside = blendFill ? left & right & top & bottom : Vector256<float>.AllBitsSet;
        Vector256<float> mask = (wNw + wNe) + (wSw + wSe);
        Vector256<float> fillPart = (one - mask) * fillVector;

        // A row's two taps are read as one pair of adjacent values from column p = clamp(x0, 0, W - 2) (W >= 8 here).
        // At the left edge (x0 = -1 < p) the right tap is then the pair's first value, at the right edge
        // (x0 = W - 1 > p) the left tap its second: the weights move to those slots.
        Vector256<int> p = Vector256.Clamp(x0, Vector256<int>.Zero, Vector256.Create(width - 2));
        Vector256<float> aligned = Vector256.Equals(x0, p).AsSingle();
        Vector256<float> rightFirst = Vector256.LessThan(x0, p).AsSingle();
        Vector256<float> leftSecond = Vector256.GreaterThan(x0, p).AsSingle();
        Vector256<float> firstTop = Vector256.ConditionalSelect(aligned, wNw, rightFirst & wNe);
        Vector256<float> secondTop = Vector256.ConditionalSelect(aligned, wNe, leftSecond & wNw);
        Vector256<float> firstBottom = Vector256.ConditionalSelect(aligned, wSw, rightFirst & wSe);
        Vector256<float> secondBottom = Vector256.ConditionalSelect(aligned, wSe, leftSecond & wSw);

        // The pairs of lanes 0, 1, 4, 5 and of lanes 2, 3, 6, 7 are interleaved with their weights, so that a horizontal
        // add of the two weighted vectors gives the eight sums in order.
        Vector256<float> topA = Avx.UnpackLow(firstTop, secondTop);
        Vector256<float> topB = Avx.UnpackHigh(firstTop, secondTop);
        Vector256<float> bottomA = Avx.UnpackLow(firstBottom, secondBottom);
        Vector256<float> bottomB = Avx.UnpackHigh(firstBottom, secondBottom);
        Indices index = default;
        ((Clamp(y0, height - 1) * width) + p).StoreUnsafe(ref index[0]);
        ((Clamp(y0 + Vector256<int>.One, height - 1) * width) + p).StoreUnsafe(ref index[Lanes]);
        for (int c = 0; c < shape.Channels; c++)
        {
            ref float sourcePlane = ref Unsafe.Add(ref source, c * plane);
            Vector256<float> a = (Pairs(ref sourcePlane, ref index[0], 0, 1, 4, 5) * topA) + (Pairs(ref sourcePlane, ref index[Lanes], 0, 1, 4, 5) * bottomA);
            Vector256<float> b = (Pairs(ref sourcePlane, ref index[0], 2, 3, 6, 7) * topB) + (Pairs(ref sourcePlane, ref index[Lanes], 2, 3, 6, 7) * bottomB);
            Vector256<float> sum = Avx.HorizontalAdd(a, b);
            Vector256.ConditionalSelect(inside, sum, (sum * mask) + fillPart).StoreUnsafe(ref Unsafe.Add(ref destination, c * plane));
        }
    }

    /// <summary>
    /// Whole-number coordinates to <see cref="int"/>. Those beyond the <see cref="int"/> range become
    /// <see cref="int.MinValue"/> (x86's conversion), still outside the image.
    /// </summary>
    private static Vector256<int> ToIndex(Vector256<float> coordinate) => Vector256.ConvertToInt32Native(coordinate);

    /// <summary>All bits set in the lanes where 0 &lt;= index &lt; size.</summary>
    private static Vector256<float> Inside(Vector256<int> index, int size) =>
        Vector256.LessThan(index.AsUInt32(), Vector256.Create((uint)size)).AsSingle();

    private static Vector256<int> Clamp(Vector256<int> index, int max) =>
        Vector256.Clamp(index, Vector256<int>.Zero, Vector256.Create(max));

    /// <summary>The adjacent values <c>plane[i], plane[i + 1]</c> for <c>i</c> = lanes <paramref name="a"/>, <paramref name="b"/>, <paramref name="c"/>, <paramref name="d"/> of <paramref name="index"/>, in the order (a, b, c, d) of <see cref="Avx.UnpackLow(Vector256{float}, Vector256{float})"/>.</summary>
    public static Vector256<float> Pairs(ref float plane, ref int index, int a, int b, int c, int d) =>
        Vector256.Create(
            Pair(ref plane, Unsafe.Add(ref index, a)),
            Pair(ref plane, Unsafe.Add(ref index, b)),
            Pair(ref plane, Unsafe.Add(ref index, c)),
            Pair(ref plane, Unsafe.Add(ref index, d))).AsSingle();

    private static ulong Pair(ref float plane, int index) =>
        Unsafe.ReadUnaligned<ulong>(ref Unsafe.As<float, byte>(ref Unsafe.Add(ref plane, index)));

    /// <summary>Writes output pixel <paramref name="outIndex"/> of every channel from source coordinate (sx, sy).</summary>
    private static void SamplePoint(
        ReadOnlySpan<float> source,
        ImageShape shape,
        Span<float> destination,
        int outIndex,
        float sx,
        float sy,
        Interpolation interpolation,
        float fill,
        bool blendFill = true)
    {
        int width = shape.Width;
        int height = shape.Height;
        int channels = shape.Channels;
        int plane = shape.PlaneSize;
        if (interpolation == Interpolation.Nearest)
        {
            float rx = MathF.Round(sx, MidpointRounding.ToEven);
            float ry = MathF.Round(sy, MidpointRounding.ToEven);
            bool inside = rx >= 0 && rx < width && ry >= 0 && ry < height;
            int inIndex = inside ? ((int)ry * width) + (int)rx : 0;
            for (int c = 0; c < channels; c++)
            {
                destination[(c * plane) + outIndex] = inside ? source[(c * plane) + inIndex] : fill;
            }

            return;
        }

        float fx0 = MathF.Floor(sx);
        float fy0 = MathF.Floor(sy);
        if (!(fx0 >= -1 && fx0 < width && fy0 >= -1 && fy0 < height))
        {
            for (int c = 0; c < channels; c++)
            {
                destination[(c * plane) + outIndex] = blendFill ? fill : 0f;
            }

            return;
        }

        int x0 = (int)fx0;
        int y0 = (int)fy0;
        float ax = sx - fx0;
        float ay = sy - fy0;
        bool left = x0 >= 0;
        bool right = x0 + 1 < width;
        bool top = y0 >= 0;
        bool bottom = y0 + 1 < height;
        bool inNw = left && top;
        bool inNe = right && top;
        bool inSw = left && bottom;
        bool inSe = right && bottom;
        float wNw = inNw ? (1f - ax) * (1f - ay) : 0f;
        float wNe = inNe ? ax * (1f - ay) : 0f;
        float wSw = inSw ? (1f - ax) * ay : 0f;
        float wSe = inSe ? ax * ay : 0f;
        float mask = (wNw + wNe) + (wSw + wSe);
        int iNw = (y0 * width) + x0;
        for (int c = 0; c < channels; c++)
        {
            int i = (c * plane) + iNw;
            float nw = inNw ? source[i] : 0f;
            float ne = inNe ? source[i + 1] : 0f;
            float sw = inSw ? source[i + width] : 0f;
            float se = inSe ? source[i + width + 1] : 0f;
            float sum = ((wNw * nw) + (wSw * sw)) + ((wNe * ne) + (wSe * se));
            destination[(c * plane) + outIndex] = !blendFill || (inNw && inNe && inSw && inSe) ? sum : (sum * mask) + ((1f - mask) * fill);
        }
    }

    /// <summary>Per lane, the index of the pixel (nearest, first eight) or of the top then the bottom pair of taps (bilinear), read back one by one.</summary>
    [InlineArray(2 * Lanes)]
    private struct Indices
    {
        private int _element;
    }
}
