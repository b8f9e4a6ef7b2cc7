namespace MLNet.Regularization.ImageAugmentation.Functional;

public static partial class ImageFunctions
{
    /// <summary>
    /// Rotates the image by <paramref name="angle"/> degrees counter-clockwise about its center, keeping its size
    /// (torchvision <c>F.rotate(img, angle, interpolation, expand=False, center=None, fill=[fill])</c> on tensors).
    /// </summary>
    /// <param name="source">The image, <c>shape.Length</c> values in CHW layout.</param>
    /// <param name="shape">The image shape.</param>
    /// <param name="destination">The result, same shape; must not overlap <paramref name="source"/>.</param>
    /// <param name="angle">The angle in degrees; positive turns the picture counter-clockwise as displayed (rows going down). Any finite value.</param>
    /// <param name="interpolation">How to sample between pixels. torchvision's default is <see cref="Interpolation.Nearest"/>.</param>
    /// <param name="fill">The value of output pixels whose source lies outside the image, in every channel.</param>
    /// <remarks>
    /// <para>Convention (torchvision's <c>_gen_affine_grid</c> with <c>align_corners=False</c>): pixel centers sit at
    /// integer coordinates and the center of rotation is <c>(cx, cy) = ((W - 1) / 2, (H - 1) / 2)</c>, the middle of the
    /// image. Output pixel <c>(x, y)</c> samples the source at
    /// <c>sx = cx + cos(a) (x - cx) - sin(a) (y - cy)</c>, <c>sy = cy + sin(a) (x - cx) + cos(a) (y - cy)</c>.
    /// So 90 degrees maps <c>dst[c, y, x] = src[c, x, W - 1 - y]</c> on a square image (NumPy <c>rot90</c>). For angles
    /// that are whole multiples of 90 degrees, sine and cosine are taken as exactly 0 and +/-1, so these rotations are
    /// exact permutations (torchvision's float32 grid may be off by a rounding error there).</para>
    /// <para><see cref="Interpolation.Nearest"/>: the source coordinate is rounded half to even; outside
    /// <c>[0, W) x [0, H)</c> the output is <paramref name="fill"/>.</para>
    /// <para><see cref="Interpolation.Bilinear"/>: taps outside the image count as 0, and with <c>S</c> the weighted sum of
    /// the inside taps and <c>m</c> the sum of their weights the output is <c>S * m + (1 - m) * fill</c>, exactly
    /// torchvision's <c>_apply_grid_transform</c> (where <c>m = 1</c> inside the image).</para>
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="angle"/> or <paramref name="fill"/> is NaN or infinite, or <paramref name="interpolation"/> is undefined.</exception>
    /// <exception cref="ArgumentException">A span has the wrong length or the spans overlap.</exception>
    public static void Rotate(
        ReadOnlySpan<float> source,
        ImageShape shape,
        Span<float> destination,
        float angle,
        Interpolation interpolation = Interpolation.Nearest,
        float fill = 0f)
    {
        // A rotation is the affine transform with no translation, unit scale and no shear: one sampling routine and one
        // set of argument checks serve both.
        Affine(source, shape, destination, angle, 0f, 0f, 1f, 0f, 0f, interpolation, fill);
    }
}
