using MLNet.Regularization.ImageAugmentation.Functional;

namespace MLNet.Regularization.ImageAugmentation.Tests.Functional;

public class GeometricTests
{
    [Fact]
    public void HorizontalFlip_Of3x4Image_EqualsHandWrittenArray()
    {
        var shape = new ImageShape(1, 3, 4);
        float[] source = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
        var result = new float[12];
        ImageFunctions.HorizontalFlip(source, shape, result);
        Assert.Equal([4, 3, 2, 1, 8, 7, 6, 5, 12, 11, 10, 9], result);
    }

    [Fact]
    public void VerticalFlip_Of3x4Image_EqualsHandWrittenArray()
    {
        var shape = new ImageShape(1, 3, 4);
        float[] source = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
        var result = new float[12];
        ImageFunctions.VerticalFlip(source, shape, result);
        Assert.Equal([9, 10, 11, 12, 5, 6, 7, 8, 1, 2, 3, 4], result);
    }

    [Theory]
    [InlineData(3, 5, 4)]
    [InlineData(1, 4, 7)]
    public void Flips_AppliedTwice_AreIdentity_AlsoInPlace(int channels, int height, int width)
    {
        var shape = new ImageShape(channels, height, width);
        float[] source = TestImages.Ramp(shape);
        float[] once = new float[shape.Length];
        float[] twice = new float[shape.Length];

        ImageFunctions.HorizontalFlip(source, shape, once);
        ImageFunctions.HorizontalFlip(once, shape, twice);
        Assert.Equal(source, twice);

        ImageFunctions.VerticalFlip(source, shape, once);
        ImageFunctions.VerticalFlip(once, shape, twice);
        Assert.Equal(source, twice);

        float[] inPlace = (float[])source.Clone();
        ImageFunctions.VerticalFlip(inPlace, shape, inPlace);
        Assert.Equal(once, inPlace);
        ImageFunctions.VerticalFlip(inPlace, shape, inPlace);
        ImageFunctions.HorizontalFlip(inPlace, shape, inPlace);
        ImageFunctions.HorizontalFlip(inPlace, shape, inPlace);
        Assert.Equal(source, inPlace);
    }

    [Theory]
    [InlineData(Interpolation.Nearest, 4)]
    [InlineData(Interpolation.Bilinear, 4)]
    [InlineData(Interpolation.Nearest, 5)]
    [InlineData(Interpolation.Bilinear, 5)]
    public void Rotate90_OnSquareImage_EqualsFlipThenTranspose(Interpolation interpolation, int size)
    {
        var shape = new ImageShape(3, size, size);
        float[] source = TestImages.Ramp(shape);
        float[] result = new float[shape.Length];
        ImageFunctions.Rotate(source, shape, result, 90f, interpolation, fill: -1f);

        // Counter-clockwise: dst[c, y, x] = src[c, x, W - 1 - y] (NumPy rot90).
        for (int c = 0; c < 3; c++)
        {
            for (int y = 0; y < size; y++)
            {
                for (int x = 0; x < size; x++)
                {
                    Assert.Equal(source[shape.IndexOf(c, x, size - 1 - y)], result[shape.IndexOf(c, y, x)]);
                }
            }
        }
    }

    [Theory]
    [InlineData(Interpolation.Nearest)]
    [InlineData(Interpolation.Bilinear)]
    public void Rotate_ByZeroOr360_IsIdentity_AndBy180IsBothFlips(Interpolation interpolation)
    {
        var shape = new ImageShape(3, 5, 6);
        float[] source = TestImages.Uniform(shape, 1);
        float[] result = new float[shape.Length];
        ImageFunctions.Rotate(source, shape, result, 0f, interpolation);
        Assert.Equal(source, result);
        ImageFunctions.Rotate(source, shape, result, -360f, interpolation);
        Assert.Equal(source, result);

        float[] flipped = new float[shape.Length];
        float[] both = new float[shape.Length];
        ImageFunctions.HorizontalFlip(source, shape, flipped);
        ImageFunctions.VerticalFlip(flipped, shape, both);
        ImageFunctions.Rotate(source, shape, result, 180f, interpolation);
        Assert.Equal(both, result);
    }

    [Fact]
    public void Rotate90_OnNonSquareImage_FillsUncoveredPixels()
    {
        // 1x2x4: center (1.5, 0.5). Output (x, y) samples sx = 1.5 - (y - 0.5), sy = 0.5 + (x - 1.5).
        var shape = new ImageShape(1, 2, 4);
        float[] source = [0, 1, 2, 3, 10, 11, 12, 13];
        float[] result = new float[8];
        ImageFunctions.Rotate(source, shape, result, 90f, Interpolation.Nearest, fill: -7f);
        // Row 0: sx = 2, sy = -1, 0, 1, 2 -> fill, src[0,2], src[1,2], fill.
        // Row 1: sx = 1 -> fill, src[0,1], src[1,1], fill.
        Assert.Equal([-7, 2, 12, -7, -7, 1, 11, -7], result);
    }

