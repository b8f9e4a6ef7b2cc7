using MLNet.Regularization.ImageAugmentation.Functional;
using MLNet.Regularization.ImageAugmentation.Transforms;

namespace MLNet.Regularization.ImageAugmentation;

/// <summary>Options of the random inversion (torchvision's RandomInvert): <c>MaxValue - pixel</c> (see <see cref="ImageFunctions.Invert"/>).</summary>
public sealed class RandomInvertOptions : ImageAugmentationOptions
{
    /// <summary>Creates the options with torchvision's default probability, 0.5.</summary>
    public RandomInvertOptions() => Probability = 0.5;

    /// <summary>The largest pixel value: 1 for pixels scaled to [0, 1], 255 for raw bytes.</summary>
    /// <value>The default value is 1.</value>
    public float MaxValue { get; set; } = 1;
}

internal sealed class RandomInvert : IImageAugmentation
{
    private readonly float _maxValue;

    public RandomInvert(RandomInvertOptions options)
    {
        OptionChecks.MaxValue(options.MaxValue);
        _maxValue = options.MaxValue;
    }

    public void Apply(ReadOnlySpan<float> source, ImageShape shape, Span<float> destination, Random random) =>
        ImageFunctions.Invert(source, shape, destination, _maxValue);
}
