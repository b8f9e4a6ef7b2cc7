using System.Drawing;
using System.Text.Json;
using MLNet.Regularization.ImageAugmentation.Functional;

namespace MLNet.Regularization.ImageAugmentation.Tests.Reference;

/// <summary>
/// The tone, sharpness, grayscale, perspective and elastic functions against torchvision 0.14. Invert, solarize,
/// posterize, equalize and autocontrast compute what torchvision computes, in the same float operations: they must agree
/// exactly. Sharpness (torchvision's <c>conv2d</c> adds in its own order) and the resampling ones (torchvision's float32 grid
/// and coefficient solve) agree within one intensity level.
/// </summary>
public partial class TorchvisionReferenceTests
{
    [Fact]
    public void Invert_MatchesTorchvisionExactly() =>
        Check("invert", Input.Shape, (s, d) => ImageFunctions.Invert(s, Input.Shape, d), tolerance: 0f);

    [Theory]
    [InlineData(3, "posterize_3")]
    [InlineData(6, "posterize_6")]
    public void Posterize_MatchesTorchvisionOnTheQuantizedImageExactly(int bits, string name) =>
        Check(name, Input.Shape, (s, d) => ImageFunctions.Posterize(s, Input.Shape, d, bits), tolerance: 0f);

    [Theory]
    [InlineData(0.6f, "solarize_0.6")]
    [InlineData(0.3f, "solarize_0.3")]
    public void Solarize_MatchesTorchvisionExactly(float threshold, string name) =>
        Check(name, Input.Shape, (s, d) => ImageFunctions.Solarize(s, Input.Shape, d, threshold), tolerance: 0f);

    [Fact]
    public void AutoContrast_MatchesTorchvisionExactly() =>
        Check("autocontrast", Input.Shape, (s, d) => ImageFunctions.AutoContrast(s, Input.Shape, d), tolerance: 0f);

    [Fact]
    public void Equalize_MatchesTorchvisionOnTheQuantizedImageExactly() =>
        Check("equalize", Input.Shape, (s, d) => ImageFunctions.Equalize(s, Input.Shape, d), tolerance: 0f);

    [Theory]
    [InlineData(2.0f, "sharpness_2.0")]
    [InlineData(0.3f, "sharpness_0.3")]
    public void AdjustSharpness_MatchesTorchvision(float factor, string name) =>
        Check(name, Input.Shape, (s, d) => ImageFunctions.AdjustSharpness(s, Input.Shape, d, factor));

    /// <summary>RandomGrayscale's pixels: the luma in every channel, as <c>rgb_to_grayscale(img, num_output_channels=3)</c>.</summary>
    [Fact]
    public void RandomGrayscaleStep_MatchesTorchvisionRgbToGrayscaleWithThreeChannels() =>
        Check("grayscale_3", Input.Shape, (s, d) =>
        {
            var result = new float[d.Length];
            new ImageBatchAugmentation([new RandomGrayscaleOptions { Probability = 1 }], Input.Shape).Apply(s.ToArray(), result, 1, seed: 1, pass: 0);
            result.CopyTo(d);
        });

    [Theory]
    [InlineData("perspective_bilinear", Interpolation.Bilinear)]
    [InlineData("perspective_nearest", Interpolation.Nearest)]
    public void Perspective_MatchesTorchvision(string name, Interpolation interpolation)
    {
        JsonElement parameters = TorchvisionReference.Parameters(name);
        PointF[] start = Points(parameters.GetProperty("startpoints"));
        PointF[] end = Points(parameters.GetProperty("endpoints"));
        float fill = parameters.GetProperty("fill").GetSingle();
        Check(name, Input.Shape, (s, d) => ImageFunctions.Perspective(s, Input.Shape, d, start, end, interpolation, fill));
    }

    [Theory]
    [InlineData("elastic_bilinear", Interpolation.Bilinear)]
    [InlineData("elastic_nearest", Interpolation.Nearest)]
    public void ElasticTransform_MatchesTorchvision(string name, Interpolation interpolation)
    {
        JsonElement parameters = TorchvisionReference.Parameters(name);
        float[] displacement = TorchvisionReference.FloatArray(parameters.GetProperty("displacement"));
        float fill = parameters.GetProperty("fill").GetSingle();
        Assert.Equal(2 * Input.Shape.PlaneSize, displacement.Length);
        Assert.Contains(displacement, v => MathF.Abs(v) > 0.1f);
        Check(name, Input.Shape, (s, d) => ImageFunctions.ElasticTransform(s, Input.Shape, d, displacement, interpolation, fill));
    }

    private static PointF[] Points(JsonElement points) =>
        points.EnumerateArray().Select(p => new PointF(p[0].GetSingle(), p[1].GetSingle())).ToArray();
}
