using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MLNet.Regularization.ImageAugmentation.Functional;

public static partial class ImageFunctions
{
    /// <summary>
    /// Shifts the hue of an RGB image: each pixel goes to HSV, its hue <c>h</c> becomes
    /// <c>(h + hueFactor) mod 1</c>, and it goes back to RGB (torchvision <c>F.adjust_hue(img, hue_factor)</c> on tensors).
    /// </summary>
    /// <param name="source">The image, <c>shape.Length</c> values in CHW layout, exactly 3 (RGB) channels.</param>
    /// <param name="shape">The image shape.</param>
    /// <param name="destination">The result, same shape; may be <paramref name="source"/> itself.</param>
    /// <param name="hueFactor">The shift of the hue channel, in [-0.5, 0.5] (a full turn of the color wheel is 1):
    /// 0 keeps the image, 1/3 turns pure red into pure green, +/-0.5 gives the complementary colors.</param>
    /// <param name="maxValue">The brightest value: 1 for [0, 1] images, 255 for raw bytes. Pixels are divided by it
    /// before the conversion and multiplied by it after.</param>
    /// <remarks>
    /// <para>Convention (torchvision 0.14 <c>_rgb2hsv</c> / <c>_hsv2rgb</c>, computed in <see cref="float"/> in the same
    /// order): with <c>M = max(r, g, b)</c>, <c>m = min(r, g, b)</c> and <c>C = M - m</c>, the value is <c>v = M</c>, the
    /// saturation <c>s = C / M</c> (0 when <c>M = m</c>) and the hue <c>h = fmod(h6 / 6 + 1, 1)</c> with
    /// <c>h6 = (b' - g')</c> if <c>M = r</c>, else <c>2 + r' - b'</c> if <c>M = g</c>, else <c>4 + g' - r'</c>, where
    /// <c>r' = (M - r) / C</c> and so on (<c>C</c> taken as 1 when <c>M = m</c>). The shifted hue is
    /// <c>h - floor(h)</c> of <c>h + hueFactor</c> (Python's <c>%</c>). Back to RGB: <c>i = floor(6 h) mod 6</c>,
    /// <c>f = 6 h - floor(6 h)</c>, <c>p = clamp(v (1 - s))</c>, <c>q = clamp(v (1 - s f))</c>,
    /// <c>t = clamp(v (1 - s (1 - f)))</c> with clamps to [0, 1], and (r, g, b) is (v, t, p), (q, v, p), (p, v, t),
    /// (p, q, v), (t, p, v) or (v, p, q) for <c>i</c> = 0..5. As in torchvision, <c>v</c> itself is not clamped.</para>
    /// <para>Gray pixels (<c>r = g = b</c>) have saturation 0 and come back unchanged. Unlike torchvision, which returns
    /// one-channel images unchanged, this method requires three channels. For <c>maxValue = 255</c> the result is not
    /// rounded or truncated to integers (torchvision truncates when the input is <c>uint8</c>).</para>
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="hueFactor"/> is outside [-0.5, 0.5] or NaN,
    /// <paramref name="maxValue"/> is not a finite number &gt; 0, or the image does not have 3 channels.</exception>
    /// <exception cref="ArgumentException">A span has the wrong length or the spans partly overlap.</exception>
    public static void AdjustHue(ReadOnlySpan<float> source, ImageShape shape, Span<float> destination, float hueFactor, float maxValue = 1f)
    {
        CheckPixelwise(source, shape, destination);
        if (shape.Channels != 3)
        {
            throw new ArgumentOutOfRangeException(nameof(shape), shape,
                $"AdjustHue needs a 3-channel (RGB) image; the shape has {shape.Channels} channels.");
        }

        if (!(hueFactor >= -0.5f && hueFactor <= 0.5f))
        {
            throw new ArgumentOutOfRangeException(nameof(hueFactor), hueFactor, $"{nameof(hueFactor)} must be in [-0.5, 0.5].");
        }

        Guard.PositiveFinite(maxValue, nameof(maxValue));

        int plane = shape.PlaneSize;
        ref float sr = ref MemoryMarshal.GetReference(source);
        ref float sg = ref Unsafe.Add(ref sr, plane);
        ref float sb = ref Unsafe.Add(ref sr, 2 * plane);
        ref float dr = ref MemoryMarshal.GetReference(destination);
        ref float dg = ref Unsafe.Add(ref dr, plane);
        ref float db = ref Unsafe.Add(ref dr, 2 * plane);
        int p = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; p <= plane - Vector<float>.Count; p += Vector<float>.Count)
            {
                (Vector<float> r, Vector<float> g, Vector<float> b) = ShiftHue(
                    Vector.LoadUnsafe(ref sr, (nuint)p) / maxValue,
                    Vector.LoadUnsafe(ref sg, (nuint)p) / maxValue,
                    Vector.LoadUnsafe(ref sb, (nuint)p) / maxValue,
                    hueFactor);
                (r * maxValue).StoreUnsafe(ref dr, (nuint)p);
                (g * maxValue).StoreUnsafe(ref dg, (nuint)p);
                (b * maxValue).StoreUnsafe(ref db, (nuint)p);
            }
        }

        for (; p < plane; p++)
        {
            (float r, float g, float b) = ShiftHue(
                Unsafe.Add(ref sr, p) / maxValue, Unsafe.Add(ref sg, p) / maxValue, Unsafe.Add(ref sb, p) / maxValue, hueFactor);
            Unsafe.Add(ref dr, p) = r * maxValue;
            Unsafe.Add(ref dg, p) = g * maxValue;
            Unsafe.Add(ref db, p) = b * maxValue;
        }
    }

    /// <summary>One pixel in [0, 1]: _rgb2hsv, the hue shift, _hsv2rgb (the formulas of <see cref="AdjustHue"/>).</summary>
    private static (float R, float G, float B) ShiftHue(float r, float g, float b, float hueFactor)
    {
        // _rgb2hsv
        float maxc = MathF.Max(r, MathF.Max(g, b));
        float minc = MathF.Min(r, MathF.Min(g, b));
        bool eqc = maxc == minc;
        float cr = maxc - minc;
        float s = cr / (eqc ? 1f : maxc);
        float crDivisor = eqc ? 1f : cr;
        float rc = (maxc - r) / crDivisor;
        float gc = (maxc - g) / crDivisor;
        float bc = (maxc - b) / crDivisor;
        float h6 = maxc == r ? bc - gc : maxc == g ? 2f + rc - bc : 4f + gc - rc;
        float h = ((h6 / 6f) + 1f) % 1f;
        float v = maxc;

        // Shift: Python / torch remainder, result in [0, 1].
        h += hueFactor;
        h -= MathF.Floor(h);

        // _hsv2rgb
        float sector = MathF.Floor(h * 6f);
        float f = (h * 6f) - sector;
        float pp = Math.Clamp(v * (1f - s), 0f, 1f);
        float qq = Math.Clamp(v * (1f - (s * f)), 0f, 1f);
        float tt = Math.Clamp(v * (1f - (s * (1f - f))), 0f, 1f);
        return ((((int)sector % 6) + 6) % 6) switch
        {
            0 => (v, tt, pp),
            1 => (qq, v, pp),
            2 => (pp, v, tt),
            3 => (pp, qq, v),
            4 => (tt, pp, v),
            _ => (v, pp, qq),
        };
    }

    /// <summary>
    /// <see cref="ShiftHue(float, float, float, float)"/> on vectors of pixels, branch-free: the branches become
    /// selections by compare masks, <c>x % 1</c> for <c>x &gt; 0</c> becomes <c>x - floor(x)</c> (both exact), and
    /// the sector <c>i</c> is <c>floor(6 h)</c> with 6 (and NaN) taken as 0.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector<float> R, Vector<float> G, Vector<float> B) ShiftHue(Vector<float> r, Vector<float> g, Vector<float> b, float hueFactor)
    {
        Vector<float> one = Vector<float>.One;

        // _rgb2hsv; h6 / 6 + 1 lies in [5/6, 2] (or is NaN).
        Vector<float> maxc = Vector.Max(r, Vector.Max(g, b));
        Vector<float> minc = Vector.Min(r, Vector.Min(g, b));
        Vector<int> eqc = Vector.Equals(maxc, minc);
        Vector<float> cr = maxc - minc;
        Vector<float> s = cr / Vector.ConditionalSelect(eqc, one, maxc);
        Vector<float> crDivisor = Vector.ConditionalSelect(eqc, one, cr);
        Vector<float> rc = (maxc - r) / crDivisor;
        Vector<float> gc = (maxc - g) / crDivisor;
        Vector<float> bc = (maxc - b) / crDivisor;
        Vector<float> h6 = Vector.ConditionalSelect(
            Vector.Equals(maxc, r),
            bc - gc,
            Vector.ConditionalSelect(Vector.Equals(maxc, g), new Vector<float>(2f) + rc - bc, new Vector<float>(4f) + gc - rc));
        Vector<float> h = (h6 / 6f) + one;
        h -= Vector.Floor(h);
        Vector<float> v = maxc;

        h += new Vector<float>(hueFactor);
        h -= Vector.Floor(h);

        // _hsv2rgb
        Vector<float> sector = Vector.Floor(h * 6f);
        Vector<float> f = (h * 6f) - sector;
        Vector<float> pp = Vector.Clamp(v * (one - s), Vector<float>.Zero, one);
        Vector<float> qq = Vector.Clamp(v * (one - (s * f)), Vector<float>.Zero, one);
        Vector<float> tt = Vector.Clamp(v * (one - (s * (one - f))), Vector<float>.Zero, one);
        Vector<int> i1 = Vector.Equals(sector, new Vector<float>(1f));
        Vector<int> i2 = Vector.Equals(sector, new Vector<float>(2f));
        Vector<int> i3 = Vector.Equals(sector, new Vector<float>(3f));
        Vector<int> i4 = Vector.Equals(sector, new Vector<float>(4f));
        Vector<int> i5 = Vector.Equals(sector, new Vector<float>(5f));

        // (r, g, b) for i = 0..5: (v, t, p), (q, v, p), (p, v, t), (p, q, v), (t, p, v), (v, p, q).
        return (
            Vector.ConditionalSelect(i1, qq, Vector.ConditionalSelect(i2 | i3, pp, Vector.ConditionalSelect(i4, tt, v))),
            Vector.ConditionalSelect(i1 | i2, v, Vector.ConditionalSelect(i3, qq, Vector.ConditionalSelect(i4 | i5, pp, tt))),
            Vector.ConditionalSelect(i3 | i4, v, Vector.ConditionalSelect(i2, tt, Vector.ConditionalSelect(i5, qq, pp))));
    }
}
