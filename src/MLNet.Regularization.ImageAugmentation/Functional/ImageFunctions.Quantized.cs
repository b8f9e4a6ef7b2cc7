using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MLNet.Regularization.ImageAugmentation.Functional;

public static partial class ImageFunctions
{
    /// <summary>
    /// The factor from a value in [0, 1] to an 8-bit level before truncation, torchvision's <c>convert_image_dtype</c>
    /// from float to <c>uint8</c>: <c>(uint8)(x * (255 + 1 - 0.001))</c>.
    /// </summary>
    private const float QuantizeScale = 255.999f;

    /// <summary>
    /// Posterizes the image to <paramref name="bits"/> bits per channel, torchvision's <c>posterize</c> (<c>img &amp; mask</c>
    /// on <c>uint8</c> images) applied to the image quantized to 8 bits.
    /// </summary>
    /// <param name="source">The image, <c>shape.Length</c> values in CHW layout, any number of channels.</param>
    /// <param name="shape">The image shape.</param>
    /// <param name="destination">The result, same shape; may be <paramref name="source"/> itself.</param>
    /// <param name="bits">The bits to keep, 0 to 8: 8 keeps every 8-bit level, 1 keeps two (0 and 128/255), 0 gives black.</param>
    /// <param name="maxValue">The brightest value: 1 for images scaled to [0, 1], 255 for raw bytes.</param>
    /// <remarks>
    /// <para>torchvision posterizes <c>uint8</c> images only. On floats the result is defined as torchvision's on the image
    /// converted to 8 bits as its <c>convert_image_dtype</c> does and back: the level of a value <c>x</c> is
    /// <c>q = (int)clamp(x * 255.999 / maxValue, 0, 255)</c> (truncated; values outside [0, maxValue] are clamped, NaN gives 0),
    /// the posterized level <c>k = q &amp; -(2^(8 - bits))</c>, and the result <c>k * maxValue / 255</c>. Images of 8-bit levels
    /// (<c>ExtractPixels</c> with or without scaling, <c>MLImage</c> columns) keep their levels exactly through the conversion,
    /// so the result is torchvision's, exactly.</para>
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bits"/> is outside 0..8, or <paramref name="maxValue"/> is not a
    /// finite number &gt; 0.</exception>
    /// <exception cref="ArgumentException">A span has the wrong length or the spans partly overlap.</exception>
    public static void Posterize(ReadOnlySpan<float> source, ImageShape shape, Span<float> destination, int bits, float maxValue = 1f)
    {
        CheckPixelwise(source, shape, destination);
        if (bits is < 0 or > 8)
        {
            throw new ArgumentOutOfRangeException(nameof(bits), bits, $"{nameof(bits)} must be in 0..8.");
        }

        Guard.PositiveFinite(maxValue, nameof(maxValue));

        // Pure arithmetic, no table: the level (truncated as Quantize does), its low bits cleared (the mask also keeps
        // 0..255), and back to a value as ((float)k * maxValue) / 255, the same operations in the same order in the
        // vectors and the scalar tail.
        int mask = -(1 << (8 - bits)) & 255;
        float scale = QuantizeScale / maxValue;
        ref float src = ref MemoryMarshal.GetReference(source);
        ref float dst = ref MemoryMarshal.GetReference(destination);
        int i = 0;
        if (Avx2.IsSupported && bits <= 5)
        {
            i = PosterizeByPermutes(source, destination, bits, scale, maxValue);
        }
        else if (Vector.IsHardwareAccelerated)
        {
            Vector<int> keep = new(mask);
            Vector<float> max = new(maxValue);
            Vector<float> levels = new(255f);
            for (; i <= source.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                Vector<int> k = Quantize(Vector.LoadUnsafe(ref src, (nuint)i), scale) & keep;
                ((Vector.ConvertToSingle(k) * max) / levels).StoreUnsafe(ref dst, (nuint)i);
            }
        }

        for (; i < source.Length; i++)
        {
            Unsafe.Add(ref dst, i) = ((Quantize(Unsafe.Add(ref src, i), scale) & mask) * maxValue) / 255f;
        }
    }

