using MLNet.Regularization.ImageAugmentation.Functional;

namespace MLNet.Regularization.ImageAugmentation.Tests.Functional;

/// <summary>
/// Affine/Rotate and ResizedCrop against straightforward scalar references (the per-pixel algorithms, coordinates in
/// <see cref="double"/>), on shapes whose widths are below, at and off multiples of the eight-pixel vector blocks, with
/// transforms that move parts of the image out of the frame.
/// </summary>
public class VectorizedGeometryTests
{
    private const double BilinearTolerance = 1e-4;

    /// <summary>Within this distance of a rounding boundary, nearest sampling may pick either pixel.</summary>
    private const double NearestBoundary = 1e-4;

    public static TheoryData<int, int, int> Shapes => new()
    {
        { 1, 1, 1 },
        { 1, 7, 5 },
        { 3, 13, 17 },
        { 4, 9, 31 },
        { 3, 40, 40 },
        { 2, 11, 64 },
    };

    /// <summary>angle, translateX, translateY, scale, shearX, shearY, fill.</summary>
    private static readonly float[][] AffineCases =
    [
        [0f, 0f, 0f, 1f, 0f, 0f, 0.25f],
        [17.3f, 0f, 0f, 1f, 0f, 0f, 0f],
        [-33f, 2.5f, -1.25f, 1.1f, 7f, -4f, 0.5f],
        [45f, 10f, -7f, 0.6f, 0f, 0f, -1f],
        [200f, 3f, 3f, 1.7f, 20f, 10f, 2f],
        [12f, -0.5f, 0.5f, 3.5f, -15f, 25f, 0.1f],
        [-8f, 0.3f, 0.7f, 0.35f, 0f, -30f, 0.9f],
        [5f, 100f, 0f, 1f, 0f, 0f, 0.3f],
        [0f, -0.5f, 0f, 1f, 0f, 0f, 0.6f],
        [90f, 1f, -2f, 1f, 0f, 0f, 0.7f],
        [-270f, 0f, 0f, 1f, 0f, 0f, 0f],
        [179f, -3.25f, 4f, 0.95f, 3f, 2f, 0.4f],
    ];

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Affine_Bilinear_MatchesTheScalarReference(int channels, int height, int width)
    {
        var shape = new ImageShape(channels, height, width);
        float[] source = TestImages.Uniform(shape, seed: 5);
        float[] actual = new float[shape.Length];
        foreach (float[] p in AffineCases)
        {
            ImageFunctions.Affine(source, shape, actual, p[0], p[1], p[2], p[3], p[4], p[5], Interpolation.Bilinear, p[6]);
            (float[] expected, _, _) = ReferenceAffine(source, shape, p, Interpolation.Bilinear);
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.True(
                    Math.Abs(actual[i] - expected[i]) <= BilinearTolerance,
                    $"{Describe(shape, p)}: value {i} is {actual[i]}, expected {expected[i]}.");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Affine_Nearest_MatchesTheScalarReference_AwayFromRoundingBoundaries(int channels, int height, int width)
    {
        var shape = new ImageShape(channels, height, width);
        float[] source = TestImages.Uniform(shape, seed: 6);
        float[] actual = new float[shape.Length];
        foreach (float[] p in AffineCases)
        {
            ImageFunctions.Affine(source, shape, actual, p[0], p[1], p[2], p[3], p[4], p[5], Interpolation.Nearest, p[6]);
            (float[] expected, double[] sx, double[] sy) = ReferenceAffine(source, shape, p, Interpolation.Nearest);
            int plane = shape.PlaneSize;
            for (int i = 0; i < expected.Length; i++)
            {
                if (NearRoundingBoundary(sx[i % plane]) || NearRoundingBoundary(sy[i % plane]))
                {
                    continue;
                }

                Assert.True(actual[i] == expected[i], $"{Describe(shape, p)}: value {i} is {actual[i]}, expected {expected[i]}.");
            }
        }
    }

    [Theory]
    [InlineData(Interpolation.Nearest, 3, 24, 24)]
    [InlineData(Interpolation.Bilinear, 3, 24, 24)]
    [InlineData(Interpolation.Nearest, 2, 16, 41)]
    [InlineData(Interpolation.Bilinear, 2, 16, 40)]
    [InlineData(Interpolation.Bilinear, 1, 33, 19)]
    public void Affine_QuarterTurnsAndWholeShifts_ArePixelExact(Interpolation interpolation, int channels, int height, int width)
    {
        // With W - H even, quarter turns map pixel centers onto pixel centers (otherwise bilinear blends two pixels half
        // and half, and nearest rounds the half to even, which is exact as well).
        var shape = new ImageShape(channels, height, width);
        float[] source = TestImages.Uniform(shape, seed: 7);
        float[] actual = new float[shape.Length];
        float[][] cases =
        [
            [90f, 0f, 0f], [180f, 0f, 0f], [-90f, 0f, 0f], [0f, 3f, -2f], [0f, -11f, 5f], [270f, 2f, 1f], [0f, 0f, 0f],
        ];
        foreach (float[] p in cases)
        {
            float[] parameters = [p[0], p[1], p[2], 1f, 0f, 0f, -1f];
            ImageFunctions.Affine(source, shape, actual, p[0], p[1], p[2], 1f, 0f, 0f, interpolation, fill: -1f);
            (float[] expected, _, _) = ReferenceAffine(source, shape, parameters, interpolation);
            Assert.True(expected.SequenceEqual(actual), Describe(shape, parameters));
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void ResizedCrop_MatchesTheScalarReference(int channels, int height, int width)
    {
        var shape = new ImageShape(channels, height, width);
        float[] source = TestImages.Uniform(shape, seed: 8);
        var boxes = new List<(int Top, int Left, int Height, int Width)> { (0, 0, height, width) };
        if (height > 2 && width > 2)
        {
            boxes.Add((1, 2, height - 2, width - 2));
            boxes.Add((height / 3, width / 4, Math.Max(1, height / 2), Math.Max(1, width / 2)));
        }

        (int Height, int Width)[] outputs = [(1, 1), (3, 9), (height, width), (2 * height + 1, 2 * width + 3), (5, 37), (Math.Max(1, height / 3), Math.Max(1, width / 3)), (height + 1, width - (width > 1 ? 1 : 0))];
        foreach (Interpolation interpolation in new[] { Interpolation.Bilinear, Interpolation.Nearest })
        {
            foreach ((int top, int left, int boxHeight, int boxWidth) in boxes)
            {
                foreach ((int outHeight, int outWidth) in outputs)
                {
                    var outShape = shape.WithSize(outHeight, outWidth);
                    float[] actual = new float[outShape.Length];
                    ImageFunctions.ResizedCrop(source, shape, actual, top, left, boxHeight, boxWidth, outHeight, outWidth, interpolation);
                    float[] expected = ReferenceResizedCrop(source, shape, top, left, boxHeight, boxWidth, outHeight, outWidth, interpolation);
                    string where = $"{shape}, box ({top}, {left}, {boxHeight}, {boxWidth}) -> {outHeight}x{outWidth}, {interpolation}";
                    for (int i = 0; i < expected.Length; i++)
                    {
                        Assert.True(Math.Abs(actual[i] - expected[i]) <= 1e-5, $"{where}: value {i} is {actual[i]}, expected {expected[i]}.");
                    }
                }
            }
        }
    }

    private static bool NearRoundingBoundary(double coordinate) =>
        Math.Abs(coordinate - Math.Floor(coordinate) - 0.5) < NearestBoundary;

    private static string Describe(ImageShape shape, float[] p) =>
        $"{shape}, angle {p[0]}, translate ({p[1]}, {p[2]}), scale {p[3]}, shear ({p[4]}, {p[5]}), fill {p[6]}";

    /// <summary>Affine per pixel, as torchvision: the inverse matrix and the sample points in double; also returns the sample points.</summary>
    private static (float[] Result, double[] Sx, double[] Sy) ReferenceAffine(float[] source, ImageShape shape, float[] p, Interpolation interpolation)
    {
        (double angle, double tx, double ty, double scale, double shearX, double shearY, float fill) = (p[0], p[1], p[2], p[3], p[4], p[5], p[6]);
        double rot = -angle * Math.PI / 180;
        double sxRad = shearX * Math.PI / 180;
        double syRad = shearY * Math.PI / 180;
        double a = Math.Cos(rot - syRad) / Math.Cos(syRad);
        double b = (-Math.Cos(rot - syRad) * Math.Tan(sxRad) / Math.Cos(syRad)) - Math.Sin(rot);
        double c = Math.Sin(rot - syRad) / Math.Cos(syRad);
        double d = (-Math.Sin(rot - syRad) * Math.Tan(sxRad) / Math.Cos(syRad)) + Math.Cos(rot);
        if (angle % 90 == 0 && shearX == 0 && shearY == 0)
        {
            // Whole quarter turns: exact sines and cosines, as the library.
            (a, b, c, d) = (Math.Round(a), Math.Round(b), Math.Round(c), Math.Round(d));
        }

        double m0 = d / scale, m1 = -b / scale, m3 = -c / scale, m4 = a / scale;
        double m2 = (m0 * -tx) + (m1 * -ty);
        double m5 = (m3 * -tx) + (m4 * -ty);
        int width = shape.Width, height = shape.Height, plane = shape.PlaneSize;
        double cx = (width - 1) * 0.5, cy = (height - 1) * 0.5;
        float[] result = new float[shape.Length];
        double[] sxs = new double[plane], sys = new double[plane];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                int o = (y * width) + x;
                double sx = cx + m2 + (m1 * (y - cy)) + (m0 * (x - cx));
                double sy = cy + m5 + (m4 * (y - cy)) + (m3 * (x - cx));
                (sxs[o], sys[o]) = (sx, sy);
                for (int ch = 0; ch < shape.Channels; ch++)
                {
                    result[(ch * plane) + o] = interpolation == Interpolation.Nearest
                        ? Nearest(source, shape, ch, sx, sy, fill)
                        : Bilinear(source, shape, ch, sx, sy, fill);
                }
            }
        }

        return (result, sxs, sys);
    }

    private static float Nearest(float[] source, ImageShape shape, int channel, double sx, double sy, float fill)
    {
        double rx = Math.Round(sx, MidpointRounding.ToEven);
        double ry = Math.Round(sy, MidpointRounding.ToEven);
        return rx >= 0 && rx < shape.Width && ry >= 0 && ry < shape.Height ? source[shape.IndexOf(channel, (int)ry, (int)rx)] : fill;
    }

    /// <summary>torch grid_sample (zeros padding) blended with fill by the inside weight, as torchvision's _apply_grid_transform.</summary>
    private static float Bilinear(float[] source, ImageShape shape, int channel, double sx, double sy, float fill)
    {
        double x0 = Math.Floor(sx), y0 = Math.Floor(sy);
        double ax = sx - x0, ay = sy - y0;
        double sum = 0, mask = 0;
        bool all = true;
        foreach ((double tx, double ty, double w) in new[] { (x0, y0, (1 - ax) * (1 - ay)), (x0 + 1, y0, ax * (1 - ay)), (x0, y0 + 1, (1 - ax) * ay), (x0 + 1, y0 + 1, ax * ay) })
        {
            if (tx >= 0 && tx < shape.Width && ty >= 0 && ty < shape.Height)
            {
                sum += w * source[shape.IndexOf(channel, (int)ty, (int)tx)];
                mask += w;
            }
            else
            {
                all = false;
            }
        }

        return (float)(all ? sum : (sum * mask) + ((1 - mask) * fill));
    }

    /// <summary>ResizedCrop per output pixel, as PyTorch's interpolate (align_corners=False, float32 scale).</summary>
    private static float[] ReferenceResizedCrop(float[] source, ImageShape shape, int top, int left, int height, int width, int outHeight, int outWidth, Interpolation interpolation)
    {
        var outShape = shape.WithSize(outHeight, outWidth);
        float[] result = new float[outShape.Length];
        float scaleX = (float)width / outWidth, scaleY = (float)height / outHeight;
        for (int c = 0; c < shape.Channels; c++)
        {
            for (int y = 0; y < outHeight; y++)
            {
                (int y0, int y1, double ay) = Taps(y, scaleY, height, interpolation);
                for (int x = 0; x < outWidth; x++)
                {
                    (int x0, int x1, double ax) = Taps(x, scaleX, width, interpolation);
                    double v00 = source[shape.IndexOf(c, top + y0, left + x0)], v01 = source[shape.IndexOf(c, top + y0, left + x1)];
                    double v10 = source[shape.IndexOf(c, top + y1, left + x0)], v11 = source[shape.IndexOf(c, top + y1, left + x1)];
                    result[outShape.IndexOf(c, y, x)] = (float)(((1 - ay) * (((1 - ax) * v00) + (ax * v01))) + (ay * (((1 - ax) * v10) + (ax * v11))));
                }
            }
        }

        return result;
    }

    private static (int I0, int I1, double Weight1) Taps(int d, float scale, int size, Interpolation interpolation)
    {
        if (interpolation == Interpolation.Nearest)
        {
            int i = Math.Min((int)MathF.Floor(d * scale), size - 1);
            return (i, i, 0);
        }

        float s = Math.Max(0f, (scale * (d + 0.5f)) - 0.5f);
        int i0 = Math.Min((int)s, size - 1);
        return (i0, Math.Min(i0 + 1, size - 1), s - i0);
    }
}
