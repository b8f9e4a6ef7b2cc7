using MLNet.Regularization.ImageAugmentation.Transforms;

namespace MLNet.Regularization.ImageAugmentation;

public sealed partial class AugmentationCatalog
{
    /// <summary>Posterizes a row's image to <paramref name="bits"/> bits per channel with probability <paramref name="probability"/>
    /// (torchvision's RandomPosterize).</summary>
    /// <param name="outputColumnName">The augmented pixel column.</param>
    /// <param name="bits">The bits to keep, 0 to 8.</param>
    /// <param name="inputColumnName">The pixel column; <see langword="null"/> for <paramref name="outputColumnName"/>.</param>
    /// <param name="probability">The probability that a row is posterized; the others pass unchanged.</param>
    /// <param name="seed">The seed of the random draws.</param>
    public ImageAugmentationEstimator RandomPosterize(string outputColumnName, int bits, string? inputColumnName = null, double probability = 0.5, int seed = 0) =>
        RandomPosterize(new RandomPosterizeOptions
        {
            OutputColumnName = outputColumnName, InputColumnName = inputColumnName, Bits = bits, Probability = probability, Seed = seed,
        });

    /// <summary>Posterizes a row's image, with every option.</summary>
    /// <param name="options">The options.</param>
    public ImageAugmentationEstimator RandomPosterize(RandomPosterizeOptions options) => new(new RandomPosterize(Require(options)), options, _transforms);

    /// <summary>Inverts the values at or above <paramref name="threshold"/> with probability <paramref name="probability"/>
    /// (torchvision's RandomSolarize).</summary>
    /// <param name="outputColumnName">The augmented pixel column.</param>
    /// <param name="threshold">The threshold, in [0, 1] for pixels in [0, 1] (the options' <c>MaxValue</c> sets another range).</param>
    /// <param name="inputColumnName">The pixel column; <see langword="null"/> for <paramref name="outputColumnName"/>.</param>
    /// <param name="probability">The probability that a row is solarized; the others pass unchanged.</param>
    /// <param name="seed">The seed of the random draws.</param>
    public ImageAugmentationEstimator RandomSolarize(string outputColumnName, float threshold, string? inputColumnName = null, double probability = 0.5, int seed = 0) =>
        RandomSolarize(new RandomSolarizeOptions
        {
            OutputColumnName = outputColumnName, InputColumnName = inputColumnName, Threshold = threshold, Probability = probability, Seed = seed,
        });

    /// <summary>Solarizes a row's image, with every option.</summary>
    /// <param name="options">The options.</param>
    public ImageAugmentationEstimator RandomSolarize(RandomSolarizeOptions options) => new(new RandomSolarize(Require(options)), options, _transforms);

    /// <summary>Equalizes the histogram of each channel with probability <paramref name="probability"/> (torchvision's RandomEqualize).</summary>
    /// <param name="outputColumnName">The augmented pixel column.</param>
    /// <param name="inputColumnName">The pixel column; <see langword="null"/> for <paramref name="outputColumnName"/>.</param>
    /// <param name="probability">The probability that a row is equalized; the others pass unchanged.</param>
    /// <param name="seed">The seed of the random draws.</param>
    public ImageAugmentationEstimator RandomEqualize(string outputColumnName, string? inputColumnName = null, double probability = 0.5, int seed = 0) =>
        RandomEqualize(new RandomEqualizeOptions { OutputColumnName = outputColumnName, InputColumnName = inputColumnName, Probability = probability, Seed = seed });

    /// <summary>Equalizes a row's image, with every option.</summary>
    /// <param name="options">The options.</param>
    public ImageAugmentationEstimator RandomEqualize(RandomEqualizeOptions options) => new(new RandomEqualize(Require(options)), options, _transforms);

    /// <summary>Stretches each channel to the full range with probability <paramref name="probability"/> (torchvision's RandomAutocontrast).</summary>
    /// <param name="outputColumnName">The augmented pixel column.</param>
    /// <param name="inputColumnName">The pixel column; <see langword="null"/> for <paramref name="outputColumnName"/>.</param>
    /// <param name="probability">The probability that a row is stretched; the others pass unchanged.</param>
    /// <param name="seed">The seed of the random draws.</param>
    public ImageAugmentationEstimator RandomAutoContrast(string outputColumnName, string? inputColumnName = null, double probability = 0.5, int seed = 0) =>
        RandomAutoContrast(new RandomAutoContrastOptions { OutputColumnName = outputColumnName, InputColumnName = inputColumnName, Probability = probability, Seed = seed });

