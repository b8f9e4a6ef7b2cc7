namespace MLNet.Regularization.ImageAugmentation.Functional;

public static partial class ImageFunctions
{
    /// <summary>
    /// Applies an affine transform about the image center, keeping the image size (torchvision
    /// <c>F.affine(img, angle, translate=[translateX, translateY], scale, shear=[shearX, shearY], interpolation, fill=[fill])</c>
    /// on tensors): rotation by <paramref name="angle"/>, scaling, shear, then translation.
    /// </summary>
    /// <param name="source">The image, <c>shape.Length</c> values in CHW layout.</param>
    /// <param name="shape">The image shape.</param>
    /// <param name="destination">The result, same shape; must not overlap <paramref name="source"/>.</param>
    /// <param name="angle">The rotation in degrees; positive turns the picture counter-clockwise as displayed, as <see cref="Rotate"/>. Any finite value.</param>
    /// <param name="translateX">The horizontal shift in pixels after the rotation; positive moves the picture right. Any finite value (fractions interpolate).</param>
    /// <param name="translateY">The vertical shift in pixels; positive moves the picture down. Any finite value.</param>
    /// <param name="scale">The zoom, a finite number &gt; 0: 2 doubles the picture about the center, 1 keeps its size.</param>
    /// <param name="shearX">The shear angle in degrees parallel to the x axis (torchvision <c>shear[0]</c>), finite and not an odd multiple of 90.</param>
    /// <param name="shearY">The shear angle in degrees parallel to the y axis (torchvision <c>shear[1]</c>), finite and not an odd multiple of 90.</param>
    /// <param name="interpolation">How to sample between pixels. torchvision's default is <see cref="Interpolation.Nearest"/>.</param>
    /// <param name="fill">The value of output pixels whose source lies outside the image, in every channel.</param>
    /// <remarks>
    /// <para>Convention (torchvision 0.14 <c>_get_inverse_affine_matrix(center=[0, 0], -angle, translate, scale, shear)</c>
    /// with the grid of <c>_gen_affine_grid</c>, <c>align_corners=False</c>): with <c>rot = -angle</c>,
    /// <c>sx = shearX</c>, <c>sy = shearY</c> in radians,
    /// <c>a = cos(rot - sy) / cos(sy)</c>, <c>b = -cos(rot - sy) tan(sx) / cos(sy) - sin(rot)</c>,
    /// <c>c = sin(rot - sy) / cos(sy)</c>, <c>d = -sin(rot - sy) tan(sx) / cos(sy) + cos(rot)</c>, the inverse matrix is
    /// <c>[d, -b, 0; -c, a, 0] / scale</c> followed by the inverse translation: <c>m2 = m0 (-tx) + m1 (-ty)</c>,
    /// <c>m5 = m3 (-tx) + m4 (-ty)</c>. Pixel centers sit at integer coordinates and, with
    /// <c>(cx, cy) = ((W - 1) / 2, (H - 1) / 2)</c>, output pixel <c>(x, y)</c> samples the source at
    /// <c>sx = cx + m2 + m1 (y - cy) + m0 (x - cx)</c>, <c>sy = cy + m5 + m4 (y - cy) + m3 (x - cx)</c>.
    /// The matrix and the sample point at the middle of each row are computed in <see cref="double"/>, the steps along
    /// the row in <see cref="float"/> (torchvision's grid is float32); sines and cosines of whole multiples of 90 degrees
    /// are exact, so <c>Affine(angle, 0, 0, 1, 0, 0)</c> gives exactly the pixels of
    /// <see cref="Rotate"/> and an integer translation with <see cref="Interpolation.Nearest"/> is an exact shift
    /// <c>dst[c, y, x] = src[c, y - ty, x - tx]</c>.</para>
    /// <para>Sampling is that of <see cref="Rotate"/>: <see cref="Interpolation.Nearest"/> rounds half to even and writes
    /// <paramref name="fill"/> outside <c>[0, W) x [0, H)</c>; <see cref="Interpolation.Bilinear"/> treats taps outside the
    /// image as 0 and blends the result with <paramref name="fill"/> by the inside weight (torchvision's
    /// <c>_apply_grid_transform</c>).</para>
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">An angle, translation, shear or <paramref name="fill"/> is NaN or infinite,
    /// <paramref name="scale"/> is not a finite number &gt; 0 (or so small that the matrix overflows), a shear is an odd multiple
    /// of 90 degrees, or <paramref name="interpolation"/> is undefined.</exception>
    /// <exception cref="ArgumentException">A span has the wrong length or the spans overlap.</exception>
    public static void Affine(
        ReadOnlySpan<float> source,
        ImageShape shape,
        Span<float> destination,
        float angle,
        float translateX,
        float translateY,
        float scale,
        float shearX,
        float shearY,
        Interpolation interpolation = Interpolation.Nearest,
        float fill = 0f) =>
        AffineCore(source, shape, destination, angle, translateX, translateY, scale, shearX, shearY, interpolation, fill, blendFill: true);

