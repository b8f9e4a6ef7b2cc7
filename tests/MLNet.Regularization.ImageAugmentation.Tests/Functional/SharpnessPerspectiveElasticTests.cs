using System.Drawing;
using MLNet.Regularization.ImageAugmentation.Functional;

namespace MLNet.Regularization.ImageAugmentation.Tests.Functional;

/// <summary>AdjustSharpness against the 3 x 3 filter written out; Perspective and ElasticTransform on transforms whose result is
/// known exactly (the identity, whole-pixel shifts), and their argument checks.</summary>
public class SharpnessPerspectiveElasticTests
{
    public static TheoryData<int, int, int> Shapes => new() { { 1, 3, 3 }, { 3, 7, 5 }, { 1, 13, 17 }, { 3, 32, 32 }, { 2, 9, 40 } };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void AdjustSharpness_blends_with_the_3x3_smoothing_filter_inside_and_keeps_the_border(int channels, int height, int width)
    {
        var shape = new ImageShape(channels, height, width);
        float[] source = Uniform(shape, seed: height + width);
        foreach ((float factor, float maxValue) in new[] { (0f, 1f), (0.4f, 1f), (2.5f, 1f), (1.5f, 0.8f) })
        {
            var actual = new float[shape.Length];
            ImageFunctions.AdjustSharpness(source, shape, actual, factor, maxValue);
            for (int c = 0; c < channels; c++)
            {
                for (int y = 0; y < height; y++)
                {
                    for (int x = 0; x < width; x++)
                    {
                        float v = source[shape.IndexOf(c, y, x)];
                        bool border = y == 0 || x == 0 || y == height - 1 || x == width - 1;
                        double smooth = v;
                        if (!border)
                        {
                            double sum = 0;
                            for (int dy = -1; dy <= 1; dy++)
                            {
                                for (int dx = -1; dx <= 1; dx++) sum += (dx == 0 && dy == 0 ? 5 : 1) * source[shape.IndexOf(c, y + dy, x + dx)];
                            }

                            smooth = sum / 13;
                        }

                        double expected = Math.Clamp((factor * v) + ((1 - factor) * smooth), 0, maxValue);
                        Assert.Equal(expected, actual[shape.IndexOf(c, y, x)], 1e-5);
                    }
                }
            }
        }
    }

    [Fact]
    public void AdjustSharpness_with_factor_1_gives_the_image_and_copies_images_of_two_rows()
    {
        var shape = new ImageShape(3, 11, 19);
        float[] source = Uniform(shape, seed: 3);
        var result = new float[shape.Length];
        ImageFunctions.AdjustSharpness(source, shape, result, 1f);
        Assert.Equal(source, result);

        var thin = new ImageShape(3, 2, 19);
        float[] wide = Uniform(thin, seed: 4).Select(v => v * 3).ToArray();
        var copy = new float[thin.Length];
        ImageFunctions.AdjustSharpness(wide, thin, copy, 2f);
        Assert.Equal(wide, copy);
    }

    [Theory]
    [InlineData(Interpolation.Nearest)]
    [InlineData(Interpolation.Bilinear)]
    public void Perspective_from_the_corners_to_the_corners_gives_the_image_exactly(Interpolation interpolation)
    {
        var shape = new ImageShape(3, 21, 37);
        float[] source = Uniform(shape, seed: 5);
        PointF[] corners = Corners(shape);
        var result = new float[shape.Length];
        ImageFunctions.Perspective(source, shape, result, corners, corners, interpolation);
        Assert.Equal(source, result);
    }

    [Fact]
    public void Perspective_that_moves_every_corner_by_the_same_whole_pixels_shifts_the_image()
    {
        var shape = new ImageShape(2, 17, 29);
        float[] source = Uniform(shape, seed: 6);
        PointF[] start = Corners(shape);
        PointF[] end = start.Select(p => new PointF(p.X + 3, p.Y - 2)).ToArray();
        var result = new float[shape.Length];
        ImageFunctions.Perspective(source, shape, result, start, end, Interpolation.Nearest, fill: -1f);
        AssertShifted(source, shape, result, dx: 3, dy: -2, fill: -1f);
    }

    [Fact]
    public void Perspective_that_pulls_the_top_corners_inwards_narrows_the_top_rows()
    {
        var shape = new ImageShape(1, 20, 40);
        var source = Enumerable.Repeat(1f, shape.Length).ToArray();
        PointF[] start = Corners(shape);
        PointF[] end = [new(10, 0), new(29, 0), new(39, 19), new(0, 19)];
        var result = new float[shape.Length];
        ImageFunctions.Perspective(source, shape, result, start, end, Interpolation.Nearest);
        Assert.Equal(0f, result[shape.IndexOf(0, 0, 3)]);
        Assert.Equal(0f, result[shape.IndexOf(0, 0, 36)]);
        Assert.Equal(1f, result[shape.IndexOf(0, 0, 20)]);
        Assert.Equal(1f, result[shape.IndexOf(0, 19, 1)]);
        Assert.Equal(1f, result[shape.IndexOf(0, 19, 38)]);
    }

