using MLNet.Regularization.ImageAugmentation.Functional;
using MLNet.Regularization.ImageAugmentation.Transforms;

namespace MLNet.Regularization.ImageAugmentation;

/// <summary>Options of the random posterization (torchvision's RandomPosterize): keeps <see cref="Bits"/> bits of each channel's
/// 8-bit level (see <see cref="ImageFunctions.Posterize"/>).</summary>
public sealed class RandomPosterizeOptions : ImageAugmentationOptions
{
    /// <summary>Creates the options with torchvision's default probability, 0.5.</summary>
    public RandomPosterizeOptions() => Probability = 0.5;

    /// <summary>The bits to keep, 0 to 8.</summary>
    /// <value>The default value is 4.</value>
    public int Bits { get; set; } = 4;

    /// <summary>The largest pixel value: 1 for pixels scaled to [0, 1], 255 for raw bytes.</summary>
    /// <value>The default value is 1.</value>
    public float MaxValue { get; set; } = 1;
}

internal sealed class RandomPosterize : IImageAugmentation
{
    private readonly RandomPosterizeOptions _o;

    public RandomPosterize(RandomPosterizeOptions options)
    {
        OptionChecks.Require(options.Bits is >= 0 and <= 8, "Bits", options.Bits, "must be in 0..8");
        OptionChecks.MaxValue(options.MaxValue);
        _o = options;
    }

    public void Apply(ReadOnlySpan<float> source, ImageShape shape, Span<float> destination, Random random) =>
        ImageFunctions.Posterize(source, shape, destination, _o.Bits, _o.MaxValue);
}