    [Fact]
    public void Rotate_Bilinear_BlendsEdgeWithFillAsTorchvision()
    {
        // A uniform image rotated by 45 degrees: inside pixels stay 1; the corners get fill 0;
        // every value stays within [0, 1] up to float rounding of the bilinear weights.
        var shape = new ImageShape(1, 8, 8);
        float[] source = Enumerable.Repeat(1f, 64).ToArray();
        float[] result = new float[64];
        ImageFunctions.Rotate(source, shape, result, 45f, Interpolation.Bilinear, fill: 0f);
        Assert.Equal(1f, result[shape.IndexOf(0, 4, 4)], 5);
        Assert.Equal(0f, result[shape.IndexOf(0, 0, 0)]);
        Assert.All(result, v => Assert.InRange(v, 0f, 1f + 1e-6f));
    }

    [Fact]
    public void Crop_PicksTheBoxAtTheOffsets()
    {
        var shape = new ImageShape(2, 5, 6);
        float[] source = TestImages.Ramp(shape);
        float[] result = new float[2 * 2 * 3];
        ImageFunctions.Crop(source, shape, result, top: 1, left: 2, height: 2, width: 3);
        Assert.Equal([12, 13, 14, 22, 23, 24, 112, 113, 114, 122, 123, 124], result);
    }

    [Fact]
    public void Crop_WithReflectPadding_MatchesHandComputedExample()
    {
        // Row [0 1 2] reflected by 2: [2 1 | 0 1 2 | 1 0]; rows [0, 10] (height 2) reflected by 1: [10 | 0 10 | 0].
        var shape = new ImageShape(1, 2, 3);
        float[] source = [0, 1, 2, 10, 11, 12];
        float[] result = new float[4 * 7];
        ImageFunctions.Crop(source, shape, result, top: -1, left: -2, height: 4, width: 7, PaddingMode.Reflect);
        Assert.Equal(
            [
                12, 11, 10, 11, 12, 11, 10,
                2, 1, 0, 1, 2, 1, 0,
                12, 11, 10, 11, 12, 11, 10,
                2, 1, 0, 1, 2, 1, 0,
            ],
            result);
    }

    [Fact]
    public void Crop_WithConstantPadding_FillsOutside()
    {
        var shape = new ImageShape(1, 2, 2);
        float[] source = [1, 2, 3, 4];
        float[] result = new float[9];
        ImageFunctions.Crop(source, shape, result, top: -1, left: 0, height: 3, width: 3, PaddingMode.Constant, fill: 9f);
        Assert.Equal([9, 9, 9, 1, 2, 9, 3, 4, 9], result);
    }

    [Theory]
    [InlineData(Interpolation.Bilinear)]
    [InlineData(Interpolation.Nearest)]
    public void Resize_ToSameSize_IsIdentity(Interpolation interpolation)
    {
        var shape = new ImageShape(3, 7, 5);
        float[] source = TestImages.Uniform(shape, 2);
        float[] result = new float[shape.Length];
        ImageFunctions.Resize(source, shape, result, 7, 5, interpolation);
        Assert.Equal(source, result);
    }

    [Fact]
    public void Resize_Bilinear_HalvesByAveragingPairs_AndDoublesWithAlignCornersFalse()
    {
        // Halving: scale 2, output d samples 2d + 0.5, the mean of the pair.
        var shape = new ImageShape(1, 1, 4);
        float[] source = [0, 2, 4, 8];
        float[] half = new float[2];
        ImageFunctions.Resize(source, shape, half, 1, 2);
        Assert.Equal([1, 6], half);

        // Doubling [0 4]: samples max(0, 0.5 d - 0.25) = 0, 0.25, 0.75, 1.25 -> 0, 1, 3, 4 (PyTorch align_corners=False).
        float[] doubled = new float[4];
        ImageFunctions.Resize([0f, 4f], new ImageShape(1, 1, 2), doubled, 1, 4);
        Assert.Equal([0, 1, 3, 4], doubled);
    }

    [Fact]
    public void ResizedCrop_EqualsCropThenResize()
    {
        var shape = new ImageShape(3, 9, 8);
        float[] source = TestImages.Uniform(shape, 3);
        float[] cropped = new float[3 * 5 * 4];
        ImageFunctions.Crop(source, shape, cropped, 2, 3, 5, 4);
        float[] expected = new float[3 * 7 * 6];
        ImageFunctions.Resize(cropped, new ImageShape(3, 5, 4), expected, 7, 6);
        float[] actual = new float[expected.Length];
        ImageFunctions.ResizedCrop(source, shape, actual, 2, 3, 5, 4, 7, 6);
        Assert.Equal(expected, actual);
    }
}
