using MLNet.Regularization.ImageAugmentation.Functional;

namespace MLNet.Regularization.ImageAugmentation;

/// <summary>
/// Options of random erasing (cutout; torchvision's RandomErasing): sets a rectangle with an area share drawn from
/// [<see cref="MinScale"/>, <see cref="MaxScale"/>] and a log-uniform aspect ratio in [<see cref="MinRatio"/>, <see cref="MaxRatio"/>]
/// to <see cref="Value"/> (ten tries; the image is left unchanged when none fits).
/// </summary>
public sealed class RandomErasingOptions : ImageAugmentationOptions
{
    /// <summary>Creates the options with torchvision's default probability, 0.5.</summary>
    public RandomErasingOptions() => Probability = 0.5;

    /// <summary>The smallest share of the image area.</summary>
    /// <value>The default value is 0.02.</value>
    public double MinScale { get; set; } = 0.02;

    /// <summary>The largest share of the image area.</summary>
    /// <value>The default value is 0.33.</value>
    public double MaxScale { get; set; } = 0.33;

    /// <summary>The smallest aspect ratio (height / width, as torchvision).</summary>
    /// <value>The default value is 0.3.</value>
    public double MinRatio { get; set; } = 0.3;

    /// <summary>The largest aspect ratio.</summary>
    /// <value>The default value is 3.3.</value>
    public double MaxRatio { get; set; } = 3.3;

    /// <summary>The value written into the rectangle.</summary>
    /// <value>The default value is 0.</value>
    public float Value { get; set; }
}

internal sealed class RandomErasing : Transforms.IImageAugmentation
{
    private readonly RandomErasingOptions _options;

    public RandomErasing(RandomErasingOptions options)
    {
        if (!(options.MinScale > 0 && options.MinScale <= options.MaxScale && options.MaxScale <= 1))
            throw new ArgumentOutOfRangeException(nameof(options), $"Options MinScale and MaxScale must satisfy 0 < MinScale <= MaxScale <= 1; got [{options.MinScale}, {options.MaxScale}].");
        if (!(options.MinRatio > 0 && options.MinRatio <= options.MaxRatio && double.IsFinite(options.MaxRatio)))
            throw new ArgumentOutOfRangeException(nameof(options), $"Options MinRatio and MaxRatio must satisfy 0 < MinRatio <= MaxRatio; got [{options.MinRatio}, {options.MaxRatio}].");
        if (!float.IsFinite(options.Value)) throw new ArgumentOutOfRangeException(nameof(options), options.Value, "Option Value must be finite.");
        _options = options;
    }

    /// <summary>torchvision's <c>RandomErasing.get_params</c>, then the erase.</summary>
    public void Apply(ReadOnlySpan<float> source, ImageShape shape, Span<float> destination, Random random)
    {
        double area = shape.Height * (double)shape.Width;
        double logMin = Math.Log(_options.MinRatio), logMax = Math.Log(_options.MaxRatio);
        for (int attempt = 0; attempt < 10; attempt++)
        {
            double target = area * (_options.MinScale + random.NextDouble() * (_options.MaxScale - _options.MinScale));
            double ratio = Math.Exp(logMin + random.NextDouble() * (logMax - logMin));
            int h = (int)Math.Round(Math.Sqrt(target * ratio));
            int w = (int)Math.Round(Math.Sqrt(target / ratio));
            if (h < 1 || w < 1 || h >= shape.Height || w >= shape.Width) continue;
            ImageFunctions.Erase(source, shape, destination, random.Next(shape.Height - h + 1), random.Next(shape.Width - w + 1), h, w, _options.Value);
            return;
        }
        source.CopyTo(destination);
    }
}