    [Fact]
    public void Perspective_refuses_bad_points_naming_them()
    {
        var shape = new ImageShape(3, 8, 8);
        var image = new float[shape.Length];
        var output = new float[shape.Length];
        PointF[] corners = Corners(shape);
        PointF[] onALine = [new(0, 0), new(3, 3), new(7, 7), new(0, 7)];
        Assert.Equal("endpoints", Assert.Throws<ArgumentException>(() => ImageFunctions.Perspective(image, shape, output, corners, onALine)).ParamName);
        Assert.Equal("startpoints", Assert.Throws<ArgumentException>(() => ImageFunctions.Perspective(image, shape, output, corners[..3], corners)).ParamName);
        Assert.Equal("endpoints", Assert.Throws<ArgumentOutOfRangeException>(() =>
            ImageFunctions.Perspective(image, shape, output, corners, [new(float.NaN, 0), new(7, 0), new(7, 7), new(0, 7)])).ParamName);
        Assert.Equal("fill", Assert.Throws<ArgumentOutOfRangeException>(() => ImageFunctions.Perspective(image, shape, output, corners, corners, fill: float.NaN)).ParamName);
        Assert.Equal("interpolation", Assert.Throws<ArgumentOutOfRangeException>(() => ImageFunctions.Perspective(image, shape, output, corners, corners, (Interpolation)7)).ParamName);
        Assert.Equal("destination", Assert.Throws<ArgumentException>(() => ImageFunctions.Perspective(image, shape, image, corners, corners)).ParamName);
    }

    [Theory]
    [InlineData(Interpolation.Nearest)]
    [InlineData(Interpolation.Bilinear)]
    public void ElasticTransform_with_a_zero_field_gives_the_image_exactly(Interpolation interpolation)
    {
        var shape = new ImageShape(3, 19, 23);
        float[] source = Uniform(shape, seed: 7);
        var result = new float[shape.Length];
        ImageFunctions.ElasticTransform(source, shape, result, new float[2 * shape.PlaneSize], interpolation);
        Assert.Equal(source, result);
    }

    [Theory]
    [InlineData(Interpolation.Nearest)]
    [InlineData(Interpolation.Bilinear)]
    public void ElasticTransform_with_a_uniform_field_of_whole_pixels_shifts_the_image(Interpolation interpolation)
    {
        // dx = 3 * 2 / W samples 3 pixels to the right (the picture moves left); dy = -2 * 2 / H samples 2 rows up.
        var shape = new ImageShape(2, 16, 32);
        float[] source = Uniform(shape, seed: 8);
        var field = new float[2 * shape.PlaneSize];
        for (int p = 0; p < shape.PlaneSize; p++) (field[2 * p], field[(2 * p) + 1]) = (3 * 2f / 32, -2 * 2f / 16);
        var result = new float[shape.Length];
        ImageFunctions.ElasticTransform(source, shape, result, field, interpolation, fill: 0.5f);
        AssertShifted(source, shape, result, dx: -3, dy: 2, fill: 0.5f);
    }

    [Fact]
    public void ElasticTransform_refuses_a_field_of_the_wrong_size_naming_it()
    {
        var shape = new ImageShape(3, 8, 8);
        var image = new float[shape.Length];
        var output = new float[shape.Length];
        Assert.Equal("displacement", Assert.Throws<ArgumentException>(() => ImageFunctions.ElasticTransform(image, shape, output, new float[shape.PlaneSize])).ParamName);
        Assert.Equal("fill", Assert.Throws<ArgumentOutOfRangeException>(() =>
            ImageFunctions.ElasticTransform(image, shape, output, new float[2 * shape.PlaneSize], fill: float.PositiveInfinity)).ParamName);
    }

    /// <summary>The result is the source moved by (dx, dy) whole pixels: <c>result[y, x] = source[y - dy, x - dx]</c>, fill outside.</summary>
    private static void AssertShifted(float[] source, ImageShape shape, float[] result, int dx, int dy, float fill)
    {
        for (int c = 0; c < shape.Channels; c++)
        {
            for (int y = 0; y < shape.Height; y++)
            {
                for (int x = 0; x < shape.Width; x++)
                {
                    int sx = x - dx, sy = y - dy;
                    bool inside = sx >= 0 && sx < shape.Width && sy >= 0 && sy < shape.Height;
                    Assert.Equal(inside ? source[shape.IndexOf(c, sy, sx)] : fill, result[shape.IndexOf(c, y, x)]);
                }
            }
        }
    }

    private static PointF[] Corners(ImageShape shape) =>
        [new(0, 0), new(shape.Width - 1, 0), new(shape.Width - 1, shape.Height - 1), new(0, shape.Height - 1)];

    private static float[] Uniform(ImageShape shape, int seed)
    {
        var random = SeededRandom.Create((ulong)seed);
        return Enumerable.Range(0, shape.Length).Select(_ => random.NextSingle()).ToArray();
    }
}
