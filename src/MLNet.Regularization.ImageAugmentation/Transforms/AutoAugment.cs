using MLNet.Regularization.ImageAugmentation.Functional;
using MLNet.Regularization.ImageAugmentation.Transforms;

namespace MLNet.Regularization.ImageAugmentation;

/// <summary>
/// Options of AutoAugment (torchvision 0.14's <c>AutoAugment</c>; Cubuk et al., 2018): one of the <see cref="Policy"/>'s 25
/// sub-policies drawn uniformly, whose two operations each apply with their own probability at their own magnitude bin (of
/// 10), with a random sign for the signed ones (see <see cref="ImageFunctions.ApplyPolicyOperation"/>).
/// </summary>
/// <remarks>The policies are torchvision's, with its magnitude ranges: shear 0 to 0.3, translation 0 to 150/331 of the
/// width (height), rotation 0 to 30 degrees, the color factors 1 +/- (0 to 0.9), posterize 8 down to 4 bits, solarize
/// threshold 255 down to 0 levels. The policies fix each operation's strength, so there is no magnitude option (as in
/// torchvision). Every draw (sub-policy, the two probabilities, the two signs) comes from the step's seeded generator. The
/// ImageNet and CIFAR-10 policies use Color and Contrast, SVHN Contrast: these need 1 or 3 channels.</remarks>
public sealed class AutoAugmentOptions : ImageAugmentationOptions
{
    /// <summary>The policy.</summary>
    /// <value>The default value is <see cref="AutoAugmentPolicy.ImageNet"/>, as in torchvision.</value>
    public AutoAugmentPolicy Policy { get; set; } = AutoAugmentPolicy.ImageNet;

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

internal sealed class AutoAugment : IImageAugmentation
{
    private readonly SubPolicyOperation[][] _policies;
    private readonly PolicySampling _sampling;
    private readonly SpaceCache _spaces = new(AugmentationSpace.AutoAugment);

    public AutoAugment(AutoAugmentOptions options)
    {
        OptionChecks.Require(Enum.IsDefined(options.Policy), "Policy", options.Policy, "must be ImageNet, Cifar10 or Svhn");
        OptionChecks.Interpolation(options.Interpolation);
        if (options.Fill is float fill) OptionChecks.Fill(fill);
        OptionChecks.MaxValue(options.MaxValue);
        _policies = AutoAugmentPolicies.Of(options.Policy);
        _sampling = new PolicySampling(options.Interpolation, options.Fill, options.MaxValue);
    }

    public void Check(ImageShape shape, string column)
    {
        var used = _policies.SelectMany(p => p).Select(o => o.Operation).ToHashSet();
        PolicyChain.CheckChannels(_spaces.For(shape).Where(s => used.Contains(s.Operation)), shape, column, "AutoAugment");
    }

    /// <summary>torchvision's <c>AutoAugment.forward</c>: the operations of the sub-policy drawn by <see cref="Draw"/> that apply.</summary>
    public void Apply(ReadOnlySpan<float> source, ImageShape shape, Span<float> destination, Random random)
    {
        Span<PolicyStep> steps = stackalloc PolicyStep[2];
        int count = Draw(_spaces.For(shape), random, steps, out _);
        PolicyChain.Apply(source, shape, destination, steps[..count], _sampling);
    }

    /// <summary>torchvision's <c>AutoAugment.get_params</c>: the sub-policy, two uniform draws in [0, 1) (an operation applies
    /// when its draw is at most its probability, compared in float32), two signs (0 negates). Returns the count of operations
    /// that apply, written to <paramref name="steps"/> in order.</summary>
    internal int Draw(PolicyOperationSpace[] space, Random random, Span<PolicyStep> steps, out int subPolicyIndex)
    {
        subPolicyIndex = random.Next(_policies.Length);
        var subPolicy = _policies[subPolicyIndex];
        float first = random.NextSingle(), second = random.NextSingle();
        bool negateFirst = random.Next(2) == 0, negateSecond = random.Next(2) == 0;
        int count = 0;
        if (first <= (float)subPolicy[0].Probability) steps[count++] = Step(space, subPolicy[0], negateFirst);
        if (second <= (float)subPolicy[1].Probability) steps[count++] = Step(space, subPolicy[1], negateSecond);
        return count;
    }

    /// <summary>Operation <paramref name="operation"/> at <paramref name="bin"/> (-1: none) through the space's table, with
    /// the given sign: the fixed choice tests compare with torchvision.</summary>
    internal void ApplyOperation(PolicyOperation operation, int bin, bool negative, ReadOnlySpan<float> source, ImageShape shape, Span<float> destination) =>
        PolicyChain.Apply(source, shape, destination, [Step(_spaces.For(shape), new SubPolicyOperation(operation, 1, bin), negative)], _sampling);

    private static PolicyStep Step(PolicyOperationSpace[] space, SubPolicyOperation operation, bool negative)
    {
        var entry = Array.Find(space, s => s.Operation == operation.Operation)!;
        return new PolicyStep(operation.Operation, operation.Bin < 0 ? 0f : entry.Magnitude(operation.Bin, negative));
    }

    /// <summary>The space for images of <paramref name="shape"/>.</summary>
    internal PolicyOperationSpace[] SpaceFor(ImageShape shape) => _spaces.For(shape);
}
