using MLNet.Regularization.ImageAugmentation.Functional;
using MLNet.Regularization.ImageAugmentation.Transforms;

namespace MLNet.Regularization.ImageAugmentation;

/// <summary>
/// Options of RandAugment (torchvision 0.14's <c>RandAugment</c>; Cubuk et al., 2019): <see cref="NumOps"/> operations drawn
/// uniformly, with replacement, from 14 (Identity, ShearX, ShearY, TranslateX, TranslateY, Rotate, Brightness, Color,
/// Contrast, Sharpness, Posterize, Solarize, AutoContrast, Equalize), each at the magnitude of bin <see cref="Magnitude"/> of
/// <see cref="NumMagnitudeBins"/>, with a random sign for the signed ones (see <see cref="ImageFunctions.ApplyPolicyOperation"/>).
/// </summary>
/// <remarks>The bins span torchvision's ranges: shear 0 to 0.3, translation 0 to 150/331 of the width (height), rotation 0 to
/// 30 degrees, the color factors 1 +/- (0 to 0.9), posterize 8 down to 4 bits, solarize threshold 255 down to 0 levels.
/// Every draw (operation, sign) comes from the step's seeded generator. Color and Contrast need 1 or 3 channels.</remarks>
public sealed class RandAugmentOptions : ImageAugmentationOptions
{
    /// <summary>The number of operations applied one after another, not negative.</summary>
    /// <value>The default value is 2.</value>
    public int NumOps { get; set; } = 2;

    /// <summary>The strength: the bin of every operation's magnitude, in 0..<see cref="NumMagnitudeBins"/> - 1 (0 is the
    /// weakest: no shear, shift, rotation or color change, 8 bits, threshold 255). Read when the step is created: to change
    /// the strength during training, create the step (or the batch augmentation) again with a new value.</summary>
    /// <value>The default value is 9.</value>
    public int Magnitude { get; set; } = 9;

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

internal sealed class RandAugment : IImageAugmentation
{
    private readonly int _numOps, _magnitude;
    private readonly PolicySampling _sampling;
    private readonly SpaceCache _spaces;

    public RandAugment(RandAugmentOptions options)
    {
        OptionChecks.Require(options.NumOps >= 0, "NumOps", options.NumOps, "must not be negative");
        OptionChecks.Require(options.NumMagnitudeBins >= 2, "NumMagnitudeBins", options.NumMagnitudeBins, "must be at least 2");
        OptionChecks.Require(options.Magnitude >= 0 && options.Magnitude < options.NumMagnitudeBins, "Magnitude", options.Magnitude,
            $"must be in 0..NumMagnitudeBins - 1 = 0..{options.NumMagnitudeBins - 1}");
        OptionChecks.Interpolation(options.Interpolation);
        if (options.Fill is float fill) OptionChecks.Fill(fill);
        OptionChecks.MaxValue(options.MaxValue);
        (_numOps, _magnitude) = (options.NumOps, options.Magnitude);
        _sampling = new PolicySampling(options.Interpolation, options.Fill, options.MaxValue);
        int bins = options.NumMagnitudeBins;
        _spaces = new SpaceCache((height, width) => AugmentationSpace.RandAugment(bins, height, width));
    }

    public void Check(ImageShape shape, string column) => PolicyChain.CheckChannels(_spaces.For(shape), shape, column, "RandAugment");

    /// <summary>torchvision's <c>RandAugment.forward</c>: the operations drawn by <see cref="Draw"/>, applied in order.</summary>
    public void Apply(ReadOnlySpan<float> source, ImageShape shape, Span<float> destination, Random random)
    {
        Span<PolicyStep> steps = _numOps <= 16 ? stackalloc PolicyStep[_numOps] : new PolicyStep[_numOps];
        Draw(_spaces.For(shape), random, steps);
        PolicyChain.Apply(source, shape, destination, steps, _sampling);
    }

    /// <summary>Per operation, an index drawn uniformly from the space, then a sign for a signed operation (1 negates).</summary>
    internal void Draw(PolicyOperationSpace[] space, Random random, Span<PolicyStep> steps)
    {
        for (int i = 0; i < steps.Length; i++)
        {
            var entry = space[random.Next(space.Length)];
            bool negative = entry.Signed && random.Next(2) == 1;
            steps[i] = new PolicyStep(entry.Operation, entry.Magnitude(_magnitude, negative));
        }
    }

    /// <summary>Operation <paramref name="index"/> of the space at the set magnitude and the given sign: the fixed choice tests compare with torchvision.</summary>
    internal void ApplyOperation(int index, bool negative, ReadOnlySpan<float> source, ImageShape shape, Span<float> destination)
    {
        var entry = _spaces.For(shape)[index];
        PolicyChain.Apply(source, shape, destination, [new PolicyStep(entry.Operation, entry.Magnitude(_magnitude, negative))], _sampling);
    }

    /// <summary>The space for images of <paramref name="shape"/>.</summary>
    internal PolicyOperationSpace[] SpaceFor(ImageShape shape) => _spaces.For(shape);
}
