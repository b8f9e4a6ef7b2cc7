using System.Buffers;
using System.Drawing;

namespace MLNet.Regularization.ImageAugmentation.Functional;

public static partial class ImageFunctions
{
    /// <summary>
    /// Applies a perspective transform that moves the four <paramref name="startpoints"/> to the four
    /// <paramref name="endpoints"/>, keeping the image size (torchvision
    /// <c>F.perspective(img, startpoints, endpoints, interpolation, fill=[fill])</c> on tensors).
    /// </summary>
    /// <param name="source">The image, <c>shape.Length</c> values in CHW layout, any number of channels.</param>
    /// <param name="shape">The image shape.</param>
    /// <param name="destination">The result, same shape; must not overlap <paramref name="source"/>.</param>
    /// <param name="startpoints">Four points (x, y) of the source, in pixels: torchvision's <c>[top-left, top-right,
    /// bottom-right, bottom-left]</c> of the original image, <c>[[0, 0], [W - 1, 0], [W - 1, H - 1], [0, H - 1]]</c>, for example.</param>
    /// <param name="endpoints">The four points (x, y) of the result that the start points move to, in the same order.</param>
    /// <param name="interpolation">How to sample between pixels. torchvision's default is <see cref="Interpolation.Bilinear"/>.</param>
    /// <param name="fill">The value of output pixels whose source lies outside the image, in every channel.</param>
    /// <remarks>
    /// <para>Convention (torchvision 0.14 <c>_get_perspective_coeffs</c> and <c>_perspective_grid</c>): the eight coefficients
    /// <c>a .. h</c> of the homography that takes each end point to its start point solve
    /// <c>[ex, ey, 1, 0, 0, 0, -sx ex, -sx ey] . c = sx</c> and <c>[0, 0, 0, ex, ey, 1, -sy ex, -sy ey] . c = sy</c> for the
    /// four pairs (torchvision solves the same system in float32 with <c>lstsq</c>; here it is solved in <see cref="double"/>
    /// by Gaussian elimination). Output pixel <c>(x, y)</c>, with <c>X = x + 0.5</c> and <c>Y = y + 0.5</c>, samples the
    /// source at pixel-center coordinates <c>sx = (a X + b Y + c) / (g X + h Y + 1) - 0.5</c>,
    /// <c>sy = (d X + e Y + f) / (g X + h Y + 1) - 0.5</c>, which is torchvision's normalized grid taken through
    /// <c>grid_sample</c> with <c>align_corners=False</c>. The coordinates are computed in <see cref="double"/> and rounded
    /// to <see cref="float"/> (torchvision's grid is float32), so they differ from torchvision's by float rounding. With
    /// <see cref="Interpolation.Nearest"/> that matters only where a source point lies exactly halfway between two pixels (which
    /// whole-pixel points produce on some pixels): the point is rounded half to even here, while in torchvision its float32
    /// rounding error picks the side.</para>
    /// <para>Sampling is that of <see cref="Rotate"/> and <see cref="Affine"/>: <see cref="Interpolation.Nearest"/> rounds half to
    /// even and writes <paramref name="fill"/> outside the image; <see cref="Interpolation.Bilinear"/> counts taps outside the
    /// image as 0 and blends with <paramref name="fill"/> by the inside weight.</para>
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fill"/> or a point coordinate is NaN or infinite, or
    /// <paramref name="interpolation"/> is undefined.</exception>
    /// <exception cref="ArgumentException">A span has the wrong length or the spans overlap; <paramref name="startpoints"/> or
    /// <paramref name="endpoints"/> does not hold exactly four points, or the points define no perspective transform
    /// (three of them on one line).</exception>
    public static void Perspective(
        ReadOnlySpan<float> source,
        ImageShape shape,
        Span<float> destination,
        ReadOnlySpan<PointF> startpoints,
        ReadOnlySpan<PointF> endpoints,
        Interpolation interpolation = Interpolation.Bilinear,
        float fill = 0f)
    {
        if (!TryPerspective(source, shape, destination, startpoints, endpoints, interpolation, fill))
        {
            throw new ArgumentException(
                "The points define no perspective transform: three of the start points or of the end points lie on one line.", nameof(endpoints));
        }
    }

