using MLNet.Regularization.ImageAugmentation.Functional;

namespace MLNet.Regularization.ImageAugmentation;

/// <summary>The output size options of the crops: both set, or both 0 for the input's own size.</summary>
internal static class OutputSize
{
    public static void Check(ImageAugmentationOptions options, int height, int width)
    {
        if (height < 0 || width < 0 || (height == 0) != (width == 0))
            throw new ArgumentOutOfRangeException(nameof(options),
                $"Options Height and Width must both be positive, or both 0 for the image's own size; got {height} and {width}.");
        if (height > 0 && options.Probability != 1)
            throw new ArgumentOutOfRangeException(nameof(options), options.Probability,
                $"Option Probability must be 1 when Height and Width are set (every row must come out at the new size); got {options.Probability}.");
    }

    public static ImageShape Of(ImageShape input, int height, int width) => height == 0 ? input : input.WithSize(height, width);
}
