using MLNet.Regularization.ImageAugmentation.Functional;
using Xunit.Abstractions;

namespace MLNet.Regularization.ImageAugmentation.Tests.Reference;

/// <summary>
/// Compares <see cref="ImageFunctions"/> with torchvision 0.14's <c>transforms.functional</c> on a fixed 3x24x32 RGB
/// image in [0, 1], with the outputs stored in <c>reference.json.gz</c> by <c>generate_references.py</c> (same folder).
/// Every case must agree within one intensity level, 1/255.
/// </summary>
public partial class TorchvisionReferenceTests
{
    /// <summary>One intensity level of an 8-bit image scaled to [0, 1].</summary>
    private const float Tolerance = 1f / 255f;

    private readonly ITestOutputHelper output;

    public TorchvisionReferenceTests(ITestOutputHelper output) => this.output = output;

    private static ReferenceImage Input => TorchvisionReference.Input;

    [Fact]
    public void ReferenceFile_HasTheInputAndEveryCase()
    {
        Assert.Equal(new ImageShape(3, 24, 32), Input.Shape);
        Assert.StartsWith("0.14", TorchvisionReference.TorchvisionVersion, StringComparison.Ordinal);
        Assert.Equal(72, TorchvisionReference.CaseNames.Count);
        Assert.All(Input.Data, v => Assert.InRange(v, 0f, 1f));
    }

    [Fact]
    public void Rotate30Nearest_MatchesTorchvision() =>
        Check("rotate_30_nearest", Input.Shape, (s, d) => ImageFunctions.Rotate(s, Input.Shape, d, 30f, Interpolation.Nearest, 0f));

    [Fact]
    public void Rotate30Bilinear_MatchesTorchvision() =>
        Check("rotate_30_bilinear", Input.Shape, (s, d) => ImageFunctions.Rotate(s, Input.Shape, d, 30f, Interpolation.Bilinear, 0f));

    [Fact]
    public void RotateMinus45BilinearFillHalf_MatchesTorchvision() =>
        Check("rotate_-45_bilinear_fill_0.5", Input.Shape, (s, d) => ImageFunctions.Rotate(s, Input.Shape, d, -45f, Interpolation.Bilinear, 0.5f));

    [Fact]
    public void HorizontalFlip_MatchesTorchvision() =>
        Check("hflip", Input.Shape, (s, d) => ImageFunctions.HorizontalFlip(s, Input.Shape, d));

    [Fact]
    public void VerticalFlip_MatchesTorchvision() =>
        Check("vflip", Input.Shape, (s, d) => ImageFunctions.VerticalFlip(s, Input.Shape, d));

    [Fact]
    public void Crop_MatchesTorchvision() =>
        Check("crop_3_5_10_12", Input.Shape.WithSize(10, 12), (s, d) => ImageFunctions.Crop(s, Input.Shape, d, 3, 5, 10, 12));

    /// <summary>
    /// torchvision pads by 4 (reflect) and crops 24x32 at (1, 7) of the padded image; that is our crop at
    /// (1 - 4, 7 - 4) with <see cref="PaddingMode.Reflect"/>.
    /// </summary>
    [Fact]
    public void ReflectPaddedCrop_MatchesTorchvisionPadThenCrop() =>
        Check("pad4_reflect_crop_1_7_24_32", Input.Shape, (s, d) => ImageFunctions.Crop(s, Input.Shape, d, 1 - 4, 7 - 4, 24, 32, PaddingMode.Reflect));

    [Fact]
    public void ResizeDown_12x16_MatchesTorchvision() =>
        Check("resize_12x16_bilinear", Input.Shape.WithSize(12, 16), (s, d) => ImageFunctions.Resize(s, Input.Shape, d, 12, 16, Interpolation.Bilinear));

    [Fact]
    public void ResizeUp_40x50_MatchesTorchvision() =>
        Check("resize_40x50_bilinear", Input.Shape.WithSize(40, 50), (s, d) => ImageFunctions.Resize(s, Input.Shape, d, 40, 50, Interpolation.Bilinear));

    [Fact]
    public void ResizedCrop_MatchesTorchvision() =>
        Check("resized_crop_2_3_16_20_to_24x24", Input.Shape.WithSize(24, 24),
            (s, d) => ImageFunctions.ResizedCrop(s, Input.Shape, d, 2, 3, 16, 20, 24, 24, Interpolation.Bilinear));

    [Theory]
    [InlineData(1.4f, "brightness_1.4")]
    [InlineData(0.6f, "brightness_0.6")]
    public void AdjustBrightness_MatchesTorchvision(float factor, string name) =>
        Check(name, Input.Shape, (s, d) => ImageFunctions.AdjustBrightness(s, Input.Shape, d, factor, 1f));

    [Theory]
    [InlineData(1.5f, "contrast_1.5")]
    [InlineData(0.5f, "contrast_0.5")]
    public void AdjustContrast_MatchesTorchvision(float factor, string name) =>
        Check(name, Input.Shape, (s, d) => ImageFunctions.AdjustContrast(s, Input.Shape, d, factor, 1f));

    [Theory]
    [InlineData(1.8f, "saturation_1.8")]
    [InlineData(0.3f, "saturation_0.3")]
    public void AdjustSaturation_MatchesTorchvision(float factor, string name) =>
        Check(name, Input.Shape, (s, d) => ImageFunctions.AdjustSaturation(s, Input.Shape, d, factor, 1f));

    [Fact]
    public void Erase_MatchesTorchvision() =>
        Check("erase_4_6_5_7_0.25", Input.Shape, (s, d) => ImageFunctions.Erase(s, Input.Shape, d, 4, 6, 5, 7, 0.25f));

    private delegate void ImageOperation(ReadOnlySpan<float> source, Span<float> destination);

    private void Check(string caseName, ImageShape expectedShape, ImageOperation operation, float tolerance = Tolerance)
    {
        ReferenceImage expected = TorchvisionReference.Case(caseName);
        Assert.Equal(expected.Shape, expectedShape);

        float[] source = (float[])Input.Data.Clone();
        var actual = new float[expectedShape.Length];
        operation(source, actual);
        Assert.Equal(Input.Data, source);

        float maxDiff = 0f;
        int maxIndex = 0;
        int overLevel = 0;
        for (int i = 0; i < actual.Length; i++)
        {
            float diff = MathF.Abs(actual[i] - expected.Data[i]);
            if (!(diff <= maxDiff))
            {
                maxDiff = diff;
                maxIndex = i;
            }

            if (!(diff <= tolerance))
            {
                overLevel++;
            }
        }

        int plane = expectedShape.PlaneSize;
        int c = maxIndex / plane;
        int y = maxIndex % plane / expectedShape.Width;
        int x = maxIndex % expectedShape.Width;
        string report =
            $"{caseName}: max |ours - torchvision {TorchvisionReference.TorchvisionVersion}| = {maxDiff:G6} " +
            $"({maxDiff * 255f:F4} levels of 1/255) at (c={c}, y={y}, x={x}): ours {actual[maxIndex]:G9}, torchvision {expected.Data[maxIndex]:G9}; " +
            $"{overLevel} of {actual.Length} values differ by more than {tolerance:G6}.";
        output.WriteLine(report);
        Assert.True(maxDiff <= tolerance, report);
    }
}
