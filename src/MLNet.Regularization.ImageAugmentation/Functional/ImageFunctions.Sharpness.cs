using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MLNet.Regularization.ImageAugmentation.Functional;

public static partial class ImageFunctions
{
    /// <summary>The weight of each of the eight neighbors in <see cref="AdjustSharpness"/>'s smoothing kernel: 1/13.</summary>
    private const float SharpnessNeighborWeight = 1f / 13f;

    /// <summary>The weight of the center pixel in <see cref="AdjustSharpness"/>'s smoothing kernel: 5/13.</summary>
    private const float SharpnessCenterWeight = 5f / 13f;

    /// <summary>
    /// Adjusts sharpness: <c>dst = clamp(factor * src + (1 - factor) * smooth, 0, maxValue)</c>, with <c>smooth</c> the image
    /// filtered by the 3 x 3 kernel <c>[1 1 1; 1 5 1; 1 1 1] / 13</c> inside and the image itself on its one-pixel border,
    /// torchvision's <c>adjust_sharpness</c> (PIL's <c>ImageEnhance.Sharpness</c>).
    /// </summary>
    /// <param name="source">The image, <c>shape.Length</c> values in CHW layout, any number of channels.</param>
    /// <param name="shape">The image shape.</param>
    /// <param name="destination">The result, same shape; must not overlap <paramref name="source"/>.</param>
    /// <param name="factor">The sharpness factor, finite and &gt;= 0: 0 gives the smoothed image, 1 the original (clamped),
    /// 2 doubles the sharpness.</param>
    /// <param name="maxValue">The brightest value: 1 for images scaled to [0, 1], 255 for raw bytes.</param>
    /// <remarks>
    /// <para>Each channel is filtered on its own. An image of at most 2 rows or 2 columns is copied unchanged, as in torchvision.
    /// The smoothed value is <c>(sum of the 8 neighbors) / 13 + center * 5 / 13</c> in <see cref="float"/>; torchvision's
    /// <c>conv2d</c> adds the nine products in its own order, so the two differ by float rounding only.</para>
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="factor"/> is negative or not finite, or
    /// <paramref name="maxValue"/> is not a finite number &gt; 0.</exception>
    /// <exception cref="ArgumentException">A span has the wrong length or the spans overlap.</exception>
    public static void AdjustSharpness(ReadOnlySpan<float> source, ImageShape shape, Span<float> destination, float factor, float maxValue = 1f)
    {
        CheckImage(source, shape);
        Guard.Length(destination.Length, shape.Length, shape, nameof(destination));
        Guard.NoOverlap(source, destination, nameof(destination));
        Guard.NonNegativeFinite(factor, nameof(factor));
        Guard.PositiveFinite(maxValue, nameof(maxValue));
        int width = shape.Width;
        int height = shape.Height;
        if (width <= 2 || height <= 2)
        {
            source.CopyTo(destination);
            return;
        }

        float keep = 1f - factor;
        int plane = shape.PlaneSize;
        for (int c = 0; c < shape.Channels; c++)
        {
            ReadOnlySpan<float> src = source.Slice(c * plane, plane);
            Span<float> dst = destination.Slice(c * plane, plane);

            // The first and last rows, and the first and last pixels of every row, blend the image with itself.
            BlendSelf(src[..width], dst[..width], factor, keep, maxValue);
            BlendSelf(src[^width..], dst[^width..], factor, keep, maxValue);
            for (int y = 1; y < height - 1; y++)
            {
                int row = y * width;
                BlendSelf(src.Slice(row, 1), dst.Slice(row, 1), factor, keep, maxValue);
                SharpenRow(src, row, width, dst, factor, keep, maxValue);
                BlendSelf(src.Slice(row + width - 1, 1), dst.Slice(row + width - 1, 1), factor, keep, maxValue);
            }
        }
    }

    /// <summary>The inner pixels 1 .. width - 2 of the row starting at <paramref name="row"/>.</summary>
    private static void SharpenRow(ReadOnlySpan<float> source, int row, int width, Span<float> destination, float factor, float keep, float maxValue)
    {
        ref float center = ref Unsafe.Add(ref MemoryMarshal.GetReference(source), row);
        ref float above = ref Unsafe.Subtract(ref center, width);
        ref float below = ref Unsafe.Add(ref center, width);
        ref float dst = ref Unsafe.Add(ref MemoryMarshal.GetReference(destination), row);
        int x = 1;
        if (Vector.IsHardwareAccelerated)
        {
            Vector<float> max = new(maxValue);
            for (; x <= width - 1 - Vector<float>.Count; x += Vector<float>.Count)
            {
                nuint left = (nuint)(x - 1);
                nuint middle = (nuint)x;
                nuint right = (nuint)(x + 1);
                Vector<float> v = Vector.LoadUnsafe(ref center, middle);
                Vector<float> neighbors =
                    ((Vector.LoadUnsafe(ref above, left) + Vector.LoadUnsafe(ref above, middle)) + Vector.LoadUnsafe(ref above, right))
                    + (Vector.LoadUnsafe(ref center, left) + Vector.LoadUnsafe(ref center, right))
                    + ((Vector.LoadUnsafe(ref below, left) + Vector.LoadUnsafe(ref below, middle)) + Vector.LoadUnsafe(ref below, right));
                Vector<float> smooth = (neighbors * SharpnessNeighborWeight) + (v * SharpnessCenterWeight);
                Vector.Clamp((factor * v) + (keep * smooth), Vector<float>.Zero, max).StoreUnsafe(ref dst, middle);
            }
        }

        for (; x < width - 1; x++)
        {
            float v = Unsafe.Add(ref center, x);
            float neighbors =
                ((Unsafe.Add(ref above, x - 1) + Unsafe.Add(ref above, x)) + Unsafe.Add(ref above, x + 1))
                + (Unsafe.Add(ref center, x - 1) + Unsafe.Add(ref center, x + 1))
                + ((Unsafe.Add(ref below, x - 1) + Unsafe.Add(ref below, x)) + Unsafe.Add(ref below, x + 1));
            float smooth = (neighbors * SharpnessNeighborWeight) + (v * SharpnessCenterWeight);
            Unsafe.Add(ref dst, x) = Math.Clamp((factor * v) + (keep * smooth), 0f, maxValue);
        }
    }

    /// <summary><c>destination[i] = clamp(factor * source[i] + keep * source[i], 0, maxValue)</c>: the border, where the smoothed image is the image.</summary>
    private static void BlendSelf(ReadOnlySpan<float> source, Span<float> destination, float factor, float keep, float maxValue)
    {
        for (int i = 0; i < source.Length; i++)
        {
            float v = source[i];
            destination[i] = Math.Clamp((factor * v) + (keep * v), 0f, maxValue);
        }
    }
}