    /// <summary>
    /// Posterize's vector loop for 5 bits or fewer (at most 32 output values): the <c>2^bits</c> values
    /// <c>((j &lt;&lt; (8 - bits)) * maxValue) / 255</c>, computed once as the scalar formula computes them, sit in up to four
    /// registers and each level <c>q</c> picks value <c>q &gt;&gt; (8 - bits)</c> with in-register permutes, without the
    /// division or a gather. Returns the count of values done.
    /// </summary>
    private static int PosterizeByPermutes(ReadOnlySpan<float> source, Span<float> destination, int bits, float scale, float maxValue)
    {
        int shift = 8 - bits;
        int entries = 1 << bits;
        Span<float> values = stackalloc float[32];
        values.Clear();
        for (int j = 0; j < entries; j++)
        {
            values[j] = ((j << shift) * maxValue) / 255f;
        }

        Vector256<float> t0 = Vector256.Create<float>(values[..8]), t1 = Vector256.Create<float>(values[8..16]);
        Vector256<float> t2 = Vector256.Create<float>(values[16..24]), t3 = Vector256.Create<float>(values[24..]);
        Vector256<int> eight = Vector256.Create(8), sixteen = Vector256.Create(16);
        ref float src = ref MemoryMarshal.GetReference(source);
        ref float dst = ref MemoryMarshal.GetReference(destination);
        int i = 0;
        for (; i <= source.Length - Vector256<float>.Count; i += Vector256<float>.Count)
        {
            Vector256<int> j = Vector256.ShiftRightLogical(Quantize(Vector256.LoadUnsafe(ref src, (nuint)i), scale), shift);
            Vector256<float> result = Avx2.PermuteVar8x32(t0, j);
            if (entries > 8)
            {
                result = Vector256.ConditionalSelect(Vector256.Equals(j & eight, eight).AsSingle(), Avx2.PermuteVar8x32(t1, j), result);
                if (entries > 16)
                {
                    Vector256<float> high = Vector256.ConditionalSelect(Vector256.Equals(j & eight, eight).AsSingle(), Avx2.PermuteVar8x32(t3, j),
                        Avx2.PermuteVar8x32(t2, j));
                    result = Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(j, sixteen).AsSingle(), high, result);
                }
            }

            result.StoreUnsafe(ref dst, (nuint)i);
        }

