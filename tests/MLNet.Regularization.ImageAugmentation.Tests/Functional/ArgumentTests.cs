using MLNet.Regularization.ImageAugmentation.Functional;

namespace MLNet.Regularization.ImageAugmentation.Tests.Functional;

public class ArgumentTests
{
    private static readonly ImageShape Shape = new(3, 4, 5);
    private static readonly float[] Source = new float[3 * 4 * 5];

    [Theory]
    [InlineData(0, 4, 5, "channels")]
    [InlineData(3, 0, 5, "height")]
    [InlineData(3, 4, -1, "width")]
    public void ImageShape_WithNonPositiveDimension_ThrowsNamingIt(int c, int h, int w, string name)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new ImageShape(c, h, w));
        Assert.Equal(name, e.ParamName);
    }

    [Fact]
    public void CropLargerThanImage_ThrowsNamingTheParameter()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => ImageFunctions.Crop(Source, Shape, new float[3 * 5 * 5], 0, 0, 5, 5));
        Assert.Equal("top", e.ParamName);
        Assert.Contains("larger than the image height", e.Message);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => ImageFunctions.Crop(Source, Shape, new float[3 * 2 * 2], 0, 4, 2, 2));
        Assert.Equal("left", e.ParamName);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => ImageFunctions.Crop(Source, Shape, new float[0], 0, 0, 0, 2));
        Assert.Equal("height", e.ParamName);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => ImageFunctions.ResizedCrop(Source, Shape, new float[3], 0, 0, 4, 6, 1, 1));
        Assert.Equal("left", e.ParamName);
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void Rotate_WithNonFiniteAngle_ThrowsNamingAngle(float angle)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => ImageFunctions.Rotate(Source, Shape, new float[Source.Length], angle));
        Assert.Equal("angle", e.ParamName);
    }

    [Fact]
    public void NegativeOrNaNParameters_ThrowNamingThem()
    {
        float[] dst = new float[Source.Length];
        Assert.Equal("standardDeviation", Assert.Throws<ArgumentOutOfRangeException>(() => ImageFunctions.AddGaussianNoise(Source, Shape, dst, new Random(0), 0f, -1f)).ParamName);
        Assert.Equal("min", Assert.Throws<ArgumentOutOfRangeException>(() => ImageFunctions.AddGaussianNoise(Source, Shape, dst, new Random(0), 0f, 1f, 1f, 0f)).ParamName);
        Assert.Equal("factor", Assert.Throws<ArgumentOutOfRangeException>(() => ImageFunctions.AdjustBrightness(Source, Shape, dst, -0.5f)).ParamName);
        Assert.Equal("factor", Assert.Throws<ArgumentOutOfRangeException>(() => ImageFunctions.AdjustContrast(Source, Shape, dst, float.NaN)).ParamName);
        Assert.Equal("maxValue", Assert.Throws<ArgumentOutOfRangeException>(() => ImageFunctions.AdjustSaturation(Source, Shape, dst, 1f, 0f)).ParamName);
        Assert.Equal("outputWidth", Assert.Throws<ArgumentOutOfRangeException>(() => ImageFunctions.Resize(Source, Shape, dst, 4, 0)).ParamName);
        Assert.Equal("interpolation", Assert.Throws<ArgumentOutOfRangeException>(() => ImageFunctions.Rotate(Source, Shape, dst, 1f, (Interpolation)7)).ParamName);
        Assert.Equal("shape", Assert.Throws<ArgumentOutOfRangeException>(() => ImageFunctions.AdjustSaturation(new float[4 * 4 * 5], new ImageShape(4, 4, 5), new float[80], 1f)).ParamName);
    }

    [Fact]
    public void WrongLengthsAndOverlaps_ThrowNamingTheSpan()
    {
        Assert.Equal("source", Assert.Throws<ArgumentException>(() => ImageFunctions.HorizontalFlip(new float[5], Shape, new float[Source.Length])).ParamName);
        Assert.Equal("destination", Assert.Throws<ArgumentException>(() => ImageFunctions.Rotate(Source, Shape, new float[3], 10f)).ParamName);
        float[] buffer = new float[Source.Length];
        Assert.Equal("destination", Assert.Throws<ArgumentException>(() => ImageFunctions.Rotate(buffer, Shape, buffer, 10f)).ParamName);
        float[] big = new float[Source.Length + 1];
        Assert.Equal("destination", Assert.Throws<ArgumentException>(() => ImageFunctions.AdjustBrightness(big.AsSpan(0, Source.Length), Shape, big.AsSpan(1), 1f)).ParamName);
        Assert.Equal("shape", Assert.Throws<ArgumentException>(() => ImageFunctions.VerticalFlip(Source, default, new float[Source.Length])).ParamName);
    }
}