    /// <summary><see cref="Affine"/>;
    /// with <paramref name="blendFill"/> false, bilinear sampling keeps the zero-padded sum at the borders, unblended
    /// (torchvision's <c>fill=None</c>), and pixels from outside the image are 0.</summary>
    internal static void AffineCore(
        ReadOnlySpan<float> source,
        ImageShape shape,
        Span<float> destination,
        float angle,
        float translateX,
        float translateY,
        float scale,
        float shearX,
        float shearY,
        Interpolation interpolation,
        float fill,
        bool blendFill)
    {
        CheckImage(source, shape);
        Guard.Length(destination.Length, shape.Length, shape, nameof(destination));
        Guard.NoOverlap(source, destination, nameof(destination));
        Guard.Finite(angle, nameof(angle));
        Guard.Finite(translateX, nameof(translateX));
        Guard.Finite(translateY, nameof(translateY));
        Guard.PositiveFinite(scale, nameof(scale));
        Guard.Finite(shearX, nameof(shearX));
        Guard.Finite(shearY, nameof(shearY));
        Guard.Finite(fill, nameof(fill));
        Guard.Enum(interpolation, nameof(interpolation));

        // rot = -angle: cos(rot) = cos(angle), sin(rot) = -sin(angle); rot - sy = -(angle + shearY).
        (double cosAngle, double sinAngle) = CosSinDegrees(angle);
        double cosRot = cosAngle;
        double sinRot = -sinAngle;
        (double cosRotSy, double sinNegRotSy) = CosSinDegrees((double)angle + shearY);
        double sinRotSy = -sinNegRotSy;
        (double cosSx, double sinSx) = CosSinDegrees(shearX);
        (double cosSy, _) = CosSinDegrees(shearY);
        if (cosSx == 0.0)
        {
            throw new ArgumentOutOfRangeException(nameof(shearX), shearX, $"{nameof(shearX)} must not be an odd multiple of 90 degrees (its tangent is infinite).");
        }

        if (cosSy == 0.0)
        {
            throw new ArgumentOutOfRangeException(nameof(shearY), shearY, $"{nameof(shearY)} must not be an odd multiple of 90 degrees (its cosine is 0).");
        }

        double tanSx = sinSx / cosSx;
        double a = cosRotSy / cosSy;
        double b = (-cosRotSy * tanSx / cosSy) - sinRot;
        double c = sinRotSy / cosSy;
        double d = (-sinRotSy * tanSx / cosSy) + cosRot;

        double m0 = d / scale;
        double m1 = -b / scale;
        double m3 = -c / scale;
        double m4 = a / scale;
        if (!double.IsFinite(m0) || !double.IsFinite(m1) || !double.IsFinite(m3) || !double.IsFinite(m4))
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, $"{nameof(scale)} is too small: the inverse affine matrix overflows.");
        }

        double m2 = (m0 * -(double)translateX) + (m1 * -(double)translateY);
        double m5 = (m3 * -(double)translateX) + (m4 * -(double)translateY);
        if (!double.IsFinite(m2) || !double.IsFinite(m5))
        {
            throw new ArgumentOutOfRangeException(nameof(translateX), translateX, "The translation is too large for the inverse affine matrix.");
        }

        GridSampler.Prefetch(source);
        double cx = (shape.Width - 1) * 0.5;
        double cy = (shape.Height - 1) * 0.5;
        double originX = cx + m2;
        double originY = cy + m5;
        for (int y = 0; y < shape.Height; y++)
        {
            double dy = y - cy;
            float rowX = (float)(originX + (m1 * dy));
            float rowY = (float)(originY + (m4 * dy));
            GridSampler.SampleRow(source, shape, destination, y, rowX, rowY, (float)m0, (float)m3, interpolation, fill, blendFill);
        }
    }

    /// <summary>Cosine and sine of an angle in degrees, exact (0, +/-1) at whole multiples of 90 degrees.</summary>
    private static (double Cos, double Sin) CosSinDegrees(double angle)
    {
        double a = Math.IEEERemainder(angle, 360.0);
        if (a % 90.0 == 0.0)
        {
            int quarter = (((int)(a / 90.0) % 4) + 4) % 4;
            return quarter switch
            {
                0 => (1.0, 0.0),
                1 => (0.0, 1.0),
                2 => (-1.0, 0.0),
                _ => (0.0, -1.0),
            };
        }

        double radians = a * Math.PI / 180.0;
        return (Math.Cos(radians), Math.Sin(radians));
    }
}
