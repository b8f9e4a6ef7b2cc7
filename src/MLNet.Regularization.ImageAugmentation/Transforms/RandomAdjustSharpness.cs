using MLNet.Regularization.ImageAugmentation.Functional;
using MLNet.Regularization.ImageAugmentation.Transforms;

namespace MLNet.Regularization.ImageAugmentation;

/// <summary>Options of the random sharpness adjustment (torchvision's RandomAdjustSharpness): blends the image with a smoothed
/// copy by <see cref="SharpnessFactor"/> (see <see cref="ImageFunctions.AdjustSharpness"/>).</summary>
public sealed class RandomAdjustSharpnessOptions : ImageAugmentationOptions
{
    /// <summary>Creates the options with torchvision's default probability, 0.5.</summary>
    public RandomAdjustSharpnessOptions() => Probability = 0.5;

    /// <summary>The sharpness factor, finite and not negative: 0 smooths, 1 keeps the image, 2 doubles the sharpness.</summary>
    /// <value>The default value is 2.</value>
    public float SharpnessFactor { get; set; } = 2;

    /// <summary>The largest pixel value: 1 for pixels scaled to [0, 1], 255 for raw bytes. The result is clamped to [0, MaxValue].</summary>
    /// <value>The default value is 1.</value>
    public float MaxValue { get; set; } = 1;
}

internal sealed class RandomAdjustSharpness : IImageAugmentation
{
    private readonly RandomAdjustSharpnessOptions _o;

    public RandomAdjustSharpness(RandomAdjustSharpnessOptions options)
    {
        OptionChecks.Require(float.IsFinite(options.SharpnessFactor) && options.SharpnessFactor >= 0, "SharpnessFactor", options.SharpnessFactor,
            "must be finite and not negative");
        OptionChecks.MaxValue(options.MaxValue);
        _o = options;
    }

    public void Apply(ReadOnlySpan<float> source, ImageShape shape, Span<float> destination, Random random) =>
        ImageFunctions.AdjustSharpness(source, shape, destination, _o.SharpnessFactor, _o.MaxValue);
}
