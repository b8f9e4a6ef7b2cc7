using Microsoft.ML;
using Microsoft.ML.Transforms.Image;

namespace MLNet.Regularization.Scoring;

/// <summary>
/// The ML.NET steps in front of a network trained on an <c>MLImage</c> column: each image scaled to the trained size
/// (<c>ResizeImages</c>, keeping the aspect ratio and cropping the centre), made gray for one channel, and its pixels
/// extracted in planar order (red, green, blue) and scaled to [0, 1]. They are ML.NET's own saveable transforms, so training,
/// scoring and a loaded model read the same pixels.
/// </summary>
internal static class ImageInput
{
    /// <summary>The pixel column the network reads.</summary>
    public const string PixelColumn = "cnn.Pixels";

    private const string ResizedColumn = "cnn.Resized";

    public static IEstimator<ITransformer> Steps(MLContext mlContext, string imageColumn, int channels, int height, int width)
    {
        var transforms = mlContext.Transforms;
        IEstimator<ITransformer> steps = transforms.ResizeImages(ResizedColumn, width, height, imageColumn);
        if (channels == 1) steps = steps.Append(transforms.ConvertToGrayscale(ResizedColumn));
        var colors = channels == 1 ? ImagePixelExtractingEstimator.ColorBits.Red : ImagePixelExtractingEstimator.ColorBits.Rgb;
        return steps
            .Append(transforms.ExtractPixels(PixelColumn, ResizedColumn, colors, scaleImage: 1f / 255))
            .Append(transforms.DropColumns(ResizedColumn));
    }
}
