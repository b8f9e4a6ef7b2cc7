using MLNet.Regularization.ImageAugmentation.Functional;

namespace MLNet.Regularization.ImageAugmentation;

/// <summary>
/// Options of the color jitter (torchvision's ColorJitter): brightness, contrast and saturation factors drawn uniformly from
/// [max(0, 1 - x), 1 + x] and a hue shift from [-h, h], applied in a random order. Contrast, saturation and hue need 1 or 3
/// channels (hue: 3).
/// </summary>
public sealed class ColorJitterOptions : ImageAugmentationOptions
{
    /// <summary>How much to jitter brightness (0 leaves it).</summary>
    /// <value>The default value is 0.</value>
    public float Brightness { get; set; }

    /// <summary>How much to jitter contrast (0 leaves it).</summary>
    /// <value>The default value is 0.</value>
    public float Contrast { get; set; }

    /// <summary>How much to jitter saturation (0 leaves it).</summary>
    /// <value>The default value is 0.</value>
    public float Saturation { get; set; }

    /// <summary>The largest hue shift, in [0, 0.5] (0 leaves hue).</summary>
    /// <value>The default value is 0.</value>
    public float Hue { get; set; }

    /// <summary>The largest pixel value: 1 for pixels scaled to [0, 1], 255 for raw bytes.</summary>
    /// <value>The default value is 1.</value>
    public float MaxValue { get; set; } = 1;
}

internal sealed class ColorJitter : Transforms.IImageAugmentation
{
    private readonly ColorJitterOptions _options;

    public ColorJitter(ColorJitterOptions options)
    {
        foreach (var (name, value) in new[] { ("Brightness", options.Brightness), ("Contrast", options.Contrast), ("Saturation", options.Saturation) })
            if (!(float.IsFinite(value) && value >= 0))
                throw new ArgumentOutOfRangeException(nameof(options), value, $"Option {name} must be finite and not negative; got {value}.");
        if (!(options.Hue >= 0 && options.Hue <= 0.5f))
            throw new ArgumentOutOfRangeException(nameof(options), options.Hue, $"Option Hue must be in [0, 0.5]; got {options.Hue}.");
        if (!(float.IsFinite(options.MaxValue) && options.MaxValue > 0))
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxValue, $"Option MaxValue must be positive; got {options.MaxValue}.");
        _options = options;
    }

    public void Check(ImageShape shape, string column)
    {
        if (_options.Hue > 0 && shape.Channels != 3)
            throw new ArgumentOutOfRangeException(nameof(shape), $"Column '{column}' has {shape.Channels} channels; a hue jitter needs 3.");
        if ((_options.Contrast > 0 || _options.Saturation > 0) && shape.Channels is not (1 or 3))
            throw new ArgumentOutOfRangeException(nameof(shape), $"Column '{column}' has {shape.Channels} channels; contrast and saturation need 1 or 3.");
    }

    public void Apply(ReadOnlySpan<float> source, ImageShape shape, Span<float> destination, Random random)
    {
        source.CopyTo(destination);
        int[] order = [0, 1, 2, 3];
        random.Shuffle(order);
        float max = _options.MaxValue;
        foreach (int step in order)
        {
            switch (step)
            {
                case 0 when _options.Brightness > 0:
                    ImageFunctions.AdjustBrightness(destination, shape, destination, Factor(random, _options.Brightness), max);
                    break;
                case 1 when _options.Contrast > 0:
                    ImageFunctions.AdjustContrast(destination, shape, destination, Factor(random, _options.Contrast), max);
                    break;
                case 2 when _options.Saturation > 0:
                    ImageFunctions.AdjustSaturation(destination, shape, destination, Factor(random, _options.Saturation), max);
                    break;
                case 3 when _options.Hue > 0:
                    ImageFunctions.AdjustHue(destination, shape, destination, (float)((random.NextDouble() * 2 - 1) * _options.Hue), max);
                    break;
            }
        }
    }

    private static float Factor(Random random, float amount)
    {
        double low = Math.Max(0, 1 - amount);
        return (float)(low + random.NextDouble() * (1 + amount - low));
    }
}