        return i;
    }

    /// <summary>
    /// Equalizes the histogram of each channel, torchvision's <c>equalize</c> (on <c>uint8</c> images) applied to the image
    /// quantized to 8 bits as <see cref="Posterize"/> describes.
    /// </summary>
    /// <param name="source">The image, <c>shape.Length</c> values in CHW layout, any number of channels.</param>
    /// <param name="shape">The image shape.</param>
    /// <param name="destination">The result, same shape; may be <paramref name="source"/> itself.</param>
    /// <param name="maxValue">The brightest value: 1 for images scaled to [0, 1], 255 for raw bytes.</param>
    /// <remarks>
    /// <para>Convention (torchvision 0.14 <c>_scale_channel</c>, integer arithmetic): with <c>hist</c> the 256-bin histogram
    /// of the channel's levels, <c>step = floor((n - last) / 255)</c> where <c>n</c> is the pixel count and <c>last</c> the
    /// count of the highest level present. If <c>step = 0</c> the channel keeps its levels; otherwise level <c>q</c> becomes
    /// <c>lut[q] = min(255, floor((cumsum(hist)[q - 1] + floor(step / 2)) / step))</c> (<c>lut[0] = 0</c>). The result is
    /// <c>lut[q] * maxValue / 255</c>: the same as torchvision's to the bit on images of 8-bit levels.</para>
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxValue"/> is not a finite number &gt; 0.</exception>
    /// <exception cref="ArgumentException">A span has the wrong length or the spans partly overlap.</exception>
    public static void Equalize(ReadOnlySpan<float> source, ImageShape shape, Span<float> destination, float maxValue = 1f)
    {
        CheckPixelwise(source, shape, destination);
        Guard.PositiveFinite(maxValue, nameof(maxValue));
        float scale = QuantizeScale / maxValue;
        int plane = shape.PlaneSize;
        Span<int> histogram = stackalloc int[256];
        Span<float> table = stackalloc float[256];
        for (int c = 0; c < shape.Channels; c++)
        {
            ReadOnlySpan<float> src = source.Slice(c * plane, plane);
            histogram.Clear();
            Histogram(src, scale, histogram);
            EqualizationTable(histogram, plane, maxValue, table);
            LookUp(src, scale, table, destination.Slice(c * plane, plane));
        }
    }

    /// <summary>The 8-bit level of <paramref name="value"/>: <c>(int)clamp(value * scale, 0, 255)</c>, truncated (NaN gives 0).</summary>
    private static int Quantize(float value, float scale) => (int)Math.Clamp(value * scale, 0f, 255f);

    /// <summary>
    /// The 8-bit levels of a vector of values, as the scalar <see cref="Quantize(float, float)"/>: the platform's min, max and
    /// truncation, then <c>&amp; 255</c>, which leaves levels 0..255 as they are and turns what the platform makes of NaN
    /// (NaN itself, 0, or <see cref="int.MinValue"/> after the conversion) into 0, so the result is always a valid index.
    /// </summary>
    private static Vector<int> Quantize(Vector<float> value, float scale) =>
        Vector.ConvertToInt32Native(Vector.MinNative(Vector.MaxNative(value * scale, Vector<float>.Zero), new Vector<float>(255f))) & new Vector<int>(255);

    /// <inheritdoc cref="Quantize(Vector{float}, float)"/>
    private static Vector256<int> Quantize(Vector256<float> value, float scale) =>
        Vector256.ConvertToInt32Native(Vector256.MinNative(Vector256.MaxNative(value * scale, Vector256<float>.Zero), Vector256.Create(255f))) & Vector256.Create(255);

    private static void Histogram(ReadOnlySpan<float> source, float scale, Span<int> histogram)
    {
        ref float src = ref MemoryMarshal.GetReference(source);
        ref int bins = ref MemoryMarshal.GetReference(histogram);
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= source.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                Vector<int> q = Quantize(Vector.LoadUnsafe(ref src, (nuint)i), scale);
                for (int lane = 0; lane < Vector<int>.Count; lane++)
                {
                    Unsafe.Add(ref bins, q[lane])++;
                }
            }
        }

        for (; i < source.Length; i++)
        {
            Unsafe.Add(ref bins, Quantize(Unsafe.Add(ref src, i), scale))++;
        }
    }

    /// <summary>torchvision's <c>_scale_channel</c> lookup table, as output values (level times <c>maxValue / 255</c>).</summary>
    private static void EqualizationTable(ReadOnlySpan<int> histogram, int count, float maxValue, Span<float> table)
    {
        int last = 0;
        for (int level = 255; level >= 0; level--)
        {
            if (histogram[level] != 0)
            {
                last = histogram[level];
                break;
            }
        }

        long step = (count - last) / 255;
        if (step == 0)
        {
            for (int level = 0; level < 256; level++)
            {
                table[level] = (level * maxValue) / 255f;
            }

            return;
        }

        long cumulative = 0;
        for (int level = 0; level < 256; level++)
        {
            long mapped = Math.Min(255, (cumulative + (step / 2)) / step);
            table[level] = (mapped * maxValue) / 255f;
            cumulative += histogram[level];
        }
    }

    /// <summary><c>destination[i] = table[level of source[i]]</c>, eight values at a time with AVX2's gather where the machine has it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void LookUp(ReadOnlySpan<float> source, float scale, ReadOnlySpan<float> table, Span<float> destination)
    {
        ref float src = ref MemoryMarshal.GetReference(source);
        ref float dst = ref MemoryMarshal.GetReference(destination);
        ref float entries = ref MemoryMarshal.GetReference(table);
        int i = 0;
        if (Avx2.IsSupported)
        {
            fixed (float* tablePointer = table)
            {
                for (; i <= source.Length - Vector256<float>.Count; i += Vector256<float>.Count)
                {
                    Vector256<int> q = Quantize(Vector256.LoadUnsafe(ref src, (nuint)i), scale);
                    Avx2.GatherVector256(tablePointer, q, 4).StoreUnsafe(ref dst, (nuint)i);
                }
            }
        }
        else if (Vector.IsHardwareAccelerated)
        {
            for (; i <= source.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                Vector<int> q = Quantize(Vector.LoadUnsafe(ref src, (nuint)i), scale);
                for (int lane = 0; lane < Vector<int>.Count; lane++)
                {
                    Unsafe.Add(ref dst, i + lane) = Unsafe.Add(ref entries, q[lane]);
                }
            }
        }

        for (; i < source.Length; i++)
        {
            Unsafe.Add(ref dst, i) = Unsafe.Add(ref entries, Quantize(Unsafe.Add(ref src, i), scale));
        }
    }
}
