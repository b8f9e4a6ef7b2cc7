using MLNet.Regularization.ImageAugmentation.Functional;

namespace MLNet.Regularization.ImageAugmentation.Tests.Functional;

public class HueBlurAffineTests
{
    // ---- AdjustHue ----------------------------------------------------------------------------------------

    [Fact]
    public void AdjustHue_FactorZero_IsIdentity()
    {
        var shape = new ImageShape(3, 5, 6);
        float[] source = TestImages.Uniform(shape, seed: 11);
        float[] result = new float[shape.Length];
        ImageFunctions.AdjustHue(source, shape, result, 0f);
        for (int i = 0; i < source.Length; i++)
        {
            Assert.True(Math.Abs(source[i] - result[i]) <= 1e-6f, $"index {i}: {source[i]} vs {result[i]}");
        }
    }

    [Fact]
    public void AdjustHue_HalfTwice_ReturnsOriginal_AlsoInPlaceAndWithMaxValue255()
    {
        var shape = new ImageShape(3, 4, 7);
        float[] source = TestImages.Uniform(shape, seed: 5);
        float[] once = new float[shape.Length];
        float[] twice = new float[shape.Length];
        ImageFunctions.AdjustHue(source, shape, once, 0.5f);
        ImageFunctions.AdjustHue(once, shape, twice, 0.5f);
        for (int i = 0; i < source.Length; i++)
        {
            Assert.True(Math.Abs(source[i] - twice[i]) <= 1e-5f, $"index {i}: {source[i]} vs {twice[i]}");
        }

        float[] inPlace = (float[])source.Clone();
        ImageFunctions.AdjustHue(inPlace, shape, inPlace, 0.5f);
        Assert.Equal(once, inPlace);

        float[] bytes = source.Select(v => v * 255f).ToArray();
        ImageFunctions.AdjustHue(bytes, shape, bytes, -0.5f, maxValue: 255f);
        ImageFunctions.AdjustHue(bytes, shape, bytes, -0.5f, maxValue: 255f);
        for (int i = 0; i < source.Length; i++)
        {
            Assert.True(Math.Abs((source[i] * 255f) - bytes[i]) <= 255e-5f, $"index {i}");
        }
    }

    [Theory]
    [InlineData(1f, 0f, 0f, 1f / 3f, 0f, 1f, 0f)]
    [InlineData(0f, 1f, 0f, 1f / 3f, 0f, 0f, 1f)]
    [InlineData(1f, 0f, 0f, -1f / 3f, 0f, 0f, 1f)]
    [InlineData(1f, 0f, 0f, 0.5f, 0f, 1f, 1f)]
    public void AdjustHue_PrimaryColors_RotateAroundTheWheel(float r, float g, float b, float factor, float er, float eg, float eb)
    {
        var shape = new ImageShape(3, 1, 1);
        float[] result = new float[3];
        ImageFunctions.AdjustHue([r, g, b], shape, result, factor);
        Assert.Equal(er, result[0], 1e-6f);
        Assert.Equal(eg, result[1], 1e-6f);
        Assert.Equal(eb, result[2], 1e-6f);
    }

    [Theory]
    [InlineData(0.3f)]
    [InlineData(-0.5f)]
    [InlineData(0.5f)]
    public void AdjustHue_GrayPixels_AreUnchanged(float factor)
    {
        var shape = new ImageShape(3, 1, 4);
        float[] source = [0f, 0.25f, 0.7f, 1f, 0f, 0.25f, 0.7f, 1f, 0f, 0.25f, 0.7f, 1f];
        float[] result = new float[shape.Length];
        ImageFunctions.AdjustHue(source, shape, result, factor);
        Assert.Equal(source, result);
    }

