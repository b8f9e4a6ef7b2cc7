using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MLNet.Regularization.ImageAugmentation.Functional;

public static partial class ImageFunctions
{
    /// <summary>
    /// Inverts the image: <c>dst = maxValue - src</c>, torchvision's <c>invert</c> (<c>bound - img</c>, with
    /// <c>bound</c> = 1 for float tensors).
    /// </summary>
    /// <param name="source">The image, <c>shape.Length</c> values in CHW layout, any number of channels.</param>
    /// <param name="shape">The image shape.</param>
    /// <param name="destination">The result, same shape; may be <paramref name="source"/> itself.</param>
    /// <param name="maxValue">The brightest value: 1 for images scaled to [0, 1], 255 for raw bytes.</param>
    /// <remarks>Values are not clamped. Inverting twice gives the image back exactly for whole numbers with
    /// <paramref name="maxValue"/> 255, and to within one rounding of <see cref="float"/> otherwise.</remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxValue"/> is not a finite number &gt; 0.</exception>
    /// <exception cref="ArgumentException">A span has the wrong length or the spans partly overlap.</exception>
    public static void Invert(ReadOnlySpan<float> source, ImageShape shape, Span<float> destination, float maxValue = 1f)
    {
        CheckPixelwise(source, shape, destination);
        Guard.PositiveFinite(maxValue, nameof(maxValue));
        ref float src = ref MemoryMarshal.GetReference(source);
        ref float dst = ref MemoryMarshal.GetReference(destination);
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            Vector<float> max = new(maxValue);
            for (; i <= source.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                (max - Vector.LoadUnsafe(ref src, (nuint)i)).StoreUnsafe(ref dst, (nuint)i);
            }
        }

