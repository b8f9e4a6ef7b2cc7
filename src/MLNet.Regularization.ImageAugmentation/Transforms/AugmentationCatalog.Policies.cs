using MLNet.Regularization.ImageAugmentation.Transforms;

namespace MLNet.Regularization.ImageAugmentation;

public sealed partial class AugmentationCatalog
{
    /// <summary>Applies RandAugment: <paramref name="numOps"/> operations drawn uniformly from 14, each at magnitude bin
    /// <paramref name="magnitude"/> of 31, with a random sign (torchvision's <c>RandAugment</c>, nearest sampling, no fill).</summary>
    /// <param name="outputColumnName">The augmented pixel column.</param>
    /// <param name="numOps">The number of operations per image, not negative.</param>
    /// <param name="magnitude">The strength, in 0..30.</param>
    /// <param name="inputColumnName">The pixel column; <see langword="null"/> for <paramref name="outputColumnName"/>.</param>
    /// <param name="probability">The probability that a row is augmented; the others pass unchanged.</param>
    /// <param name="seed">The seed of the random draws.</param>
    public ImageAugmentationEstimator RandAugment(string outputColumnName, int numOps = 2, int magnitude = 9, string? inputColumnName = null,
        double probability = 1, int seed = 0) =>
        RandAugment(new RandAugmentOptions
        {
            OutputColumnName = outputColumnName, InputColumnName = inputColumnName, NumOps = numOps, Magnitude = magnitude,
            Probability = probability, Seed = seed,
        });

    /// <summary>Applies RandAugment, with every option.</summary>
    /// <param name="options">The options.</param>
    public ImageAugmentationEstimator RandAugment(RandAugmentOptions options) => new(new RandAugment(Require(options)), options, _transforms);

    /// <summary>Applies TrivialAugment Wide: one operation drawn uniformly from 14 at a magnitude bin drawn uniformly from 31,
    /// with a random sign (torchvision's <c>TrivialAugmentWide</c>, nearest sampling, no fill).</summary>
    /// <param name="outputColumnName">The augmented pixel column.</param>
    /// <param name="inputColumnName">The pixel column; <see langword="null"/> for <paramref name="outputColumnName"/>.</param>
    /// <param name="probability">The probability that a row is augmented; the others pass unchanged.</param>
    /// <param name="seed">The seed of the random draws.</param>
    public ImageAugmentationEstimator TrivialAugmentWide(string outputColumnName, string? inputColumnName = null, double probability = 1, int seed = 0) =>
        TrivialAugmentWide(new TrivialAugmentWideOptions
        {
            OutputColumnName = outputColumnName, InputColumnName = inputColumnName, Probability = probability, Seed = seed,
        });

    /// <summary>Applies TrivialAugment Wide, with every option.</summary>
    /// <param name="options">The options.</param>
    public ImageAugmentationEstimator TrivialAugmentWide(TrivialAugmentWideOptions options) => new(new TrivialAugmentWide(Require(options)), options, _transforms);

    /// <summary>Applies AutoAugment with one of torchvision's learned policies: a sub-policy of two operations drawn uniformly
    /// from 25, each applied with its probability and magnitude (torchvision's <c>AutoAugment</c>, nearest sampling, no fill).</summary>
    /// <param name="outputColumnName">The augmented pixel column.</param>
    /// <param name="policy">The policy: learned on ImageNet, CIFAR-10 or SVHN.</param>
    /// <param name="inputColumnName">The pixel column; <see langword="null"/> for <paramref name="outputColumnName"/>.</param>
    /// <param name="probability">The probability that a row is augmented; the others pass unchanged.</param>
    /// <param name="seed">The seed of the random draws.</param>
    public ImageAugmentationEstimator AutoAugment(string outputColumnName, AutoAugmentPolicy policy = AutoAugmentPolicy.ImageNet, string? inputColumnName = null,
        double probability = 1, int seed = 0) =>
        AutoAugment(new AutoAugmentOptions
        {
            OutputColumnName = outputColumnName, InputColumnName = inputColumnName, Policy = policy, Probability = probability, Seed = seed,
        });

    /// <summary>Applies AutoAugment, with every option.</summary>
    /// <param name="options">The options.</param>
    public ImageAugmentationEstimator AutoAugment(AutoAugmentOptions options) => new(new AutoAugment(Require(options)), options, _transforms);

    /// <summary>Applies AugMix: <paramref name="mixtureWidth"/> chains of 1 to 3 random operations of strength up to
    /// <paramref name="severity"/>, mixed with Dirichlet weights and blended with the original by a Beta weight
    /// (torchvision's <c>AugMix</c>, alpha 1, all operations, bilinear sampling, no fill).</summary>
    /// <param name="outputColumnName">The augmented pixel column.</param>
    /// <param name="severity">The strength, in 1..10.</param>
    /// <param name="mixtureWidth">The number of chains, at least 1.</param>
    /// <param name="inputColumnName">The pixel column; <see langword="null"/> for <paramref name="outputColumnName"/>.</param>
    /// <param name="probability">The probability that a row is augmented; the others pass unchanged.</param>
    /// <param name="seed">The seed of the random draws.</param>
    public ImageAugmentationEstimator AugMix(string outputColumnName, int severity = 3, int mixtureWidth = 3, string? inputColumnName = null,
        double probability = 1, int seed = 0) =>
        AugMix(new AugMixOptions
        {
            OutputColumnName = outputColumnName, InputColumnName = inputColumnName, Severity = severity, MixtureWidth = mixtureWidth,
            Probability = probability, Seed = seed,
        });

    /// <summary>Applies AugMix, with every option.</summary>
    /// <param name="options">The options.</param>
    public ImageAugmentationEstimator AugMix(AugMixOptions options) => new(new AugMix(Require(options)), options, _transforms);
}
