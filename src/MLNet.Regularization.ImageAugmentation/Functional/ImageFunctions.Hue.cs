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
        for (int p = 0; p < plane; p++)
        {
            float r = source[p] / maxValue;
            float g = source[plane + p] / maxValue;
            float b = source[(2 * plane) + p] / maxValue;

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
            float h6;
            if (maxc == r)
            {
                h6 = bc - gc;
            }
            else if (maxc == g)
            {
                h6 = 2f + rc - bc;
            }
            else
            {
                h6 = 4f + gc - rc;
            }

            float h = ((h6 / 6f) + 1f) % 1f;
            float v = maxc;

            // Shift: Python / torch remainder, result in [0, 1].
            h += hueFactor;
            h -= MathF.Floor(h);

            // _hsv2rgb
            float h6Floor = MathF.Floor(h * 6f);
            float f = (h * 6f) - h6Floor;
            int i = (((int)h6Floor % 6) + 6) % 6;
            float pp = Math.Clamp(v * (1f - s), 0f, 1f);
            float qq = Math.Clamp(v * (1f - (s * f)), 0f, 1f);
            float tt = Math.Clamp(v * (1f - (s * (1f - f))), 0f, 1f);
            (float outR, float outG, float outB) = i switch
            {
                0 => (v, tt, pp),
                1 => (qq, v, pp),
                2 => (pp, v, tt),
                3 => (pp, qq, v),
                4 => (tt, pp, v),
                _ => (v, pp, qq),
            };

            destination[p] = outR * maxValue;
            destination[plane + p] = outG * maxValue;
            destination[(2 * plane) + p] = outB * maxValue;
        }
    }
}
