using MLNet.Regularization.ImageAugmentation.Functional;

namespace MLNet.Regularization.ImageAugmentation;

/// <summary>The axis a <see cref="RandomFlipOptions"/> transform mirrors the image about.</summary>
public enum FlipDirection
{
    /// <summary>Left to right (torchvision's RandomHorizontalFlip).</summary>
    Horizontal,
    /// <summary>Top to bottom (torchvision's RandomVerticalFlip).</summary>
    Vertical,
}

/// <summary>Options of the random flip: mirrors a row's image with probability <see cref="ImageAugmentationOptions.Probability"/>.</summary>
public sealed class RandomFlipOptions : ImageAugmentationOptions
{
    /// <summary>Creates the options with torchvision's default probability, 0.5.</summary>
    public RandomFlipOptions() => Probability = 0.5;

    /// <summary>The axis to mirror.</summary>
    /// <value>The default value is <see cref="FlipDirection.Horizontal"/>.</value>
    public FlipDirection Direction { get; set; } = FlipDirection.Horizontal;
}

internal sealed class RandomFlip(RandomFlipOptions options) : Transforms.IImageAugmentation
{
    public bool KeepsEightBitValues => true;

    public void Apply(ReadOnlySpan<float> source, ImageShape shape, Span<float> destination, Random random)
    {
        if (options.Direction == FlipDirection.Horizontal) ImageFunctions.HorizontalFlip(source, shape, destination);
        else ImageFunctions.VerticalFlip(source, shape, destination);
    }
}
