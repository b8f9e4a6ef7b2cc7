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
        CheckImage(source, shape);
        Guard.Length(destination.Length, shape.Length, shape, nameof(destination));
        Guard.NoOverlap(source, destination, nameof(destination));
        Guard.Finite(angle, nameof(angle));
        Guard.Finite(fill, nameof(fill));
        Guard.Enum(interpolation, nameof(interpolation));

        (double cos, double sin) = CosSinDegrees(angle);
        int width = shape.Width;
        int height = shape.Height;
        int plane = shape.PlaneSize;
        int channels = shape.Channels;
        double cx = (width - 1) * 0.5;
        double cy = (height - 1) * 0.5;

        for (int y = 0; y < height; y++)
        {
            double dy = y - cy;
            double rowX = cx - (sin * dy);
            double rowY = cy + (cos * dy);
            for (int x = 0; x < width; x++)
            {
                double dx = x - cx;
                double sx = rowX + (cos * dx);
                double sy = rowY + (sin * dx);
                int outIndex = (y * width) + x;

                if (interpolation == Interpolation.Nearest)
                {
                    double rx = Math.Round(sx, MidpointRounding.ToEven);
                    double ry = Math.Round(sy, MidpointRounding.ToEven);
                    if (rx >= 0 && rx < width && ry >= 0 && ry < height)
                    {
                        int inIndex = ((int)ry * width) + (int)rx;
                        for (int c = 0; c < channels; c++)
                        {
                            destination[(c * plane) + outIndex] = source[(c * plane) + inIndex];
                        }
                    }
                    else
                    {
                        for (int c = 0; c < channels; c++)
                        {
                            destination[(c * plane) + outIndex] = fill;
                        }
                    }

                    continue;
                }

                double fx0 = Math.Floor(sx);
                double fy0 = Math.Floor(sy);
                if (fx0 < -1 || fx0 >= width || fy0 < -1 || fy0 >= height)
                {
                    for (int c = 0; c < channels; c++)
                    {
                        destination[(c * plane) + outIndex] = fill;
                    }

                    continue;
                }

                int x0 = (int)fx0;
                int y0 = (int)fy0;
                float ax = (float)(sx - fx0);
                float ay = (float)(sy - fy0);
                float wNw = (1f - ax) * (1f - ay);
                float wNe = ax * (1f - ay);
                float wSw = (1f - ax) * ay;
                float wSe = ax * ay;
                bool left = x0 >= 0;
                bool right = x0 + 1 < width;
                bool top = y0 >= 0;
                bool bottom = y0 + 1 < height;
                bool inNw = left && top;
                bool inNe = right && top;
                bool inSw = left && bottom;
                bool inSe = right && bottom;
                int iNw = (y0 * width) + x0;
                bool inside = inNw && inNe && inSw && inSe;
                float mask = (inNw ? wNw : 0f) + (inNe ? wNe : 0f) + (inSw ? wSw : 0f) + (inSe ? wSe : 0f);

                for (int c = 0; c < channels; c++)
                {
                    int b = (c * plane) + iNw;
                    float sum = 0f;
                    if (inNw)
                    {
                        sum += wNw * source[b];
                    }

                    if (inNe)
                    {
                        sum += wNe * source[b + 1];
                    }

                    if (inSw)
                    {
                        sum += wSw * source[b + width];
                    }

                    if (inSe)
                    {
                        sum += wSe * source[b + width + 1];
                    }

                    destination[(c * plane) + outIndex] = inside ? sum : (sum * mask) + ((1f - mask) * fill);
                }
            }
        }
    }

    /// <summary>Cosine and sine of an angle in degrees, exact (0, +/-1) at whole multiples of 90 degrees.</summary>
    private static (double Cos, double Sin) CosSinDegrees(float angle)
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
