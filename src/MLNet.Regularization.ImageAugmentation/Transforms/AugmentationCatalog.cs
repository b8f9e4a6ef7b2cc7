using Microsoft.ML;
using MLNet.Regularization.ImageAugmentation.Transforms;

namespace MLNet.Regularization.ImageAugmentation;

/// <summary>The image augmentation transforms: <c>mlContext.Transforms.Augment().RandomFlip(...)</c> and so on.</summary>
/// <remarks>Each works on a pixel column as <c>ExtractPixels</c> makes it (a vector of Single with dimensions channels,
/// height, width) and is meant for training data only: append it with <c>TransformerScope.Training</c>.</remarks>
public sealed class AugmentationCatalog
{
    internal AugmentationCatalog() { }

    /// <summary>Mirrors a row's image with probability <paramref name="probability"/>.</summary>
    /// <param name="outputColumnName">The augmented pixel column.</param>
    /// <param name="inputColumnName">The pixel column; <see langword="null"/> for <paramref name="outputColumnName"/>.</param>
    /// <param name="direction">The axis to mirror.</param>
    /// <param name="probability">The probability of a flip.</param>
    /// <param name="seed">The seed of the random draws.</param>
    public ImageAugmentationEstimator RandomFlip(string outputColumnName, string? inputColumnName = null,
        FlipDirection direction = FlipDirection.Horizontal, double probability = 0.5, int seed = 0) =>
        RandomFlip(new RandomFlipOptions
        {
            OutputColumnName = outputColumnName, InputColumnName = inputColumnName, Direction = direction, Probability = probability, Seed = seed,
        });

    /// <summary>Mirrors a row's image, with every option.</summary>
    /// <param name="options">The options.</param>
    public ImageAugmentationEstimator RandomFlip(RandomFlipOptions options) => new(new RandomFlip(options), options);

    /// <summary>Rotates a row's image by an angle drawn uniformly from [-<paramref name="degrees"/>, <paramref name="degrees"/>].</summary>
    /// <param name="outputColumnName">The augmented pixel column.</param>
    /// <param name="degrees">The largest rotation either way, in degrees.</param>
    /// <param name="inputColumnName">The pixel column; <see langword="null"/> for <paramref name="outputColumnName"/>.</param>
    /// <param name="seed">The seed of the random draws.</param>
    public ImageAugmentationEstimator RandomRotation(string outputColumnName, float degrees, string? inputColumnName = null, int seed = 0) =>
        RandomRotation(new RandomRotationOptions
        {
            OutputColumnName = outputColumnName, InputColumnName = inputColumnName, MinDegrees = -degrees, MaxDegrees = degrees, Seed = seed,
        });

    /// <summary>Rotates a row's image, with every option.</summary>
    /// <param name="options">The options.</param>
    public ImageAugmentationEstimator RandomRotation(RandomRotationOptions options) => new(new RandomRotation(options), options);

    /// <summary>Adds Gaussian noise of standard deviation <paramref name="stdDev"/> to every pixel value.</summary>
    /// <param name="outputColumnName">The augmented pixel column.</param>
    /// <param name="stdDev">The standard deviation of the noise.</param>
    /// <param name="inputColumnName">The pixel column; <see langword="null"/> for <paramref name="outputColumnName"/>.</param>
    /// <param name="seed">The seed of the random draws.</param>
    public ImageAugmentationEstimator GaussianNoise(string outputColumnName, float stdDev = 0.05f, string? inputColumnName = null, int seed = 0) =>
        GaussianNoise(new GaussianNoiseOptions { OutputColumnName = outputColumnName, InputColumnName = inputColumnName, StdDev = stdDev, Seed = seed });

    /// <summary>Adds Gaussian noise, with every option.</summary>
    /// <param name="options">The options.</param>
    public ImageAugmentationEstimator GaussianNoise(GaussianNoiseOptions options) => new(new GaussianNoise(options), options);

    /// <summary>Jitters brightness, contrast, saturation and hue, in a random order.</summary>
    /// <param name="outputColumnName">The augmented pixel column.</param>
    /// <param name="brightness">How much to jitter brightness.</param>
    /// <param name="contrast">How much to jitter contrast.</param>
    /// <param name="saturation">How much to jitter saturation.</param>
    /// <param name="hue">The largest hue shift, in [0, 0.5].</param>
    /// <param name="inputColumnName">The pixel column; <see langword="null"/> for <paramref name="outputColumnName"/>.</param>
    /// <param name="seed">The seed of the random draws.</param>
    public ImageAugmentationEstimator ColorJitter(string outputColumnName, float brightness = 0, float contrast = 0, float saturation = 0,
        float hue = 0, string? inputColumnName = null, int seed = 0) =>
        ColorJitter(new ColorJitterOptions
        {
            OutputColumnName = outputColumnName, InputColumnName = inputColumnName,
            Brightness = brightness, Contrast = contrast, Saturation = saturation, Hue = hue, Seed = seed,
        });

    /// <summary>Jitters colors, with every option.</summary>
    /// <param name="options">The options.</param>
    public ImageAugmentationEstimator ColorJitter(ColorJitterOptions options) => new(new ColorJitter(options), options);
}

/// <summary>The entry point of the augmentation catalog.</summary>
public static class AugmentationCatalogExtensions
{
    /// <summary>The image augmentation transforms, as <c>mlContext.Transforms.Augment()</c>.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    public static AugmentationCatalog Augment(this TransformsCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new AugmentationCatalog();
    }
}