    /// <summary>
    /// <see cref="Perspective"/>, returning false, with nothing written, when the points define no perspective transform
    /// (a random perspective of a tiny image may draw such points).
    /// </summary>
    internal static bool TryPerspective(
        ReadOnlySpan<float> source,
        ImageShape shape,
        Span<float> destination,
        ReadOnlySpan<PointF> startpoints,
        ReadOnlySpan<PointF> endpoints,
        Interpolation interpolation,
        float fill)
    {
        CheckImage(source, shape);
        Guard.Length(destination.Length, shape.Length, shape, nameof(destination));
        Guard.NoOverlap(source, destination, nameof(destination));
        CheckPoints(startpoints, nameof(startpoints));
        CheckPoints(endpoints, nameof(endpoints));
        Guard.Finite(fill, nameof(fill));
        Guard.Enum(interpolation, nameof(interpolation));
        Span<double> k = stackalloc double[8];
        if (!PerspectiveCoefficients(startpoints, endpoints, k))
        {
            return false;
        }

        int width = shape.Width;
        float[]? rented = null;
        Span<float> coordinates = 2 * width <= StackLimit
            ? stackalloc float[2 * width]
            : (rented = ArrayPool<float>.Shared.Rent(2 * width)).AsSpan(0, 2 * width);
        try
        {
            Span<float> xs = coordinates[..width];
            Span<float> ys = coordinates[width..];
            GridSampler.Prefetch(source);
            for (int y = 0; y < shape.Height; y++)
            {
                double rowY = y + 0.5;
                double numeratorX = (k[1] * rowY) + k[2];
                double numeratorY = (k[4] * rowY) + k[5];
                double denominator = (k[7] * rowY) + 1.0;
                for (int x = 0; x < width; x++)
                {
                    double columnX = x + 0.5;
                    double w = (k[6] * columnX) + denominator;
                    xs[x] = (float)((((k[0] * columnX) + numeratorX) / w) - 0.5);
                    ys[x] = (float)((((k[3] * columnX) + numeratorY) / w) - 0.5);
                }

                GridSampler.SamplePoints(source, shape, destination, y, xs, ys, interpolation, fill);
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<float>.Shared.Return(rented);
            }
        }

        return true;
    }

    private static void CheckPoints(ReadOnlySpan<PointF> points, string paramName)
    {
        if (points.Length != 4)
        {
            throw new ArgumentException($"{paramName} must hold exactly four points (top-left, top-right, bottom-right, bottom-left); it holds {points.Length}.", paramName);
        }

        foreach (PointF point in points)
        {
            if (!float.IsFinite(point.X) || !float.IsFinite(point.Y))
            {
                throw new ArgumentOutOfRangeException(paramName, point, $"The coordinates of {paramName} must be finite numbers.");
            }
        }
    }

    /// <summary>
    /// torchvision's <c>_get_perspective_coeffs</c>: the eight coefficients of the homography taking each end point to its start
    /// point, by Gaussian elimination with partial pivoting in <see cref="double"/>. False when the system is singular.
    /// </summary>
    private static bool PerspectiveCoefficients(ReadOnlySpan<PointF> startpoints, ReadOnlySpan<PointF> endpoints, Span<double> coefficients)
    {
        Span<double> a = stackalloc double[8 * 9];
        for (int i = 0; i < 4; i++)
        {
            double ex = endpoints[i].X, ey = endpoints[i].Y, sx = startpoints[i].X, sy = startpoints[i].Y;
            Span<double> first = a.Slice(2 * i * 9, 9);
            Span<double> second = a.Slice(((2 * i) + 1) * 9, 9);
            first.Clear();
            second.Clear();
            (first[0], first[1], first[2], first[6], first[7], first[8]) = (ex, ey, 1.0, -sx * ex, -sx * ey, sx);
            (second[3], second[4], second[5], second[6], second[7], second[8]) = (ex, ey, 1.0, -sy * ex, -sy * ey, sy);
        }

        double scale = 0;
        foreach (double v in a)
        {
            scale = Math.Max(scale, Math.Abs(v));
        }

        for (int col = 0; col < 8; col++)
        {
            int pivot = col;
            for (int row = col + 1; row < 8; row++)
            {
                if (Math.Abs(a[(row * 9) + col]) > Math.Abs(a[(pivot * 9) + col]))
                {
                    pivot = row;
                }
            }

            if (!(Math.Abs(a[(pivot * 9) + col]) > 1e-12 * scale))
            {
                return false;
            }

            if (pivot != col)
            {
                for (int j = 0; j < 9; j++)
                {
                    (a[(col * 9) + j], a[(pivot * 9) + j]) = (a[(pivot * 9) + j], a[(col * 9) + j]);
                }
            }

            for (int row = col + 1; row < 8; row++)
            {
                double f = a[(row * 9) + col] / a[(col * 9) + col];
                for (int j = col; j < 9; j++)
                {
                    a[(row * 9) + j] -= f * a[(col * 9) + j];
                }
            }
        }

        for (int row = 7; row >= 0; row--)
        {
            double sum = a[(row * 9) + 8];
            for (int j = row + 1; j < 8; j++)
            {
                sum -= a[(row * 9) + j] * coefficients[j];
            }

            coefficients[row] = sum / a[(row * 9) + row];
        }

        foreach (double v in coefficients)
        {
            if (!double.IsFinite(v))
            {
                return false;
            }
        }

        return true;
    }
}