    [Fact]
    public void AdjustHue_BadArguments_Throw()
    {
        var rgb = new ImageShape(3, 2, 2);
        float[] image = new float[rgb.Length];
        float[] output = new float[rgb.Length];
        Assert.Equal("hueFactor", Assert.Throws<ArgumentOutOfRangeException>(() => ImageFunctions.AdjustHue(image, rgb, output, 0.6f)).ParamName);
        Assert.Equal("hueFactor", Assert.Throws<ArgumentOutOfRangeException>(() => ImageFunctions.AdjustHue(image, rgb, output, float.NaN)).ParamName);
        Assert.Equal("maxValue", Assert.Throws<ArgumentOutOfRangeException>(() => ImageFunctions.AdjustHue(image, rgb, output, 0.1f, 0f)).ParamName);
        var gray = new ImageShape(1, 2, 2);
        Assert.Equal("shape", Assert.Throws<ArgumentOutOfRangeException>(() => ImageFunctions.AdjustHue(new float[4], gray, new float[4], 0.1f)).ParamName);
    }

    // ---- GaussianBlur -------------------------------------------------------------------------------------

    [Fact]
    public void GaussianBlur_KernelSizeOne_IsIdentity()
    {
        var shape = new ImageShape(3, 5, 4);
        float[] source = TestImages.Uniform(shape, seed: 3);
        float[] result = new float[shape.Length];
        ImageFunctions.GaussianBlur(source, shape, result, 1, 1, 2.5f, 0.3f);
        Assert.Equal(source, result);
    }

    [Fact]
    public void GaussianBlur_ConstantImage_StaysConstant()
    {
        var shape = new ImageShape(2, 6, 5);
        float[] source = Enumerable.Repeat(0.37f, shape.Length).ToArray();
        float[] result = new float[shape.Length];
        ImageFunctions.GaussianBlur(source, shape, result, 5, 3, 1.5f, 0.8f);
        Assert.All(result, v => Assert.Equal(0.37f, v, 1e-6f));

        // A kernel wider than the image reflects periodically and still keeps a constant image constant.
        ImageFunctions.GaussianBlur(source, shape, result, 15, 13, 3f, 3f);
        Assert.All(result, v => Assert.Equal(0.37f, v, 1e-6f));
    }

    [Fact]
    public void GaussianBlur_CenteredImpulse_PreservesMassAndIsSymmetric()
    {
        var shape = new ImageShape(1, 11, 11);
        float[] source = new float[shape.Length];
        source[shape.IndexOf(0, 5, 5)] = 1f;
        float[] result = new float[shape.Length];
        ImageFunctions.GaussianBlur(source, shape, result, 5, 7, 1.2f, 1.7f);

        Assert.Equal(1.0, result.Sum(v => (double)v), 1e-5);
        for (int y = 0; y < 11; y++)
        {
            for (int x = 0; x < 11; x++)
            {
                float v = result[shape.IndexOf(0, y, x)];
                Assert.Equal(v, result[shape.IndexOf(0, y, 10 - x)], 1e-7f);
                Assert.Equal(v, result[shape.IndexOf(0, 10 - y, x)], 1e-7f);
                bool inKernel = Math.Abs(x - 5) <= 2 && Math.Abs(y - 5) <= 3;
                Assert.Equal(inKernel, v > 0f);
            }
        }

        // The center weight is the product of the two central 1-D weights.
        static double Center(int k, double sigma)
        {
            double sum = 0;
            for (int i = 0; i < k; i++)
            {
                double x = i - ((k - 1) / 2.0);
                sum += Math.Exp(-0.5 * (x / sigma) * (x / sigma));
            }

            return 1.0 / sum;
        }

        Assert.Equal(Center(5, 1.2) * Center(7, 1.7), result[shape.IndexOf(0, 5, 5)], 1e-6);
    }

    [Fact]
    public void GaussianBlur_ThreeTapsOnARow_EqualsHandComputedReflectConvolution()
    {
        // sigma = 1 / sqrt(2 ln 2) makes exp(-0.5 / sigma^2) = 1/2, so the kernel is [1/4, 1/2, 1/4].
        float sigma = (float)(1.0 / Math.Sqrt(2.0 * Math.Log(2.0)));
        var shape = new ImageShape(1, 1, 4);
        float[] result = new float[4];
        ImageFunctions.GaussianBlur([0f, 4f, 8f, 0f], shape, result, 3, 1, sigma, 1f);

        // Reflect padding: 4 [0 4 8 0] 8.
        float[] expected = [2f, 4f, 5f, 4f];
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(expected[i], result[i], 1e-5f);
        }

