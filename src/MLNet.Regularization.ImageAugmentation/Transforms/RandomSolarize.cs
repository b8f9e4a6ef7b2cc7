using MLNet.Regularization.ImageAugmentation.Functional;
using MLNet.Regularization.ImageAugmentation.Transforms;

namespace MLNet.Regularization.ImageAugmentation;

/// <summary>Options of the random solarization (torchvision's RandomSolarize): inverts the values at or above
/// <see cref="Threshold"/> (see <see cref="ImageFunctions.Solarize"/>).</summary>
public sealed class RandomSolarizeOptions : ImageAugmentationOptions
{
    /// <summary>Creates the options with torchvision's default probability, 0.5.</summary>
    public RandomSolarizeOptions() => Probability = 0.5;

    /// <summary>The threshold, in pixel units: in [0, <see cref="MaxValue"/>].</summary>
    /// <value>The default value is 0.5 (half of the range of pixels in [0, 1]).</value>
    public float Threshold { get; set; } = 0.5f;

    /// <summary>The largest pixel value: 1 for pixels scaled to [0, 1], 255 for raw bytes.</summary>
    /// <value>The default value is 1.</value>
    public float MaxValue { get; set; } = 1;
}

internal sealed class RandomSolarize : IImageAugmentation
{
    private readonly RandomSolarizeOptions _o;

    public RandomSolarize(RandomSolarizeOptions options)
    {
        OptionChecks.MaxValue(options.MaxValue);
        OptionChecks.Require(options.Threshold >= 0 && options.Threshold <= options.MaxValue, "Threshold", options.Threshold,
            $"must be in [0, MaxValue] = [0, {options.MaxValue}]");
        _o = options;
    }

    public void Apply(ReadOnlySpan<float> source, ImageShape shape, Span<float> destination, Random random) =>
        ImageFunctions.Solarize(source, shape, destination, _o.Threshold, _o.MaxValue);
}
