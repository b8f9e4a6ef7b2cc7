using MLNet.Regularization.ImageAugmentation.Functional;
using MLNet.Regularization.ImageAugmentation.Transforms;

namespace MLNet.Regularization.ImageAugmentation;

/// <summary>Options of the random histogram equalization (torchvision's RandomEqualize): equalizes each channel's histogram of
/// 8-bit levels (see <see cref="ImageFunctions.Equalize"/>).</summary>
public sealed class RandomEqualizeOptions : ImageAugmentationOptions
{
    /// <summary>Creates the options with torchvision's default probability, 0.5.</summary>
    public RandomEqualizeOptions() => Probability = 0.5;

    /// <summary>The largest pixel value: 1 for pixels scaled to [0, 1], 255 for raw bytes.</summary>
    /// <value>The default value is 1.</value>
    public float MaxValue { get; set; } = 1;
}

internal sealed class RandomEqualize : IImageAugmentation
{
    private readonly float _maxValue;

    public RandomEqualize(RandomEqualizeOptions options)
    {
        OptionChecks.MaxValue(options.MaxValue);
        _maxValue = options.MaxValue;
    }

    public void Apply(ReadOnlySpan<float> source, ImageShape shape, Span<float> destination, Random random) =>
        ImageFunctions.Equalize(source, shape, destination, _maxValue);
}
