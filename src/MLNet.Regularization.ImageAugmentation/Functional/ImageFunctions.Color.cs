using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MLNet.Regularization.ImageAugmentation.Functional;

public static partial class ImageFunctions
{
    /// <summary>
    /// Scales brightness: <c>dst = clamp(factor * src, 0, maxValue)</c>, torchvision's <c>adjust_brightness</c>
    /// (a blend with a black image).
    /// </summary>
    /// <param name="source">The image, <c>shape.Length</c> values in CHW layout, any number of channels.</param>
    /// <param name="shape">The image shape.</param>
    /// <param name="destination">The result, same shape; may be <paramref name="source"/> itself.</param>
    /// <param name="factor">The factor, finite and &gt;= 0: 0 gives black, 1 the original (clamped), 2 doubles.</param>
    /// <param name="maxValue">The brightest value: 1 for images scaled to [0, 1], 255 for raw bytes (ExtractPixels without scaling).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="factor"/> is negative or not finite, or <paramref name="maxValue"/> is not a finite number &gt; 0.</exception>
    /// <exception cref="ArgumentException">A span has the wrong length or the spans partly overlap.</exception>
    public static void AdjustBrightness(ReadOnlySpan<float> source, ImageShape shape, Span<float> destination, float factor, float maxValue = 1f)
    {
        CheckPixelwise(source, shape, destination);
        Guard.NonNegativeFinite(factor, nameof(factor));
        Guard.PositiveFinite(maxValue, nameof(maxValue));
        ScaleOffsetClamp(source, destination, factor, 0f, maxValue);
    }

    /// <summary>
    /// Scales contrast: <c>dst = clamp(factor * src + (1 - factor) * mean, 0, maxValue)</c> where <c>mean</c> is the
    /// mean of the whole grayscale image (<see cref="Grayscale"/>; the image itself if it has one channel),
    /// torchvision's <c>adjust_contrast</c>.
    /// </summary>
    /// <param name="source">The image, <c>shape.Length</c> values in CHW layout, 1 or 3 (RGB) channels.</param>
    /// <param name="shape">The image shape.</param>
    /// <param name="destination">The result, same shape; may be <paramref name="source"/> itself.</param>
    /// <param name="factor">The factor, finite and &gt;= 0: 0 gives a uniform gray image, 1 the original (clamped).</param>
    /// <param name="maxValue">The brightest value: 1 for [0, 1] images, 255 for raw bytes.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="factor"/> is negative or not finite, <paramref name="maxValue"/> is not a finite number &gt; 0, or the image has neither 1 nor 3 channels.</exception>
    /// <exception cref="ArgumentException">A span has the wrong length or the spans partly overlap.</exception>
    public static void AdjustContrast(ReadOnlySpan<float> source, ImageShape shape, Span<float> destination, float factor, float maxValue = 1f)
    {
        CheckPixelwise(source, shape, destination);
        CheckGrayOrRgb(shape);
        Guard.NonNegativeFinite(factor, nameof(factor));
        Guard.PositiveFinite(maxValue, nameof(maxValue));

        // The mean luma is the luma of the channel means (torchvision takes the mean of the grayscale image; the two
        // differ by float rounding only).
        int plane = shape.PlaneSize;
        double sum = shape.Channels == 1
            ? PlaneSum(source)
            : (RedWeight * PlaneSum(source[..plane])) + (GreenWeight * PlaneSum(source.Slice(plane, plane))) + (BlueWeight * PlaneSum(source[(2 * plane)..]));
        float offset = (1f - factor) * (float)(sum / plane);
        ScaleOffsetClamp(source, destination, factor, offset, maxValue);
    }