        // The same row as a column (kernel height 3) gives the same values.
        var column = new ImageShape(1, 4, 1);
        ImageFunctions.GaussianBlur([0f, 4f, 8f, 0f], column, result, 1, 3, 1f, sigma);
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(expected[i], result[i], 1e-5f);
        }
    }

    [Fact]
    public void GaussianBlur_BadArguments_Throw()
    {
        var shape = new ImageShape(1, 3, 3);
        float[] image = new float[9];
        float[] output = new float[9];
        Assert.Equal("kernelWidth", Assert.Throws<ArgumentOutOfRangeException>(() => ImageFunctions.GaussianBlur(image, shape, output, 2, 3, 1f, 1f)).ParamName);
        Assert.Equal("kernelHeight", Assert.Throws<ArgumentOutOfRangeException>(() => ImageFunctions.GaussianBlur(image, shape, output, 3, 0, 1f, 1f)).ParamName);
        Assert.Equal("sigmaX", Assert.Throws<ArgumentOutOfRangeException>(() => ImageFunctions.GaussianBlur(image, shape, output, 3, 3, 0f, 1f)).ParamName);
        Assert.Equal("sigmaY", Assert.Throws<ArgumentOutOfRangeException>(() => ImageFunctions.GaussianBlur(image, shape, output, 3, 3, 1f, float.NaN)).ParamName);
        Assert.Equal("destination", Assert.Throws<ArgumentException>(() => ImageFunctions.GaussianBlur(image, shape, image, 3, 3, 1f, 1f)).ParamName);
    }

    // ---- Affine -------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(Interpolation.Nearest, 30f)]
    [InlineData(Interpolation.Bilinear, 30f)]
    [InlineData(Interpolation.Nearest, -17.5f)]
    [InlineData(Interpolation.Bilinear, -17.5f)]
    [InlineData(Interpolation.Nearest, 90f)]
    [InlineData(Interpolation.Bilinear, 270f)]
    [InlineData(Interpolation.Bilinear, 123.4f)]
    public void Affine_PureRotation_EqualsRotateExactly(Interpolation interpolation, float angle)
    {
        var shape = new ImageShape(3, 6, 7);
        float[] source = TestImages.Uniform(shape, seed: 9);
        float[] rotated = new float[shape.Length];
        float[] affine = new float[shape.Length];
        ImageFunctions.Rotate(source, shape, rotated, angle, interpolation, fill: 0.5f);
        ImageFunctions.Affine(source, shape, affine, angle, 0f, 0f, 1f, 0f, 0f, interpolation, fill: 0.5f);
        Assert.Equal(rotated, affine);
    }

    [Theory]
    [InlineData(Interpolation.Nearest)]
    [InlineData(Interpolation.Bilinear)]
    public void Affine_Identity_CopiesTheImage(Interpolation interpolation)
    {
        var shape = new ImageShape(2, 5, 4);
        float[] source = TestImages.Uniform(shape, seed: 2);
        float[] result = new float[shape.Length];
        ImageFunctions.Affine(source, shape, result, 0f, 0f, 0f, 1f, 0f, 0f, interpolation, fill: -1f);
        Assert.Equal(source, result);
    }

    [Theory]
    [InlineData(2, 1)]
    [InlineData(-1, 3)]
    [InlineData(0, -2)]
    public void Affine_IntegerTranslation_WithNearest_ShiftsExactly(int tx, int ty)
    {
        var shape = new ImageShape(3, 5, 6);
        float[] source = TestImages.Ramp(shape);
        float[] result = new float[shape.Length];
        ImageFunctions.Affine(source, shape, result, 0f, tx, ty, 1f, 0f, 0f, Interpolation.Nearest, fill: -1f);
        for (int c = 0; c < 3; c++)
        {
            for (int y = 0; y < 5; y++)
            {
                for (int x = 0; x < 6; x++)
                {
                    int sx = x - tx;
                    int sy = y - ty;
                    float expected = sx >= 0 && sx < 6 && sy >= 0 && sy < 5 ? source[shape.IndexOf(c, sy, sx)] : -1f;
                    Assert.Equal(expected, result[shape.IndexOf(c, y, x)]);
                }
            }
        }
    }

    [Fact]
    public void Affine_ScaleTwo_WithNearest_ZoomsAboutTheCenter()
    {
        // 5 x 5, center (2, 2): output (x, y) samples (2 + (x - 2) / 2, 2 + (y - 2) / 2), rounded half to even.
        var shape = new ImageShape(1, 5, 5);
        float[] source = TestImages.Ramp(shape);
        float[] result = new float[shape.Length];
        ImageFunctions.Affine(source, shape, result, 0f, 0f, 0f, 2f, 0f, 0f);
        for (int y = 0; y < 5; y++)
        {
            for (int x = 0; x < 5; x++)
            {
                int sx = (int)Math.Round(2 + ((x - 2) / 2.0), MidpointRounding.ToEven);
                int sy = (int)Math.Round(2 + ((y - 2) / 2.0), MidpointRounding.ToEven);
                Assert.Equal(source[shape.IndexOf(0, sy, sx)], result[shape.IndexOf(0, y, x)]);
            }
        }
    }

    [Fact]
    public void Affine_ShearX45_WithNearest_ShiftsRowsByTheirOffsetFromTheCenter()
    {
        // torchvision: shear=[45, 0] gives the inverse matrix [1, 1; 0, 1] (tan 45 = 1), so output (x, y) samples
        // (x + (y - cy), y): rows below the center move left.
        var shape = new ImageShape(1, 5, 7);
        float[] source = TestImages.Ramp(shape);
        float[] result = new float[shape.Length];
        ImageFunctions.Affine(source, shape, result, 0f, 0f, 0f, 1f, 45f, 0f, Interpolation.Nearest, fill: -1f);
        for (int y = 0; y < 5; y++)
        {
            for (int x = 0; x < 7; x++)
            {
                int sx = x + (y - 2);
                float expected = sx >= 0 && sx < 7 ? source[shape.IndexOf(0, y, sx)] : -1f;
                Assert.Equal(expected, result[shape.IndexOf(0, y, x)]);
            }
        }
    }

    [Fact]
    public void Affine_BadArguments_Throw()
    {
        var shape = new ImageShape(1, 3, 3);
        float[] image = new float[9];
        float[] output = new float[9];
        Assert.Equal("scale", Assert.Throws<ArgumentOutOfRangeException>(() => ImageFunctions.Affine(image, shape, output, 0f, 0f, 0f, 0f, 0f, 0f)).ParamName);
        Assert.Equal("angle", Assert.Throws<ArgumentOutOfRangeException>(() => ImageFunctions.Affine(image, shape, output, float.NaN, 0f, 0f, 1f, 0f, 0f)).ParamName);
        Assert.Equal("translateY", Assert.Throws<ArgumentOutOfRangeException>(() => ImageFunctions.Affine(image, shape, output, 0f, 0f, float.PositiveInfinity, 1f, 0f, 0f)).ParamName);
        Assert.Equal("shearX", Assert.Throws<ArgumentOutOfRangeException>(() => ImageFunctions.Affine(image, shape, output, 0f, 0f, 0f, 1f, 90f, 0f)).ParamName);
        Assert.Equal("shearY", Assert.Throws<ArgumentOutOfRangeException>(() => ImageFunctions.Affine(image, shape, output, 0f, 0f, 0f, 1f, 0f, -270f)).ParamName);
        Assert.Equal("interpolation", Assert.Throws<ArgumentOutOfRangeException>(() => ImageFunctions.Affine(image, shape, output, 0f, 0f, 0f, 1f, 0f, 0f, (Interpolation)7)).ParamName);
        Assert.Equal("destination", Assert.Throws<ArgumentException>(() => ImageFunctions.Affine(image, shape, image, 0f, 0f, 0f, 1f, 0f, 0f)).ParamName);
    }
}
