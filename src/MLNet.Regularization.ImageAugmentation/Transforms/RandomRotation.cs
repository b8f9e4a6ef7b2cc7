using MLNet.Regularization.ImageAugmentation.Functional;

namespace MLNet.Regularization.ImageAugmentation;

/// <summary>Options of the random rotation: an angle drawn uniformly from [<see cref="MinDegrees"/>, <see cref="MaxDegrees"/>],
/// counter-clockwise about the image center (torchvision's RandomRotation).</summary>
public sealed class RandomRotationOptions : ImageAugmentationOptions
{
    /// <summary>The smallest angle, in degrees.</summary>
    /// <value>The default value is -15.</value>
    public float MinDegrees { get; set; } = -15;

    /// <summary>The largest angle, in degrees.</summary>
    /// <value>The default value is 15.</value>
    public float MaxDegrees { get; set; } = 15;

    /// <summary>How pixels are sampled.</summary>
    /// <value>The default value is <see cref="Interpolation.Nearest"/>, as in torchvision.</value>
    public Interpolation Interpolation { get; set; } = Interpolation.Nearest;

    /// <summary>The value of pixels that come from outside the image.</summary>
    /// <value>The default value is 0.</value>
    public float Fill { get; set; }
}

internal sealed class RandomRotation : Transforms.IImageAugmentation
{
    private readonly RandomRotationOptions _options;

    public RandomRotation(RandomRotationOptions options)
    {
        if (!float.IsFinite(options.MinDegrees) || !float.IsFinite(options.MaxDegrees) || options.MinDegrees > options.MaxDegrees)
            throw new ArgumentOutOfRangeException(nameof(options),
                $"Options MinDegrees and MaxDegrees must be finite with MinDegrees <= MaxDegrees; got [{options.MinDegrees}, {options.MaxDegrees}].");
        if (!float.IsFinite(options.Fill))
            throw new ArgumentOutOfRangeException(nameof(options), options.Fill, "Option Fill must be finite.");
        _options = options;
    }

    public bool KeepsEightBitValues => _options.Interpolation == Interpolation.Nearest && Transforms.ImagePixels.IsEightBit(_options.Fill);

    public void Apply(ReadOnlySpan<float> source, ImageShape shape, Span<float> destination, Random random)
    {
        float angle = (float)(_options.MinDegrees + random.NextDouble() * (_options.MaxDegrees - _options.MinDegrees));
        ImageFunctions.Rotate(source, shape, destination, angle, _options.Interpolation, _options.Fill);
    }
}