    /// <summary>
    /// Scales saturation: <c>dst = clamp(factor * src + (1 - factor) * gray, 0, maxValue)</c> per pixel, with
    /// <c>gray</c> the pixel's <see cref="Grayscale"/> value, torchvision's <c>adjust_saturation</c>. A one-channel
    /// image is copied unchanged (as torchvision).
    /// </summary>
    /// <param name="source">The image, <c>shape.Length</c> values in CHW layout, 1 or 3 (RGB) channels.</param>
    /// <param name="shape">The image shape.</param>
    /// <param name="destination">The result, same shape; may be <paramref name="source"/> itself.</param>
    /// <param name="factor">The factor, finite and &gt;= 0: 0 gives the grayscale image in every channel, 1 the original (clamped).</param>
    /// <param name="maxValue">The brightest value: 1 for [0, 1] images, 255 for raw bytes.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="factor"/> is negative or not finite, <paramref name="maxValue"/> is not a finite number &gt; 0, or the image has neither 1 nor 3 channels.</exception>
    /// <exception cref="ArgumentException">A span has the wrong length or the spans partly overlap.</exception>
    public static void AdjustSaturation(ReadOnlySpan<float> source, ImageShape shape, Span<float> destination, float factor, float maxValue = 1f)
    {
        CheckPixelwise(source, shape, destination);
        CheckGrayOrRgb(shape);
        Guard.NonNegativeFinite(factor, nameof(factor));
        Guard.PositiveFinite(maxValue, nameof(maxValue));
        if (shape.Channels == 1)
        {
            source.CopyTo(destination);
            return;
        }

        int plane = shape.PlaneSize;
        float keep = 1f - factor;
        ref float sr = ref MemoryMarshal.GetReference(source);
        ref float sg = ref Unsafe.Add(ref sr, plane);
        ref float sb = ref Unsafe.Add(ref sr, 2 * plane);
        ref float dr = ref MemoryMarshal.GetReference(destination);
        ref float dg = ref Unsafe.Add(ref dr, plane);
        ref float db = ref Unsafe.Add(ref dr, 2 * plane);
        int p = 0;
        if (Vector.IsHardwareAccelerated)
        {
            Vector<float> max = new(maxValue);
            for (; p <= plane - Vector<float>.Count; p += Vector<float>.Count)
            {
                Vector<float> r = Vector.LoadUnsafe(ref sr, (nuint)p);
                Vector<float> g = Vector.LoadUnsafe(ref sg, (nuint)p);
                Vector<float> b = Vector.LoadUnsafe(ref sb, (nuint)p);
                Vector<float> gray = keep * Luma(r, g, b);
                Vector.Clamp((factor * r) + gray, Vector<float>.Zero, max).StoreUnsafe(ref dr, (nuint)p);
                Vector.Clamp((factor * g) + gray, Vector<float>.Zero, max).StoreUnsafe(ref dg, (nuint)p);
                Vector.Clamp((factor * b) + gray, Vector<float>.Zero, max).StoreUnsafe(ref db, (nuint)p);
            }
        }

        for (; p < plane; p++)
        {
            float r = Unsafe.Add(ref sr, p);
            float g = Unsafe.Add(ref sg, p);
            float b = Unsafe.Add(ref sb, p);
            float gray = keep * Luma(r, g, b);
            Unsafe.Add(ref dr, p) = Math.Clamp((factor * r) + gray, 0f, maxValue);
            Unsafe.Add(ref dg, p) = Math.Clamp((factor * g) + gray, 0f, maxValue);
            Unsafe.Add(ref db, p) = Math.Clamp((factor * b) + gray, 0f, maxValue);
        }
    }

