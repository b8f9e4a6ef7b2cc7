using MLNet.Regularization.ImageAugmentation.Functional;

namespace MLNet.Regularization.ImageAugmentation;

/// <summary>
/// Options of the random crop (torchvision's <c>RandomCrop(size, padding)</c>): pads the image by <see cref="Padding"/>
/// pixels on every side and crops a window of <see cref="Height"/> x <see cref="Width"/> at a random offset. By default the
/// window has the image's own size (the usual CIFAR-style shift) and the scoring form is the identity; a smaller window
/// changes the size (see <see cref="Height"/>).
/// </summary>
public sealed class RandomCropOptions : ImageAugmentationOptions
{
    /// <summary>Pixels of padding on each side; the window moves by up to this many pixels each way.</summary>
    /// <value>The default value is 4.</value>
    public int Padding { get; set; } = 4;

    /// <summary>How the padding is filled.</summary>
    /// <value>The default value is <see cref="PaddingMode.Constant"/>.</value>
    public PaddingMode PaddingMode { get; set; } = PaddingMode.Constant;

    /// <summary>The value of constant padding.</summary>
    /// <value>The default value is 0.</value>
    public float Fill { get; set; }

    /// <summary>
    /// The height of the window; 0 for the image's own height. Set with <see cref="Width"/> (both or neither), to at most the
    /// padded height. A window of another size than the image's changes the column's size: such a step has no scoring form
    /// (append it with <c>TransformerScope.Training</c>, and a step that brings scoring images to the same size, such as
    /// <c>ResizeImages</c>, with <c>TransformerScope.Scoring</c>), and its <see cref="ImageAugmentationOptions.Probability"/> must be 1.
    /// </summary>
    /// <value>The default value is 0.</value>
    public int Height { get; set; }

    /// <summary>The width of the window; 0 for the image's own width (see <see cref="Height"/>).</summary>
    /// <value>The default value is 0.</value>
    public int Width { get; set; }
}

internal sealed class RandomCrop : Transforms.IImageAugmentation
{
    private readonly RandomCropOptions _options;

    public RandomCrop(RandomCropOptions options)
    {
        if (options.Padding < 0) throw new ArgumentOutOfRangeException(nameof(options), options.Padding, $"Option Padding must not be negative; got {options.Padding}.");
        if (options.PaddingMode == PaddingMode.None && options.Padding > 0)
            throw new ArgumentOutOfRangeException(nameof(options), "Option PaddingMode must be Constant or Reflect when Padding is above 0.");
        if (!float.IsFinite(options.Fill)) throw new ArgumentOutOfRangeException(nameof(options), options.Fill, "Option Fill must be finite.");
        OutputSize.Check(options, options.Height, options.Width);
        _options = options;
    }

    public (int Height, int Width)? FixedSize => _options.Height > 0 ? (_options.Height, _options.Width) : null;

    public ImageShape OutputShape(ImageShape input, string column)
    {
        int pad = _options.Padding;
        ImageShape output = OutputSize.Of(input, _options.Height, _options.Width);
        if (output.Height > input.Height + (2 * pad) || output.Width > input.Width + (2 * pad))
            throw new ArgumentOutOfRangeException(nameof(input),
                $"RandomCrop's window ({output.Height} x {output.Width}, options Height and Width) is larger than the padded image of column '{column}' " +
                $"({input.Height + (2 * pad)} x {input.Width + (2 * pad)}: {input.Height} x {input.Width} with Padding {pad}).");
        return output;
    }

    public bool KeepsEightBitValues =>
        _options.Padding == 0 || _options.PaddingMode != PaddingMode.Constant || Transforms.ImagePixels.IsEightBit(_options.Fill);

    public void Apply(ReadOnlySpan<float> source, ImageShape shape, Span<float> destination, Random random)
    {
        int pad = _options.Padding;
        ImageShape output = OutputSize.Of(shape, _options.Height, _options.Width);
        int top = random.Next(-pad, shape.Height - output.Height + pad + 1), left = random.Next(-pad, shape.Width - output.Width + pad + 1);
        ImageFunctions.Crop(source, shape, destination, top, left, output.Height, output.Width,
            pad == 0 ? PaddingMode.None : _options.PaddingMode, _options.Fill);
    }
}