    /// <summary>Stretches the channels of a row's image, with every option.</summary>
    /// <param name="options">The options.</param>
    public ImageAugmentationEstimator RandomAutoContrast(RandomAutoContrastOptions options) => new(new RandomAutoContrast(Require(options)), options, _transforms);

    /// <summary>Sharpens (factor above 1) or smooths (below 1) a row's image by <paramref name="sharpnessFactor"/> with probability
    /// <paramref name="probability"/> (torchvision's RandomAdjustSharpness).</summary>
    /// <param name="outputColumnName">The augmented pixel column.</param>
    /// <param name="sharpnessFactor">The sharpness factor, not negative: 0 smooths, 1 keeps the image, 2 doubles the sharpness.</param>
    /// <param name="inputColumnName">The pixel column; <see langword="null"/> for <paramref name="outputColumnName"/>.</param>
    /// <param name="probability">The probability that a row is adjusted; the others pass unchanged.</param>
    /// <param name="seed">The seed of the random draws.</param>
    public ImageAugmentationEstimator RandomAdjustSharpness(string outputColumnName, float sharpnessFactor, string? inputColumnName = null, double probability = 0.5,
        int seed = 0) =>
        RandomAdjustSharpness(new RandomAdjustSharpnessOptions
        {
            OutputColumnName = outputColumnName, InputColumnName = inputColumnName, SharpnessFactor = sharpnessFactor, Probability = probability, Seed = seed,
        });

    /// <summary>Adjusts the sharpness of a row's image, with every option.</summary>
    /// <param name="options">The options.</param>
    public ImageAugmentationEstimator RandomAdjustSharpness(RandomAdjustSharpnessOptions options) =>
        new(new RandomAdjustSharpness(Require(options)), options, _transforms);

    /// <summary>Inverts a row's image with probability <paramref name="probability"/> (torchvision's RandomInvert).</summary>
    /// <param name="outputColumnName">The augmented pixel column.</param>
    /// <param name="inputColumnName">The pixel column; <see langword="null"/> for <paramref name="outputColumnName"/>.</param>
    /// <param name="probability">The probability that a row is inverted; the others pass unchanged.</param>
    /// <param name="seed">The seed of the random draws.</param>
    public ImageAugmentationEstimator RandomInvert(string outputColumnName, string? inputColumnName = null, double probability = 0.5, int seed = 0) =>
        RandomInvert(new RandomInvertOptions { OutputColumnName = outputColumnName, InputColumnName = inputColumnName, Probability = probability, Seed = seed });

    /// <summary>Inverts a row's image, with every option.</summary>
    /// <param name="options">The options.</param>
    public ImageAugmentationEstimator RandomInvert(RandomInvertOptions options) => new(new RandomInvert(Require(options)), options, _transforms);

    /// <summary>Turns a row's RGB image gray with probability <paramref name="probability"/>, keeping its three channels
    /// (torchvision's RandomGrayscale).</summary>
    /// <param name="outputColumnName">The augmented pixel column.</param>
    /// <param name="inputColumnName">The pixel column; <see langword="null"/> for <paramref name="outputColumnName"/>.</param>
    /// <param name="probability">The probability that a row is turned gray; the others pass unchanged.</param>
    /// <param name="seed">The seed of the random draws.</param>
    public ImageAugmentationEstimator RandomGrayscale(string outputColumnName, string? inputColumnName = null, double probability = 0.1, int seed = 0) =>
        RandomGrayscale(new RandomGrayscaleOptions { OutputColumnName = outputColumnName, InputColumnName = inputColumnName, Probability = probability, Seed = seed });

    /// <summary>Turns a row's image gray, with every option.</summary>
    /// <param name="options">The options.</param>
    public ImageAugmentationEstimator RandomGrayscale(RandomGrayscaleOptions options) => new(new RandomGrayscale(), Require(options), _transforms);

    private static T Require<T>(T options)
        where T : ImageAugmentationOptions
    {
        ArgumentNullException.ThrowIfNull(options);
        return options;
    }
}
