using MLNet.Regularization.ImageAugmentation.Functional;

namespace MLNet.Regularization.ImageAugmentation;

/// <summary>
/// Options of the random resized crop (torchvision's RandomResizedCrop): a region with an area share drawn from
/// [<see cref="MinScale"/>, <see cref="MaxScale"/>] and a log-uniform aspect ratio in [<see cref="MinRatio"/>, <see cref="MaxRatio"/>]
/// (ten tries, then a centered crop), resized to <see cref="Height"/> x <see cref="Width"/>: by default the image's own size,
/// so that the scoring form is the identity.
/// </summary>
public sealed class RandomResizedCropOptions : ImageAugmentationOptions
{
    /// <summary>The smallest share of the image area.</summary>
    /// <value>The default value is 0.08.</value>
    public double MinScale { get; set; } = 0.08;

    /// <summary>The largest share of the image area.</summary>
    /// <value>The default value is 1.</value>
    public double MaxScale { get; set; } = 1;

    /// <summary>The smallest aspect ratio (width / height).</summary>
    /// <value>The default value is 3/4.</value>
    public double MinRatio { get; set; } = 3.0 / 4;

    /// <summary>The largest aspect ratio (width / height).</summary>
    /// <value>The default value is 4/3.</value>
    public double MaxRatio { get; set; } = 4.0 / 3;

    /// <summary>How the region is resized.</summary>
    /// <value>The default value is <see cref="Interpolation.Bilinear"/>.</value>
    public Interpolation Interpolation { get; set; } = Interpolation.Bilinear;

    /// <summary>
    /// The height of the result; 0 for the image's own height. Set with <see cref="Width"/> (both or neither). Another size
    /// than the image's changes the column's size (torchvision's <c>RandomResizedCrop(size)</c>, for example to bring photos
    /// of any size to 224 x 224): such a step has no scoring form (append it with <c>TransformerScope.Training</c>, and
    /// <c>ResizeImages</c> to the same size with <c>TransformerScope.Scoring</c>), and its
    /// <see cref="ImageAugmentationOptions.Probability"/> must be 1.
    /// </summary>
    /// <value>The default value is 0.</value>
    public int Height { get; set; }

    /// <summary>The width of the result; 0 for the image's own width (see <see cref="Height"/>).</summary>
    /// <value>The default value is 0.</value>
    public int Width { get; set; }
}

internal sealed class RandomResizedCrop : Transforms.IImageAugmentation
{
    private readonly RandomResizedCropOptions _options;

    public RandomResizedCrop(RandomResizedCropOptions options)
    {
        if (!(options.MinScale > 0 && options.MinScale <= options.MaxScale && options.MaxScale <= 1))
            throw new ArgumentOutOfRangeException(nameof(options), $"Options MinScale and MaxScale must satisfy 0 < MinScale <= MaxScale <= 1; got [{options.MinScale}, {options.MaxScale}].");
        if (!(options.MinRatio > 0 && options.MinRatio <= options.MaxRatio && double.IsFinite(options.MaxRatio)))
            throw new ArgumentOutOfRangeException(nameof(options), $"Options MinRatio and MaxRatio must satisfy 0 < MinRatio <= MaxRatio; got [{options.MinRatio}, {options.MaxRatio}].");
        OutputSize.Check(options, options.Height, options.Width);
        _options = options;
    }

    public (int Height, int Width)? FixedSize => _options.Height > 0 ? (_options.Height, _options.Width) : null;

    public ImageShape OutputShape(ImageShape input, string column) => OutputSize.Of(input, _options.Height, _options.Width);

    public void Apply(ReadOnlySpan<float> source, ImageShape shape, Span<float> destination, Random random)
    {
        var (top, left, height, width) = Region(shape, random);
        ImageShape output = OutputSize.Of(shape, _options.Height, _options.Width);
        ImageFunctions.ResizedCrop(source, shape, destination, top, left, height, width, output.Height, output.Width, _options.Interpolation);
    }

    /// <summary>torchvision's <c>RandomResizedCrop.get_params</c>.</summary>
    private (int Top, int Left, int Height, int Width) Region(ImageShape shape, Random random)
    {
        double area = shape.Height * (double)shape.Width;
        double logMin = Math.Log(_options.MinRatio), logMax = Math.Log(_options.MaxRatio);
        for (int attempt = 0; attempt < 10; attempt++)
        {
            double target = area * (_options.MinScale + random.NextDouble() * (_options.MaxScale - _options.MinScale));
            double ratio = Math.Exp(logMin + random.NextDouble() * (logMax - logMin));
            int w = (int)Math.Round(Math.Sqrt(target * ratio));
            int h = (int)Math.Round(Math.Sqrt(target / ratio));
            if (w > 0 && h > 0 && w <= shape.Width && h <= shape.Height)
                return (random.Next(shape.Height - h + 1), random.Next(shape.Width - w + 1), h, w);
        }
        // Fallback: the largest centered crop whose ratio is within bounds.
        double imageRatio = shape.Width / (double)shape.Height;
        int cw = shape.Width, ch = shape.Height;
        if (imageRatio < _options.MinRatio) ch = Math.Max(1, (int)Math.Round(cw / _options.MinRatio));
        else if (imageRatio > _options.MaxRatio) cw = Math.Max(1, (int)Math.Round(ch * _options.MaxRatio));
        return ((shape.Height - ch) / 2, (shape.Width - cw) / 2, ch, cw);
    }
}
