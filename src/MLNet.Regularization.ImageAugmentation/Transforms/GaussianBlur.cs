using MLNet.Regularization.ImageAugmentation.Functional;

namespace MLNet.Regularization.ImageAugmentation;

/// <summary>Options of the Gaussian blur (torchvision's GaussianBlur): a square kernel of <see cref="KernelSize"/> with a sigma drawn
/// uniformly from [<see cref="MinSigma"/>, <see cref="MaxSigma"/>].</summary>
public sealed class GaussianBlurOptions : ImageAugmentationOptions
{
    /// <summary>The kernel size: odd and positive.</summary>
    /// <value>The default value is 5.</value>
    public int KernelSize { get; set; } = 5;

    /// <summary>The smallest sigma.</summary>
    /// <value>The default value is 0.1.</value>
    public float MinSigma { get; set; } = 0.1f;

    /// <summary>The largest sigma.</summary>
    /// <value>The default value is 2.</value>
    public float MaxSigma { get; set; } = 2;
}

internal sealed class GaussianBlur : Transforms.IImageAugmentation
{
    private readonly GaussianBlurOptions _o;

    public GaussianBlur(GaussianBlurOptions options)
    {
        if (options.KernelSize < 1 || options.KernelSize % 2 == 0)
            throw new ArgumentOutOfRangeException(nameof(options), options.KernelSize, $"Option KernelSize must be odd and positive; got {options.KernelSize}.");
        if (!(options.MinSigma > 0 && options.MinSigma <= options.MaxSigma && float.IsFinite(options.MaxSigma)))
            throw new ArgumentOutOfRangeException(nameof(options), $"Options MinSigma and MaxSigma must satisfy 0 < MinSigma <= MaxSigma; got [{options.MinSigma}, {options.MaxSigma}].");
        _o = options;
    }

    public void Apply(ReadOnlySpan<float> source, ImageShape shape, Span<float> destination, Random random)
    {
        float sigma = (float)(_o.MinSigma + random.NextDouble() * (_o.MaxSigma - _o.MinSigma));
        ImageFunctions.GaussianBlur(source, shape, destination, _o.KernelSize, _o.KernelSize, sigma, sigma);
    }
}
