using MLNet.Regularization.ImageAugmentation.Transforms;

namespace MLNet.Regularization.ImageAugmentation;

public sealed partial class AugmentationCatalog
{
    /// <summary>Applies a random perspective with probability <paramref name="probability"/>: each corner moves inwards by up to
    /// <paramref name="distortionScale"/> of half the width and half the height (torchvision's RandomPerspective, bilinear, fill 0).</summary>
    /// <param name="outputColumnName">The augmented pixel column.</param>
    /// <param name="distortionScale">How far the corners may move, in [0, 1].</param>
    /// <param name="inputColumnName">The pixel column; <see langword="null"/> for <paramref name="outputColumnName"/>.</param>
    /// <param name="probability">The probability that a row is distorted; the others pass unchanged.</param>
    /// <param name="seed">The seed of the random draws.</param>
    public ImageAugmentationEstimator RandomPerspective(string outputColumnName, float distortionScale = 0.5f, string? inputColumnName = null, double probability = 0.5,
        int seed = 0) =>
        RandomPerspective(new RandomPerspectiveOptions
        {
            OutputColumnName = outputColumnName, InputColumnName = inputColumnName, DistortionScale = distortionScale, Probability = probability, Seed = seed,
        });

    /// <summary>Applies a random perspective, with every option.</summary>
    /// <param name="options">The options.</param>
    public ImageAugmentationEstimator RandomPerspective(RandomPerspectiveOptions options) => new(new RandomPerspective(Require(options)), options, _transforms);

    /// <summary>Moves the pixels of a row's image by a random, smooth displacement field of strength <paramref name="alpha"/> and
    /// smoothness <paramref name="sigma"/> (torchvision's ElasticTransform, bilinear, fill 0).</summary>
    /// <param name="outputColumnName">The augmented pixel column.</param>
    /// <param name="alpha">The strength of the displacement, not negative.</param>
    /// <param name="sigma">The standard deviation of the Gaussian that smooths the field, in pixels, in [0, 10000].</param>
    /// <param name="inputColumnName">The pixel column; <see langword="null"/> for <paramref name="outputColumnName"/>.</param>
    /// <param name="probability">The probability that a row is transformed; the others pass unchanged.</param>
    /// <param name="seed">The seed of the random draws.</param>
    public ImageAugmentationEstimator ElasticTransform(string outputColumnName, float alpha = 50, float sigma = 5, string? inputColumnName = null, double probability = 1,
        int seed = 0) =>
        ElasticTransform(new ElasticTransformOptions
        {
            OutputColumnName = outputColumnName, InputColumnName = inputColumnName, Alpha = alpha, Sigma = sigma, Probability = probability, Seed = seed,
        });

    /// <summary>Applies a random elastic transform, with every option.</summary>
    /// <param name="options">The options.</param>
    public ImageAugmentationEstimator ElasticTransform(ElasticTransformOptions options) => new(new ElasticTransform(Require(options)), options, _transforms);
}
