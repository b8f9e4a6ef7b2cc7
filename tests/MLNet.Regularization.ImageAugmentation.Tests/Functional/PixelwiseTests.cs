using MLNet.Regularization.ImageAugmentation.Functional;

namespace MLNet.Regularization.ImageAugmentation.Tests.Functional;

public class PixelwiseTests
{
    private static readonly ImageShape Rgb = new(3, 6, 5);

    [Fact]
    public void ColorAdjustments_WithFactorOne_AreIdentity()
    {
        float[] source = TestImages.Uniform(Rgb, 4);
        float[] result = new float[Rgb.Length];
        ImageFunctions.AdjustBrightness(source, Rgb, result, 1f);
        Assert.Equal(source, result);
        ImageFunctions.AdjustContrast(source, Rgb, result, 1f);
        Assert.Equal(source, result);
        ImageFunctions.AdjustSaturation(source, Rgb, result, 1f);
        Assert.Equal(source, result);
    }

    [Fact]
    public void Brightness_Zero_GivesBlack_AndClampsToMaxValue()
    {
        float[] source = TestImages.Uniform(Rgb, 5);
        float[] result = new float[Rgb.Length];
        ImageFunctions.AdjustBrightness(source, Rgb, result, 0f);
        Assert.All(result, v => Assert.Equal(0f, v));

        float[] bytes = source.Select(v => v * 255f).ToArray();
        ImageFunctions.AdjustBrightness(bytes, Rgb, result, 3f, maxValue: 255f);
        for (int i = 0; i < bytes.Length; i++)
        {
            Assert.Equal(Math.Min(3f * bytes[i], 255f), result[i]);
        }
    }

    [Fact]
    public void Saturation_Zero_GivesTheGrayscaleImageInEveryChannel()
    {
        float[] source = TestImages.Uniform(Rgb, 6);
        float[] gray = new float[Rgb.PlaneSize];
        ImageFunctions.Grayscale(source, Rgb, gray);
        float[] result = new float[Rgb.Length];
        ImageFunctions.AdjustSaturation(source, Rgb, result, 0f);
        for (int c = 0; c < 3; c++)
        {
            Assert.Equal(gray, result.AsSpan(c * Rgb.PlaneSize, Rgb.PlaneSize).ToArray());
        }

        int p = 7;
        Assert.Equal((0.2989f * source[p]) + (0.587f * source[Rgb.PlaneSize + p]) + (0.114f * source[(2 * Rgb.PlaneSize) + p]), gray[p]);
    }

    [Fact]
    public void Contrast_Zero_GivesTheMeanGrayEverywhere_InPlace()
    {
        float[] source = TestImages.Uniform(Rgb, 7);
        float[] gray = new float[Rgb.PlaneSize];
        ImageFunctions.Grayscale(source, Rgb, gray);
        float mean = gray.Average();
        ImageFunctions.AdjustContrast(source, Rgb, source, 0f);
        Assert.All(source, v => Assert.Equal(mean, v, 5));
    }

    [Fact]
    public void Erase_SetsExactlyTheRectangle()
    {
        var shape = new ImageShape(2, 5, 6);
        float[] source = TestImages.Ramp(shape);
        float[] result = new float[shape.Length];
        ImageFunctions.Erase(source, shape, result, top: 1, left: 2, height: 3, width: 2, value: -1f);
        for (int c = 0; c < 2; c++)
        {
            for (int y = 0; y < 5; y++)
            {
                for (int x = 0; x < 6; x++)
                {
                    bool inside = y >= 1 && y < 4 && x >= 2 && x < 4;
                    int i = shape.IndexOf(c, y, x);
                    Assert.Equal(inside ? -1f : source[i], result[i]);
                }
            }
        }

        float[] patch = Enumerable.Range(0, 2 * 3 * 2).Select(v => 1000f + v).ToArray();
        ImageFunctions.Erase(source, shape, source, 1, 2, 3, 2, patch);
        Assert.Equal(1000f, source[shape.IndexOf(0, 1, 2)]);
        Assert.Equal(1011f, source[shape.IndexOf(1, 3, 3)]);
        Assert.Equal(14f, source[shape.IndexOf(0, 1, 4)]);
    }

    [Fact]
    public void GaussianNoise_SeededRandom_HasTheRequestedMeanAndStd_AndIsReproducible()
    {
        var shape = new ImageShape(3, 64, 64);
        float[] clean = TestImages.Uniform(shape, 8);
        float[] noisy = new float[shape.Length];
        ImageFunctions.AddGaussianNoise(clean, shape, noisy, new Random(42), mean: 0.1f, standardDeviation: 0.2f);

        double sum = 0;
        double sumSquares = 0;
        for (int i = 0; i < clean.Length; i++)
        {
            double d = noisy[i] - clean[i];
            sum += d;
            sumSquares += d * d;
        }

        double mean = sum / clean.Length;
        double std = Math.Sqrt((sumSquares / clean.Length) - (mean * mean));
        Assert.InRange(mean, 0.1 - 0.006, 0.1 + 0.006); // about 4 standard errors (0.2 / sqrt(12288))
        Assert.InRange(std, 0.2 * 0.97, 0.2 * 1.03);

        float[] again = new float[shape.Length];
        ImageFunctions.AddGaussianNoise(clean, shape, again, new Random(42), 0.1f, 0.2f);
        Assert.Equal(noisy, again);

        float[] draws = new float[shape.Length];
        ImageFunctions.FillStandardNormal(new Random(42), draws);
        ImageFunctions.AddGaussianNoise(clean, shape, again, draws, 0.1f, 0.2f);
        Assert.Equal(noisy, again);

        ImageFunctions.AddGaussianNoise(clean, shape, again, new Random(43), 0.1f, 0.2f);
        Assert.NotEqual(noisy, again);
    }

    [Fact]
    public void GaussianNoise_WithClipping_StaysInRange()
    {
        var shape = new ImageShape(1, 16, 16);
        float[] clean = TestImages.Uniform(shape, 9);
        float[] noisy = new float[shape.Length];
        ImageFunctions.AddGaussianNoise(clean, shape, noisy, new Random(1), 0f, 1f, min: 0f, max: 1f);
        Assert.All(noisy, v => Assert.InRange(v, 0f, 1f));
        Assert.Contains(0f, noisy);
        Assert.Contains(1f, noisy);
    }

    [Fact]
    public void Layout_InterleavedRoundTrip_AndIndexing()
    {
        var shape = new ImageShape(3, 2, 2);
        float[] interleaved = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
        float[] planar = new float[12];
        ImageLayout.ToPlanar(interleaved, shape, planar);
        Assert.Equal([1, 4, 7, 10, 2, 5, 8, 11, 3, 6, 9, 12], planar);
        float[] back = new float[12];
        ImageLayout.ToInterleaved(planar, shape, back);
        Assert.Equal(interleaved, back);
    }
}
