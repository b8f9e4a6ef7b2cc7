using MLNet.Regularization.ImageAugmentation.Functional;

namespace MLNet.Regularization.ImageAugmentation.Tests.Functional;

public class CropFarOutsideTests
{
    [Theory]
    [InlineData(-20, -30)]
    [InlineData(15, 40)]
    [InlineData(-2, 3)]
    public void A_padded_crop_matches_a_pixel_by_pixel_reference_wherever_the_window_lies(int top, int left)
    {
        var shape = new ImageShape(2, 5, 7);
        var source = Enumerable.Range(0, shape.Length).Select(i => (float)i).ToArray();
        foreach (var padding in new[] { PaddingMode.Constant, PaddingMode.Reflect })
        {
            var actual = new float[2 * 6 * 9];
            ImageFunctions.Crop(source, shape, actual, top, left, 6, 9, padding, fill: -1);
            for (int c = 0; c < 2; c++)
                for (int y = 0; y < 6; y++)
                    for (int x = 0; x < 9; x++)
                    {
                        int sy = Map(top + y, 5, padding), sx = Map(left + x, 7, padding);
                        float expected = sy < 0 || sx < 0 ? -1 : source[shape.IndexOf(c, sy, sx)];
                        Assert.Equal(expected, actual[(c * 6 + y) * 9 + x]);
                    }
        }
    }

    // Reflect without repeating the edge, periodic beyond one image size (the documented convention); -1 for constant fill.
    private static int Map(int i, int size, PaddingMode padding)
    {
        if (i >= 0 && i < size) return i;
        if (padding == PaddingMode.Constant) return -1;
        int period = 2 * (size - 1);
        int m = ((i % period) + period) % period;
        return m < size ? m : period - m;
    }
}
