using MLNet.Regularization.ImageAugmentation.Functional;

namespace MLNet.Regularization.ImageAugmentation;

/// <summary>
/// Options of the random affine transform (torchvision's RandomAffine): a rotation in [-<see cref="Degrees"/>, <see cref="Degrees"/>],
/// a translation of up to <see cref="TranslateX"/> of the width and <see cref="TranslateY"/> of the height (whole pixels), a scale in
/// [<see cref="MinScale"/>, <see cref="MaxScale"/>] and a shear in [-<see cref="ShearX"/>, <see cref="ShearX"/>] and
/// [-<see cref="ShearY"/>, <see cref="ShearY"/>] degrees, about the image center.
/// </summary>
public sealed class RandomAffineOptions : ImageAugmentationOptions
{
    /// <summary>The largest rotation either way, in degrees.</summary>
    /// <value>The default value is 0.</value>
    public float Degrees { get; set; }

    /// <summary>The largest horizontal shift, as a share of the width, in [0, 1].</summary>
    /// <value>The default value is 0.</value>
    public float TranslateX { get; set; }

    /// <summary>The largest vertical shift, as a share of the height, in [0, 1].</summary>
    /// <value>The default value is 0.</value>
    public float TranslateY { get; set; }

    /// <summary>The smallest scale.</summary>
    /// <value>The default value is 1.</value>
    public float MinScale { get; set; } = 1;

    /// <summary>The largest scale.</summary>
    /// <value>The default value is 1.</value>
    public float MaxScale { get; set; } = 1;

    /// <summary>The largest shear parallel to the x axis either way, in degrees.</summary>
    /// <value>The default value is 0.</value>
    public float ShearX { get; set; }

    /// <summary>The largest shear parallel to the y axis either way, in degrees.</summary>
    /// <value>The default value is 0.</value>
    public float ShearY { get; set; }

    /// <summary>How pixels are sampled.</summary>
    /// <value>The default value is <see cref="Interpolation.Nearest"/>, as in torchvision.</value>
    public Interpolation Interpolation { get; set; } = Interpolation.Nearest;

    /// <summary>The value of pixels that come from outside the image.</summary>
    /// <value>The default value is 0.</value>
    public float Fill { get; set; }
}

internal sealed class RandomAffine : Transforms.IImageAugmentation
{
    private readonly RandomAffineOptions _o;

    public RandomAffine(RandomAffineOptions options)
    {
        Require(float.IsFinite(options.Degrees) && options.Degrees >= 0, "Degrees", options.Degrees, "must be finite and not negative");
        Require(options.TranslateX is >= 0 and <= 1, "TranslateX", options.TranslateX, "must be in [0, 1]");
        Require(options.TranslateY is >= 0 and <= 1, "TranslateY", options.TranslateY, "must be in [0, 1]");
        Require(options.MinScale > 0 && options.MinScale <= options.MaxScale && float.IsFinite(options.MaxScale), "MinScale", options.MinScale,
            "must be positive and at most MaxScale");
        Require(options.ShearX is >= 0 and < 90, "ShearX", options.ShearX, "must be in [0, 90)");
        Require(options.ShearY is >= 0 and < 90, "ShearY", options.ShearY, "must be in [0, 90)");
        Require(float.IsFinite(options.Fill), "Fill", options.Fill, "must be finite");
        _o = options;
    }

    private static void Require(bool condition, string option, float value, string rule)
    {
        if (!condition) throw new ArgumentOutOfRangeException("options", value, $"Option {option} {rule}; got {value}.");
    }

    /// <summary>torchvision's <c>RandomAffine.get_params</c>, then the affine transform.</summary>
    public void Apply(ReadOnlySpan<float> source, ImageShape shape, Span<float> destination, Random random)
    {
        float Uniform(float low, float high) => (float)(low + random.NextDouble() * (high - low));
        float angle = Uniform(-_o.Degrees, _o.Degrees);
        float maxDx = (float)Math.Round(_o.TranslateX * shape.Width), maxDy = (float)Math.Round(_o.TranslateY * shape.Height);
        float dx = (float)Math.Round(Uniform(-maxDx, maxDx)), dy = (float)Math.Round(Uniform(-maxDy, maxDy));
        float scale = Uniform(_o.MinScale, _o.MaxScale);
        float shearX = Uniform(-_o.ShearX, _o.ShearX), shearY = Uniform(-_o.ShearY, _o.ShearY);
        ImageFunctions.Affine(source, shape, destination, angle, dx, dy, scale, shearX, shearY, _o.Interpolation, _o.Fill);
    }
}
