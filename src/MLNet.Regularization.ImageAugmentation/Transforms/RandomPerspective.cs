using System.Drawing;
using MLNet.Regularization.ImageAugmentation.Functional;
using MLNet.Regularization.ImageAugmentation.Transforms;

namespace MLNet.Regularization.ImageAugmentation;

/// <summary>
/// Options of the random perspective (torchvision's RandomPerspective): each corner of the image moves inwards by a random
/// whole number of pixels, up to <see cref="DistortionScale"/> of half the width and half the height, and the image follows
/// (see <see cref="ImageFunctions.Perspective"/>). An image less than 2 pixels wide or high, or corners drawn three on a line
/// (possible on images of a few pixels), pass unchanged.
/// </summary>
public sealed class RandomPerspectiveOptions : ImageAugmentationOptions
{
    /// <summary>Creates the options with torchvision's default probability, 0.5.</summary>
    public RandomPerspectiveOptions() => Probability = 0.5;

    /// <summary>How far the corners may move, in [0, 1], as a share of half the width and half the height: 0 keeps the image.</summary>
    /// <value>The default value is 0.5.</value>
    public float DistortionScale { get; set; } = 0.5f;

    /// <summary>How pixels are sampled.</summary>
    /// <value>The default value is <see cref="Interpolation.Bilinear"/>, as in torchvision.</value>
    public Interpolation Interpolation { get; set; } = Interpolation.Bilinear;

    /// <summary>The value of pixels that come from outside the image.</summary>
    /// <value>The default value is 0.</value>
    public float Fill { get; set; }
}

internal sealed class RandomPerspective : IImageAugmentation
{
    private readonly RandomPerspectiveOptions _o;

    public RandomPerspective(RandomPerspectiveOptions options)
    {
        OptionChecks.Require(options.DistortionScale is >= 0 and <= 1, "DistortionScale", options.DistortionScale, "must be in [0, 1]");
        OptionChecks.Interpolation(options.Interpolation);
        OptionChecks.Fill(options.Fill);
        _o = options;
    }

    /// <summary>torchvision's <c>RandomPerspective.get_params</c>, then the perspective transform.</summary>
    public void Apply(ReadOnlySpan<float> source, ImageShape shape, Span<float> destination, Random random)
    {
        int width = shape.Width, height = shape.Height;
        if (width < 2 || height < 2)
        {
            source.CopyTo(destination);
            return;
        }

        int dw = (int)(_o.DistortionScale * (double)(width / 2));
        int dh = (int)(_o.DistortionScale * (double)(height / 2));
        ReadOnlySpan<PointF> start = [new(0, 0), new(width - 1, 0), new(width - 1, height - 1), new(0, height - 1)];
        ReadOnlySpan<PointF> end =
        [
            new(random.Next(0, dw + 1), random.Next(0, dh + 1)),
            new(random.Next(width - dw - 1, width), random.Next(0, dh + 1)),
            new(random.Next(width - dw - 1, width), random.Next(height - dh - 1, height)),
            new(random.Next(0, dw + 1), random.Next(height - dh - 1, height)),
        ];
        if (!ImageFunctions.TryPerspective(source, shape, destination, start, end, _o.Interpolation, _o.Fill)) source.CopyTo(destination);
    }
}
