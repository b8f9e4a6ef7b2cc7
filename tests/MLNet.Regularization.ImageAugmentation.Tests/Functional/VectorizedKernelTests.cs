using MLNet.Regularization.ImageAugmentation.Functional;

namespace MLNet.Regularization.ImageAugmentation.Tests.Functional;

/// <summary>
/// Checks the vectorized color, hue and blur kernels against plain scalar formulas written here, on shapes whose planes
/// are smaller than a vector (tail only), not a multiple of the vector width (vectors and tail) or a multiple of it
/// (vectors only), out of place and in place.
/// </summary>
public class VectorizedKernelTests
{
    private const float Tolerance = 1e-5f;

    public static TheoryData<int, int, int> RgbShapes => new() { { 3, 1, 1 }, { 3, 7, 5 }, { 3, 13, 17 }, { 3, 32, 32 } };

    public static TheoryData<int, int, int> GrayAndRgbShapes => new()
    {
        { 1, 1, 1 }, { 1, 13, 17 }, { 1, 32, 32 }, { 3, 1, 1 }, { 3, 7, 5 }, { 3, 13, 17 }, { 3, 32, 32 },
    };

    [Theory]
    [MemberData(nameof(GrayAndRgbShapes))]
    [InlineData(2, 13, 17)]
    public void AdjustBrightness_MatchesScalarFormula(int channels, int height, int width)
    {
        var shape = new ImageShape(channels, height, width);
        foreach ((float factor, float maxValue) in new[] { (0.7f, 1f), (1.6f, 1f), (1.3f, 255f) })
        {
            float[] source = Random(shape, -0.2f * maxValue, 1.2f * maxValue, seed: height + width);
            float[] expected = source.Select(v => Math.Clamp(factor * v, 0f, maxValue)).ToArray();
            AssertBothWays(source, expected, maxValue, (s, d) => ImageFunctions.AdjustBrightness(s, shape, d, factor, maxValue));
        }
    }

    [Theory]
    [MemberData(nameof(GrayAndRgbShapes))]
    public void AdjustContrast_MatchesScalarFormula(int channels, int height, int width)
    {
        var shape = new ImageShape(channels, height, width);
        foreach ((float factor, float maxValue) in new[] { (0.4f, 1f), (1.7f, 1f), (1.3f, 255f) })
        {
            float[] source = Random(shape, -0.2f * maxValue, 1.2f * maxValue, seed: height * width);
            float mean = (float)(Enumerable.Range(0, shape.PlaneSize).Sum(p => (double)Gray(source, shape, p)) / shape.PlaneSize);
            float offset = (1f - factor) * mean;
            float[] expected = source.Select(v => Math.Clamp((factor * v) + offset, 0f, maxValue)).ToArray();
            AssertBothWays(source, expected, maxValue, (s, d) => ImageFunctions.AdjustContrast(s, shape, d, factor, maxValue));
        }
    }

    [Theory]
    [MemberData(nameof(GrayAndRgbShapes))]
    public void AdjustSaturation_MatchesScalarFormula(int channels, int height, int width)
    {
        var shape = new ImageShape(channels, height, width);
        int plane = shape.PlaneSize;
        foreach ((float factor, float maxValue) in new[] { (0.3f, 1f), (1.8f, 1f), (1.4f, 255f) })
        {
            float[] source = Random(shape, -0.2f * maxValue, 1.2f * maxValue, seed: height + (3 * width));
            float[] expected = (float[])source.Clone();
            if (channels == 3)
            {
                for (int i = 0; i < source.Length; i++)
                {
                    float gray = (1f - factor) * Gray(source, shape, i % plane);
                    expected[i] = Math.Clamp((factor * source[i]) + gray, 0f, maxValue);
                }
            }

            AssertBothWays(source, expected, maxValue, (s, d) => ImageFunctions.AdjustSaturation(s, shape, d, factor, maxValue));
        }
    }