        for (; i < source.Length; i++)
        {
            Unsafe.Add(ref dst, i) = maxValue - Unsafe.Add(ref src, i);
        }
    }

    /// <summary>
    /// Solarizes the image: values at or above <paramref name="threshold"/> are inverted,
    /// <c>dst = src &gt;= threshold ? maxValue - src : src</c>, torchvision's <c>solarize</c> (which works on float
    /// tensors directly).
    /// </summary>
    /// <param name="source">The image, <c>shape.Length</c> values in CHW layout, any number of channels.</param>
    /// <param name="shape">The image shape.</param>
    /// <param name="destination">The result, same shape; may be <paramref name="source"/> itself.</param>
    /// <param name="threshold">The threshold, in [0, <paramref name="maxValue"/>]: 0 inverts every value,
    /// <paramref name="maxValue"/> only the brightest. torchvision refuses a threshold above the bound too.</param>
    /// <param name="maxValue">The brightest value: 1 for images scaled to [0, 1], 255 for raw bytes.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threshold"/> is outside [0, <paramref name="maxValue"/>] or NaN,
    /// or <paramref name="maxValue"/> is not a finite number &gt; 0.</exception>
    /// <exception cref="ArgumentException">A span has the wrong length or the spans partly overlap.</exception>
    public static void Solarize(ReadOnlySpan<float> source, ImageShape shape, Span<float> destination, float threshold, float maxValue = 1f)
    {
        CheckPixelwise(source, shape, destination);
        Guard.PositiveFinite(maxValue, nameof(maxValue));
        if (!(threshold >= 0f && threshold <= maxValue))
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, $"{nameof(threshold)} must be in [0, maxValue] = [0, {maxValue}].");
        }

        ref float src = ref MemoryMarshal.GetReference(source);
        ref float dst = ref MemoryMarshal.GetReference(destination);
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            Vector<float> max = new(maxValue);
            Vector<float> limit = new(threshold);
            for (; i <= source.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                Vector<float> v = Vector.LoadUnsafe(ref src, (nuint)i);
                Vector.ConditionalSelect(Vector.GreaterThanOrEqual(v, limit), max - v, v).StoreUnsafe(ref dst, (nuint)i);
            }
        }

        for (; i < source.Length; i++)
        {
            float v = Unsafe.Add(ref src, i);
            Unsafe.Add(ref dst, i) = v >= threshold ? maxValue - v : v;
        }
    }

    /// <summary>
    /// Stretches each channel to the full range: <c>dst = clamp((src - min) * maxValue / (max - min), 0, maxValue)</c>
    /// with <c>min</c> and <c>max</c> the channel's extremes, torchvision's <c>autocontrast</c> (which works on float
    /// tensors directly). A constant channel is copied (clamped to [0, <paramref name="maxValue"/>]).
    /// </summary>
    /// <param name="source">The image, <c>shape.Length</c> values in CHW layout, any number of channels, finite.</param>
    /// <param name="shape">The image shape.</param>
    /// <param name="destination">The result, same shape; may be <paramref name="source"/> itself.</param>
    /// <param name="maxValue">The brightest value: 1 for images scaled to [0, 1], 255 for raw bytes.</param>
    /// <remarks>The scale <c>maxValue / (max - min)</c> is computed once per channel in <see cref="float"/>, as torchvision
    /// does; where it is not finite (a constant channel), torchvision's rule applies: <c>min = 0</c>, <c>scale = 1</c>.</remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxValue"/> is not a finite number &gt; 0.</exception>
    /// <exception cref="ArgumentException">A span has the wrong length or the spans partly overlap.</exception>
    public static void AutoContrast(ReadOnlySpan<float> source, ImageShape shape, Span<float> destination, float maxValue = 1f)
    {
        CheckPixelwise(source, shape, destination);
        Guard.PositiveFinite(maxValue, nameof(maxValue));
        int plane = shape.PlaneSize;
        for (int c = 0; c < shape.Channels; c++)
        {
            ReadOnlySpan<float> src = source.Slice(c * plane, plane);
            (float min, float max) = MinMax(src);
            float scale = maxValue / (max - min);
            if (!float.IsFinite(scale))
            {
                min = 0f;
                scale = 1f;
            }

            SubtractScaleClamp(src, destination.Slice(c * plane, plane), min, scale, maxValue);
        }
    }

    /// <summary>The smallest and the largest value (order-independent for finite values, so vector and scalar agree).</summary>
    private static (float Min, float Max) MinMax(ReadOnlySpan<float> values)
    {
        ref float start = ref MemoryMarshal.GetReference(values);
        float min = float.PositiveInfinity;
        float max = float.NegativeInfinity;
        int i = 0;
        if (Vector.IsHardwareAccelerated && values.Length >= Vector<float>.Count)
        {
            Vector<float> vmin = new(float.PositiveInfinity);
            Vector<float> vmax = new(float.NegativeInfinity);
            for (; i <= values.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                Vector<float> v = Vector.LoadUnsafe(ref start, (nuint)i);
                vmin = Vector.Min(vmin, v);
                vmax = Vector.Max(vmax, v);
            }

            for (int lane = 0; lane < Vector<float>.Count; lane++)
            {
                min = Math.Min(min, vmin[lane]);
                max = Math.Max(max, vmax[lane]);
            }
        }

        for (; i < values.Length; i++)
        {
            float v = Unsafe.Add(ref start, i);
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }

        return (min, max);
    }

    /// <summary><c>destination[i] = clamp((source[i] - offset) * scale, 0, maxValue)</c>; the spans have the same length and may be the same.</summary>
    private static void SubtractScaleClamp(ReadOnlySpan<float> source, Span<float> destination, float offset, float scale, float maxValue)
    {
        ref float src = ref MemoryMarshal.GetReference(source);
        ref float dst = ref MemoryMarshal.GetReference(destination);
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            Vector<float> sub = new(offset);
            Vector<float> max = new(maxValue);
            for (; i <= source.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                Vector.Clamp((Vector.LoadUnsafe(ref src, (nuint)i) - sub) * scale, Vector<float>.Zero, max).StoreUnsafe(ref dst, (nuint)i);
            }
        }

        for (; i < source.Length; i++)
        {
            Unsafe.Add(ref dst, i) = Math.Clamp((Unsafe.Add(ref src, i) - offset) * scale, 0f, maxValue);
        }
    }
}
