using MLNet.Regularization.ImageAugmentation.Functional;

namespace MLNet.Regularization.ImageAugmentation;

/// <summary>Options of the Gaussian noise: adds independent N(<see cref="Mean"/>, <see cref="StdDev"/>^2) noise to every pixel value,
/// then clips to [<see cref="Minimum"/>, <see cref="Maximum"/>].</summary>
public sealed class GaussianNoiseOptions : ImageAugmentationOptions
{
    /// <summary>The mean of the noise.</summary>
    /// <value>The default value is 0.</value>
    public float Mean { get; set; }

    /// <summary>The standard deviation of the noise, in pixel units (0.05 is mild for pixels in [0, 1]).</summary>
    /// <value>The default value is 0.05.</value>
    public float StdDev { get; set; } = 0.05f;

    /// <summary>The smallest value after the noise.</summary>
    /// <value>The default value is negative infinity (no clipping).</value>
    public float Minimum { get; set; } = float.NegativeInfinity;

    /// <summary>The largest value after the noise.</summary>
    /// <value>The default value is positive infinity (no clipping).</value>
    public float Maximum { get; set; } = float.PositiveInfinity;
}

internal sealed class GaussianNoise : Transforms.IImageAugmentation
{
    private readonly GaussianNoiseOptions _options;

    public GaussianNoise(GaussianNoiseOptions options)
    {
        if (!(float.IsFinite(options.StdDev) && options.StdDev >= 0))
            throw new ArgumentOutOfRangeException(nameof(options), options.StdDev, $"Option StdDev must be finite and not negative; got {options.StdDev}.");
        if (!float.IsFinite(options.Mean))
            throw new ArgumentOutOfRangeException(nameof(options), options.Mean, "Option Mean must be finite.");
        if (!(options.Minimum <= options.Maximum))
            throw new ArgumentOutOfRangeException(nameof(options), $"Option Minimum ({options.Minimum}) must not exceed Maximum ({options.Maximum}).");
        _options = options;
    }

    public void Apply(ReadOnlySpan<float> source, ImageShape shape, Span<float> destination, Random random) =>
        ImageFunctions.AddGaussianNoise(source, shape, destination, random, _options.Mean, _options.StdDev, _options.Minimum, _options.Maximum);
}