    [Theory]
    [MemberData(nameof(GrayAndRgbShapes))]
    public void Grayscale_MatchesScalarFormula(int channels, int height, int width)
    {
        var shape = new ImageShape(channels, height, width);
        float[] source = Random(shape, 0f, 1f, seed: width);
        float[] expected = Enumerable.Range(0, shape.PlaneSize).Select(p => Gray(source, shape, p)).ToArray();
        float[] actual = new float[shape.PlaneSize];
        ImageFunctions.Grayscale(source, shape, actual);
        AssertClose(expected, actual, Tolerance);
    }

    [Theory]
    [MemberData(nameof(RgbShapes))]
    public void AdjustHue_MatchesScalarFormula(int channels, int height, int width)
    {
        var shape = new ImageShape(channels, height, width);
        float[] source = HueTestImage(shape, seed: height * width);
        foreach (float hueFactor in new[] { -0.5f, -0.23f, 0f, 0.1f, 1f / 3f, 0.5f })
        {
            foreach (float maxValue in new[] { 1f, 255f })
            {
                float[] scaled = source.Select(v => v * maxValue).ToArray();
                AssertBothWays(scaled, ReferenceHue(scaled, shape, hueFactor, maxValue), maxValue,
                    (s, d) => ImageFunctions.AdjustHue(s, shape, d, hueFactor, maxValue));
            }
        }
    }

    [Theory]
    [InlineData(1, 1, 1, 3, 5)]
    [InlineData(3, 7, 5, 5, 5)]
    [InlineData(3, 13, 17, 5, 3)]
    [InlineData(2, 20, 37, 9, 1)]
    [InlineData(1, 24, 33, 1, 7)]
    [InlineData(3, 6, 4, 15, 13)]
    [InlineData(1, 1, 19, 5, 5)]
    [InlineData(1, 19, 1, 5, 5)]
    public void GaussianBlur_MatchesDirectTwoDimensionalConvolution(int channels, int height, int width, int kernelWidth, int kernelHeight)
    {
        var shape = new ImageShape(channels, height, width);
        float[] source = Random(shape, 0f, 1f, seed: (height * 100) + width);
        const float SigmaX = 1.3f;
        const float SigmaY = 0.8f;
        float[] kx = Kernel(kernelWidth, SigmaX);
        float[] ky = Kernel(kernelHeight, SigmaY);
        float[] expected = new float[shape.Length];
        for (int c = 0; c < channels; c++)
        {
            for (int y = 0; y < height; y++)
            {
                for (int x = 0; x < width; x++)
                {
                    double sum = 0;
                    for (int i = 0; i < kernelHeight; i++)
                    {
                        for (int j = 0; j < kernelWidth; j++)
                        {
                            int sy = Reflect(y + i - (kernelHeight / 2), height);
                            int sx = Reflect(x + j - (kernelWidth / 2), width);
                            sum += ky[i] * kx[j] * (double)source[shape.IndexOf(c, sy, sx)];
                        }
                    }

                    expected[shape.IndexOf(c, y, x)] = (float)sum;
                }
            }
        }

        float[] actual = new float[shape.Length];
        ImageFunctions.GaussianBlur(source, shape, actual, kernelWidth, kernelHeight, SigmaX, SigmaY);
        AssertClose(expected, actual, Tolerance);
    }

    private static float Gray(float[] image, ImageShape shape, int p) => shape.Channels == 1
        ? image[p]
        : (0.2989f * image[p]) + (0.587f * image[shape.PlaneSize + p]) + (0.114f * image[(2 * shape.PlaneSize) + p]);

    /// <summary>Runs the operation out of place and in place; both must match <paramref name="expected"/>.</summary>
    private static void AssertBothWays(float[] source, float[] expected, float maxValue, Action<float[], float[]> operation)
    {
        float[] original = (float[])source.Clone();
        float[] actual = new float[source.Length];
        operation(source, actual);
        Assert.Equal(original, source);
        AssertClose(expected, actual, Tolerance * maxValue);

        operation(source, source);
        AssertClose(expected, source, Tolerance * maxValue);
    }

