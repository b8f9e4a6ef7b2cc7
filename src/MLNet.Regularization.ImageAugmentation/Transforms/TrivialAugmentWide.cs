using MLNet.Regularization.ImageAugmentation.Functional;
using MLNet.Regularization.ImageAugmentation.Transforms;

namespace MLNet.Regularization.ImageAugmentation;

/// <summary>
/// Options of TrivialAugment Wide (torchvision 0.14's <c>TrivialAugmentWide</c>; Müller and Hutter, 2021): one operation
/// drawn uniformly from the 14 of RandAugment, at a magnitude bin drawn uniformly from <see cref="NumMagnitudeBins"/>, with a
/// random sign for the signed ones (see <see cref="ImageFunctions.ApplyPolicyOperation"/>).
/// </summary>
/// <remarks>The wide ranges, the same for every image size: shear 0 to 0.99, translation 0 to 32 pixels, rotation 0 to 135
/// degrees, the color factors 1 +/- (0 to 0.99), posterize 8 down to 2 bits, solarize threshold 255 down to 0 levels. The
/// strength is drawn per image, so there is no magnitude option (as in torchvision). Every draw comes from the step's seeded
/// generator. Color and Contrast need 1 or 3 channels.</remarks>
public sealed class TrivialAugmentWideOptions : ImageAugmentationOptions
{
    /// <summary>The number of magnitude bins, at least 2.</summary>
    /// <value>The default value is 31.</value>
    public int NumMagnitudeBins { get; set; } = 31;

    /// <summary>How the geometric operations sample.</summary>
    /// <value>The default value is <see cref="Interpolation.Nearest"/>, as in torchvision.</value>
    public Interpolation Interpolation { get; set; } = Interpolation.Nearest;

    /// <summary>The value of pixels that come from outside the image, blended by the inside weight at the borders in bilinear
    /// sampling; <see langword="null"/>, torchvision's <c>fill=None</c>: 0, and bilinear border pixels are not blended.</summary>
    /// <value>The default value is <see langword="null"/>, as in torchvision.</value>
    public float? Fill { get; set; }

    /// <summary>The largest pixel value: 1 for pixels scaled to [0, 1], 255 for raw bytes.</summary>
    /// <value>The default value is 1.</value>
    public float MaxValue { get; set; } = 1;
}

internal sealed class TrivialAugmentWide : IImageAugmentation
{
    private readonly PolicyOperationSpace[] _space;
    private readonly PolicySampling _sampling;

    public TrivialAugmentWide(TrivialAugmentWideOptions options)
    {
        OptionChecks.Require(options.NumMagnitudeBins >= 2, "NumMagnitudeBins", options.NumMagnitudeBins, "must be at least 2");
        OptionChecks.Interpolation(options.Interpolation);
        if (options.Fill is float fill) OptionChecks.Fill(fill);
        OptionChecks.MaxValue(options.MaxValue);
        _space = AugmentationSpace.TrivialAugmentWide(options.NumMagnitudeBins);
        _sampling = new PolicySampling(options.Interpolation, options.Fill, options.MaxValue);
    }

    public void Check(ImageShape shape, string column) => PolicyChain.CheckChannels(_space, shape, column, "TrivialAugmentWide");

    /// <summary>torchvision's <c>TrivialAugmentWide.forward</c>: the operation drawn by <see cref="Draw"/>.</summary>
    public void Apply(ReadOnlySpan<float> source, ImageShape shape, Span<float> destination, Random random) =>
        PolicyChain.Apply(source, shape, destination, [Draw(random).Step], _sampling);

    /// <summary>The operation's index, then its bin (if it has magnitudes), then a sign (if signed; 1 negates).</summary>
    internal (PolicyStep Step, int Index, int Bin) Draw(Random random)
    {
        int index = random.Next(_space.Length);
        var entry = _space[index];
        int bin = entry.Magnitudes.Length > 0 ? random.Next(entry.Magnitudes.Length) : 0;
        bool negative = entry.Signed && random.Next(2) == 1;
        return (new PolicyStep(entry.Operation, entry.Magnitude(bin, negative)), index, bin);
    }

    /// <summary>Operation <paramref name="index"/> of the space at <paramref name="bin"/> and the given sign: the fixed choice tests compare with torchvision.</summary>
    internal void ApplyOperation(int index, int bin, bool negative, ReadOnlySpan<float> source, ImageShape shape, Span<float> destination)
    {
        var entry = _space[index];
        PolicyChain.Apply(source, shape, destination, [new PolicyStep(entry.Operation, entry.Magnitude(bin, negative))], _sampling);
    }

    /// <summary>The space (the same for every image size).</summary>
    internal PolicyOperationSpace[] Space => _space;
}
