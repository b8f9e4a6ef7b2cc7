namespace MLNet.Regularization.ImageAugmentation.Functional;

public static partial class ImageFunctions
{
    /// <summary>
    /// Applies one operation of the augmentation policies with a magnitude, torchvision 0.14's <c>_apply_op</c>
    /// (<c>transforms/autoaugment.py</c>) on an image of values in [0, <paramref name="maxValue"/>].
    /// </summary>
    /// <param name="source">The image, <c>shape.Length</c> values in CHW layout.</param>
    /// <param name="shape">The image shape: 1 or 3 (RGB) channels for <see cref="PolicyOperation.Color"/> and
    /// <see cref="PolicyOperation.Contrast"/>, any number for the others.</param>
    /// <param name="destination">The result, same shape; must not overlap <paramref name="source"/>.</param>
    /// <param name="operation">The operation.</param>
    /// <param name="magnitude">The signed magnitude, as the policies' tables give it; ignored by Identity, AutoContrast,
    /// Equalize and Invert.</param>
    /// <param name="interpolation">The sampling of the geometric operations.</param>
    /// <param name="fill">The value of pixels that come from outside the image in the geometric operations;
    /// <see langword="null"/> (torchvision's <c>fill=None</c>, its default) for 0 without the bilinear border blend (see remarks).</param>
    /// <param name="maxValue">The brightest value: 1 for images scaled to [0, 1], 255 for raw bytes.</param>
    /// <remarks>
    /// <para>With <c>m</c> the magnitude: <see cref="PolicyOperation.ShearX"/> is <see cref="Affine"/> with an x shear of
    /// <c>atan(m)</c> in degrees about the image's top-left corner (torchvision's <c>center=[0, 0]</c>: the affine transform
    /// about the center followed by a shift of <c>-m H / 2</c> along x), <see cref="PolicyOperation.ShearY"/> the same along
    /// y (shift <c>-m W / 2</c>); <see cref="PolicyOperation.TranslateX"/> and <see cref="PolicyOperation.TranslateY"/>
    /// shift by <c>(int)m</c> pixels (truncated, as Python's <c>int</c>); <see cref="PolicyOperation.Rotate"/> is
    /// <see cref="Rotate"/> by <c>m</c> degrees (the same sampling); <see cref="PolicyOperation.Brightness"/>, <see cref="PolicyOperation.Color"/>,
    /// <see cref="PolicyOperation.Contrast"/> and <see cref="PolicyOperation.Sharpness"/> are <see cref="AdjustBrightness"/>,
    /// <see cref="AdjustSaturation"/>, <see cref="AdjustContrast"/> and <see cref="AdjustSharpness"/> with the factor
    /// <c>1 + m</c>.</para>
    /// <para>torchvision runs the policies on <c>uint8</c> images (its posterize, equalize and a solarize threshold in 0..255
    /// need them). On floats in [0, <paramref name="maxValue"/>]: <see cref="PolicyOperation.Posterize"/> keeps <c>(int)m</c>
    /// bits of each 8-bit level as <see cref="Posterize"/> defines it, <see cref="PolicyOperation.Solarize"/> takes the
    /// threshold <c>(m * maxValue) / 255</c> in float (so a threshold of <c>k</c> levels inverts exactly the values of level
    /// <c>k</c> and above on an image of levels <c>q * maxValue / 255</c>, as torchvision's <c>img &gt;= k</c> on <c>uint8</c>),
    /// <see cref="PolicyOperation.Equalize"/> is <see cref="Equalize"/>, and the others compute what torchvision computes on
    /// float tensors: torchvision's <c>uint8</c> results are these truncated or rounded to whole levels after each operation,
    /// which the float results are not.</para>
    /// <para>Given a <paramref name="fill"/>, bilinear sampling blends it by the inside weight at the borders, as torchvision
    /// does when given a fill (see <see cref="Affine"/>);
    /// with <see langword="null"/>, as torchvision's <c>fill=None</c>, taps outside the image count 0 and the sum is kept
    /// unblended. Nearest sampling gives <paramref name="fill"/> (or 0) outside the image either way.</para>
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="magnitude"/> is not finite, or out of the operation's
    /// range (a factor <c>1 + m</c> below 0, bits outside 0..8, a threshold outside 0..255), the operation or
    /// <paramref name="interpolation"/> is undefined, <paramref name="fill"/> is not finite, <paramref name="maxValue"/> is
    /// not a finite number &gt; 0, or Color or Contrast gets neither 1 nor 3 channels.</exception>
    /// <exception cref="ArgumentException">A span has the wrong length or the spans overlap.</exception>
    public static void ApplyPolicyOperation(
        ReadOnlySpan<float> source,
        ImageShape shape,
        Span<float> destination,
        PolicyOperation operation,
        float magnitude,
        Interpolation interpolation = Interpolation.Nearest,
        float? fill = null,
        float maxValue = 1f)
    {
        CheckImage(source, shape);
        Guard.Length(destination.Length, shape.Length, shape, nameof(destination));
        Guard.NoOverlap(source, destination, nameof(destination));
        Guard.Enum(operation, nameof(operation));
        Guard.Finite(magnitude, nameof(magnitude));
        Guard.PositiveFinite(maxValue, nameof(maxValue));
        bool blend = fill is not null;
        float outside = fill ?? 0f;
        switch (operation)
        {
            case PolicyOperation.Identity:
                source.CopyTo(destination);
                break;
            case PolicyOperation.ShearX:
            {
                float degrees = ShearDegrees(magnitude);
                float shift = (float)(-Math.Tan(degrees * (Math.PI / 180.0)) * shape.Height * 0.5);
                AffineCore(source, shape, destination, 0f, shift, 0f, 1f, degrees, 0f, interpolation, outside, blend);
                break;
            }

            case PolicyOperation.ShearY:
            {
                float degrees = ShearDegrees(magnitude);
                float shift = (float)(-Math.Tan(degrees * (Math.PI / 180.0)) * shape.Width * 0.5);
                AffineCore(source, shape, destination, 0f, 0f, shift, 1f, 0f, degrees, interpolation, outside, blend);
                break;
            }

            case PolicyOperation.TranslateX:
                AffineCore(source, shape, destination, 0f, MathF.Truncate(magnitude), 0f, 1f, 0f, 0f, interpolation, outside, blend);
                break;
            case PolicyOperation.TranslateY:
                AffineCore(source, shape, destination, 0f, 0f, MathF.Truncate(magnitude), 1f, 0f, 0f, interpolation, outside, blend);
                break;
            case PolicyOperation.Rotate:
                AffineCore(source, shape, destination, magnitude, 0f, 0f, 1f, 0f, 0f, interpolation, outside, blend);
                break;
            case PolicyOperation.Brightness:
                AdjustBrightness(source, shape, destination, Factor(magnitude), maxValue);
                break;
            case PolicyOperation.Color:
                AdjustSaturation(source, shape, destination, Factor(magnitude), maxValue);
                break;
            case PolicyOperation.Contrast:
                AdjustContrast(source, shape, destination, Factor(magnitude), maxValue);
                break;
            case PolicyOperation.Sharpness:
                AdjustSharpness(source, shape, destination, Factor(magnitude), maxValue);
                break;
            case PolicyOperation.Posterize:
                Posterize(source, shape, destination, (int)MathF.Truncate(magnitude), maxValue);
                break;
            case PolicyOperation.Solarize:
                if (!(magnitude >= 0f && magnitude <= 255f))
                {
                    throw new ArgumentOutOfRangeException(nameof(magnitude), magnitude, "A Solarize threshold must be in 0..255 (8-bit levels).");
                }

                Solarize(source, shape, destination, (magnitude * maxValue) / 255f, maxValue);
                break;
            case PolicyOperation.AutoContrast:
                AutoContrast(source, shape, destination, maxValue);
                break;
            case PolicyOperation.Equalize:
                Equalize(source, shape, destination, maxValue);
                break;
            default:
                Invert(source, shape, destination, maxValue);
                break;
        }
    }

    /// <summary>torchvision's <c>math.degrees(math.atan(magnitude))</c>.</summary>
    private static float ShearDegrees(float magnitude) => (float)(Math.Atan(magnitude) * (180.0 / Math.PI));

    /// <summary>The factor <c>1 + m</c> of the color operations, as torchvision's Python float reaches its float32 blend.</summary>
    private static float Factor(float magnitude)
    {
        float factor = (float)(1.0 + magnitude);
        if (!(factor >= 0f))
        {
            throw new ArgumentOutOfRangeException(nameof(magnitude), magnitude, "The factor 1 + magnitude must not be negative.");
        }

        return factor;
    }
}