    private static void AssertClose(float[] expected, float[] actual, float tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"index {i}: expected {expected[i]:G9}, got {actual[i]:G9}");
        }
    }

    private static float[] Random(ImageShape shape, float low, float high, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, shape.Length).Select(_ => low + ((high - low) * (float)random.NextDouble())).ToArray();
    }

    /// <summary>Random pixels in [0, 1], with gray pixels, black, white and ties between the largest channels mixed in.</summary>
    private static float[] HueTestImage(ImageShape shape, int seed)
    {
        float[] image = Random(shape, 0f, 1f, seed);
        int plane = shape.PlaneSize;
        for (int p = 0; p < plane; p++)
        {
            float r = image[p];
            float g = image[plane + p];
            (image[p], image[plane + p], image[(2 * plane) + p]) = (p % 7) switch
            {
                1 => (r, r, r),
                2 => (r, r, g * r),
                3 => (g * r, r, r),
                4 => (r, g * r, r),
                5 => (p % 2 == 0 ? 0f : 1f, p % 2 == 0 ? 0f : 1f, p % 2 == 0 ? 0f : 1f),
                _ => (image[p], image[plane + p], image[(2 * plane) + p]),
            };
        }

        return image;
    }

    /// <summary>torchvision 0.14's adjust_hue on tensors (_rgb2hsv, shift, _hsv2rgb), pixel by pixel.</summary>
    private static float[] ReferenceHue(float[] source, ImageShape shape, float hueFactor, float maxValue)
    {
        int plane = shape.PlaneSize;
        float[] result = new float[source.Length];
        for (int p = 0; p < plane; p++)
        {
            float r = source[p] / maxValue;
            float g = source[plane + p] / maxValue;
            float b = source[(2 * plane) + p] / maxValue;
            float maxc = Math.Max(r, Math.Max(g, b));
            float minc = Math.Min(r, Math.Min(g, b));
            bool eqc = maxc == minc;
            float cr = maxc - minc;
            float s = cr / (eqc ? 1f : maxc);
            float divisor = eqc ? 1f : cr;
            float rc = (maxc - r) / divisor;
            float gc = (maxc - g) / divisor;
            float bc = (maxc - b) / divisor;
            float hr = maxc == r ? bc - gc : 0f;
            float hg = maxc == g && maxc != r ? 2f + rc - bc : 0f;
            float hb = maxc != g && maxc != r ? 4f + gc - rc : 0f;
            float h = (((hr + hg + hb) / 6f) + 1f) % 1f;
            h = (h + hueFactor) % 1f;
            h = h < 0f ? h + 1f : h;

            float i = MathF.Floor(h * 6f);
            float f = (h * 6f) - i;
            int sector = (int)i % 6;
            float pp = Math.Clamp(maxc * (1f - s), 0f, 1f);
            float qq = Math.Clamp(maxc * (1f - (s * f)), 0f, 1f);
            float tt = Math.Clamp(maxc * (1f - (s * (1f - f))), 0f, 1f);
            float[] rs = [maxc, qq, pp, pp, tt, maxc];
            float[] gs = [tt, maxc, maxc, qq, pp, pp];
            float[] bs = [pp, pp, tt, maxc, maxc, qq];
            result[p] = rs[sector] * maxValue;
            result[plane + p] = gs[sector] * maxValue;
            result[(2 * plane) + p] = bs[sector] * maxValue;
        }

        return result;
    }

    /// <summary>torchvision's _get_gaussian_kernel1d.</summary>
    private static float[] Kernel(int size, float sigma)
    {
        float[] kernel = Enumerable.Range(0, size).Select(i => MathF.Exp(-0.5f * MathF.Pow((i - ((size - 1) * 0.5f)) / sigma, 2f))).ToArray();
        float sum = kernel.Sum();
        return kernel.Select(w => w / sum).ToArray();
    }

    /// <summary>Reflect padding without repeating the edge, periodic for offsets beyond the image; size 1 repeats its pixel.</summary>
    private static int Reflect(int i, int size)
    {
        if (size == 1)
        {
            return 0;
        }

        int period = 2 * (size - 1);
        int m = ((i % period) + period) % period;
        return m < size ? m : period - m;
    }
}