    /// <summary>
    /// Writes the luma of an RGB image, <c>0.2989 R + 0.587 G + 0.114 B</c> (torchvision's <c>rgb_to_grayscale</c>,
    /// ITU-R 601-2), as one plane of <c>Height * Width</c> values. A one-channel image is copied.
    /// </summary>
    /// <param name="source">The image, <c>shape.Length</c> values in CHW layout, 1 or 3 (RGB) channels.</param>
    /// <param name="shape">The image shape.</param>
    /// <param name="destination">The gray plane, <c>shape.PlaneSize</c> values; must not overlap <paramref name="source"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">The image has neither 1 nor 3 channels.</exception>
    /// <exception cref="ArgumentException">A span has the wrong length or the spans overlap.</exception>
    public static void Grayscale(ReadOnlySpan<float> source, ImageShape shape, Span<float> destination)
    {
        CheckImage(source, shape);
        CheckGrayOrRgb(shape);
        ImageShape grayShape = new(1, shape.Height, shape.Width);
        Guard.Length(destination.Length, grayShape.Length, grayShape, nameof(destination));
        Guard.NoOverlap(source, destination, nameof(destination));
        int plane = shape.PlaneSize;
        if (shape.Channels == 1)
        {
            source.CopyTo(destination);
            return;
        }

        ref float r = ref MemoryMarshal.GetReference(source);
        ref float g = ref Unsafe.Add(ref r, plane);
        ref float b = ref Unsafe.Add(ref r, 2 * plane);
        ref float gray = ref MemoryMarshal.GetReference(destination);
        int p = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; p <= plane - Vector<float>.Count; p += Vector<float>.Count)
            {
                Luma(Vector.LoadUnsafe(ref r, (nuint)p), Vector.LoadUnsafe(ref g, (nuint)p), Vector.LoadUnsafe(ref b, (nuint)p))
                    .StoreUnsafe(ref gray, (nuint)p);
            }
        }

        for (; p < plane; p++)
        {
            Unsafe.Add(ref gray, p) = Luma(Unsafe.Add(ref r, p), Unsafe.Add(ref g, p), Unsafe.Add(ref b, p));
        }
    }

    // The vector kernels below and their scalar tails evaluate the same expression in the same order (no fused
    // multiply-add), so a value gets the same result whether it falls in a full vector or in the tail.

    private static float Luma(float r, float g, float b) => (RedWeight * r) + (GreenWeight * g) + (BlueWeight * b);

    private static Vector<float> Luma(Vector<float> r, Vector<float> g, Vector<float> b) => (RedWeight * r) + (GreenWeight * g) + (BlueWeight * b);

    /// <summary><c>destination[i] = clamp(factor * source[i] + offset, 0, maxValue)</c>; the spans have the same length and may be the same.</summary>
    private static void ScaleOffsetClamp(ReadOnlySpan<float> source, Span<float> destination, float factor, float offset, float maxValue)
    {
        ref float src = ref MemoryMarshal.GetReference(source);
        ref float dst = ref MemoryMarshal.GetReference(destination);
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            Vector<float> add = new(offset);
            Vector<float> max = new(maxValue);
            for (; i <= source.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                Vector.Clamp((factor * Vector.LoadUnsafe(ref src, (nuint)i)) + add, Vector<float>.Zero, max).StoreUnsafe(ref dst, (nuint)i);
            }
        }

        for (; i < source.Length; i++)
        {
            Unsafe.Add(ref dst, i) = Math.Clamp((factor * Unsafe.Add(ref src, i)) + offset, 0f, maxValue);
        }
    }

    /// <summary>The sum of the values, in float vectors over blocks of 64 values per lane and in double across blocks.</summary>
    private static double PlaneSum(ReadOnlySpan<float> values)
    {
        // Eight float lanes on every machine (Vector256 is emulated where the hardware lacks it), each block's lanes added
        // into the double in lane order: the same sum, to the bit, whatever the vector width.
        ref float start = ref MemoryMarshal.GetReference(values);
        double sum = 0;
        int i = 0;
        int vectorEnd = values.Length - (values.Length % Vector256<float>.Count);
        while (i < vectorEnd)
        {
            int blockEnd = Math.Min(vectorEnd, i + (64 * Vector256<float>.Count));
            Vector256<float> block = Vector256<float>.Zero;
            for (; i < blockEnd; i += Vector256<float>.Count)
            {
                block += Vector256.LoadUnsafe(ref start, (nuint)i);
            }

            for (int lane = 0; lane < Vector256<float>.Count; lane++)
            {
                sum += block.GetElement(lane);
            }
        }

        for (; i < values.Length; i++)
        {
            sum += Unsafe.Add(ref start, i);
        }

        return sum;
    }

    private static void CheckPixelwise(ReadOnlySpan<float> source, ImageShape shape, Span<float> destination)
    {
        CheckImage(source, shape);
        Guard.Length(destination.Length, shape.Length, shape, nameof(destination));
        Guard.SameOrNoOverlap(source, destination, nameof(destination));
    }

    private static void CheckGrayOrRgb(ImageShape shape)
    {
        if (shape.Channels != 1 && shape.Channels != 3)
        {
            throw new ArgumentOutOfRangeException(nameof(shape), shape,
                $"This operation needs a 1-channel (gray) or 3-channel (RGB) image; the shape has {shape.Channels} channels.");
        }
    }
}
