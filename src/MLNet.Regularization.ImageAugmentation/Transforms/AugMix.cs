using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MLNet.Regularization.ImageAugmentation.Functional;
using MLNet.Regularization.ImageAugmentation.Transforms;

namespace MLNet.Regularization.ImageAugmentation;

/// <summary>
/// Options of AugMix (torchvision 0.14's <c>AugMix</c>; Hendrycks et al., 2020): <see cref="MixtureWidth"/> chains of
/// <see cref="ChainDepth"/> operations each (drawn uniformly from the space, at a magnitude bin drawn from the first
/// <see cref="Severity"/> of 10, with a random sign for the signed ones), mixed with Dirichlet weights, and that mixture
/// blended with the original image by a Beta weight: <c>m0 x + m1 (w_1 chain_1(x) + ... + w_k chain_k(x))</c>.
/// </summary>
/// <remarks>
/// <para>The space: ShearX, ShearY (0 to 0.3), TranslateX, TranslateY (0 to a third of the width, height), Rotate (0 to 30
/// degrees), Posterize (4 down to 0 bits), Solarize (threshold 255 down to 0 levels), AutoContrast, Equalize, and with
/// <see cref="AllOps"/> Brightness, Color, Contrast, Sharpness (factors 1 +/- (0 to 0.9)); see
/// <see cref="ImageFunctions.ApplyPolicyOperation"/>.</para>
/// <para>Random draws, all from the step's seeded generator, in torchvision's order: <c>(m0, m1)</c> ~ Dirichlet(alpha,
/// alpha) (a Beta(alpha, alpha) draw and its complement), the chain weights <c>w</c> ~ Dirichlet(alpha, ..., alpha), then per
/// chain its depth (when <see cref="ChainDepth"/> is not positive) and per operation its index, bin and sign. The Gamma draws
/// behind the Dirichlet ones are Marsaglia and Tsang's method on the library's seeded normals (torch's own sampler differs, so
/// the weights follow the same distribution, not torch's values). As torchvision, the weights are float32, the mixture starts
/// as <c>m0 x</c> and adds <c>(w_i m1) chain_i(x)</c> chain after chain, a product then a sum. torchvision then truncates to
/// <c>uint8</c> levels on <c>uint8</c> images; here the float mixture is kept, clamped to [0, <see cref="MaxValue"/>] (the
/// float weights sum to 1 within rounding, which could lift the brightest pixels an ulp above it).</para>
/// </remarks>
public sealed class AugMixOptions : ImageAugmentationOptions
{
    /// <summary>The number of magnitude bins of AugMix's space (torchvision's <c>_PARAMETER_MAX</c>).</summary>
    internal const int Bins = 10;

    /// <summary>The strength: operations draw their magnitude bin from the first <see cref="Severity"/> of 10, 1..10. Read when
    /// the step is created: to change the strength during training, create the step (or the batch augmentation) again.</summary>
    /// <value>The default value is 3.</value>
    public int Severity { get; set; } = 3;

    /// <summary>The number of chains mixed, at least 1.</summary>
    /// <value>The default value is 3.</value>
    public int MixtureWidth { get; set; } = 3;

    /// <summary>The number of operations per chain; 0 or a negative value draws it from 1..3 per chain.</summary>
    /// <value>The default value is -1.</value>
    public int ChainDepth { get; set; } = -1;

    /// <summary>The concentration of the Dirichlet and Beta draws, &gt; 0.</summary>
    /// <value>The default value is 1.</value>
    public double Alpha { get; set; } = 1;

    /// <summary>Whether the space has Brightness, Color, Contrast and Sharpness too.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool AllOps { get; set; } = true;

    /// <summary>How the geometric operations sample.</summary>
    /// <value>The default value is <see cref="Interpolation.Bilinear"/>, as in torchvision's AugMix.</value>
    public Interpolation Interpolation { get; set; } = Interpolation.Bilinear;

    /// <summary>The value of pixels that come from outside the image, blended by the inside weight at the borders in bilinear
    /// sampling; <see langword="null"/>, torchvision's <c>fill=None</c>: 0, and bilinear border pixels are not blended.</summary>
    /// <value>The default value is <see langword="null"/>, as in torchvision.</value>
    public float? Fill { get; set; }

    /// <summary>The largest pixel value: 1 for pixels scaled to [0, 1], 255 for raw bytes.</summary>
    /// <value>The default value is 1.</value>
    public float MaxValue { get; set; } = 1;
}

internal sealed class AugMix : IImageAugmentation
{
    /// <summary>Receives each image of the mixture with its weight: the original first, then each chain's output.</summary>
    internal delegate void MixtureObserver(ReadOnlySpan<float> image, float weight);

    private readonly int _severity, _mixtureWidth, _chainDepth;
    private readonly double _alpha;
    private readonly PolicySampling _sampling;
    private readonly SpaceCache _spaces;

    public AugMix(AugMixOptions options)
    {
        OptionChecks.Require(options.Severity is >= 1 and <= AugMixOptions.Bins, "Severity", options.Severity, "must be in 1..10");
        OptionChecks.Require(options.MixtureWidth >= 1, "MixtureWidth", options.MixtureWidth, "must be at least 1");
        OptionChecks.Require(options.Alpha > 0 && double.IsFinite(options.Alpha), "Alpha", options.Alpha, "must be a finite number > 0");
        OptionChecks.Interpolation(options.Interpolation);
        if (options.Fill is float fill) OptionChecks.Fill(fill);
        OptionChecks.MaxValue(options.MaxValue);
        (_severity, _mixtureWidth, _chainDepth, _alpha) = (options.Severity, options.MixtureWidth, options.ChainDepth, options.Alpha);
        _sampling = new PolicySampling(options.Interpolation, options.Fill, options.MaxValue);
        bool allOps = options.AllOps;
        _spaces = new SpaceCache((height, width) => AugmentationSpace.AugMix(height, width, allOps));
    }

    public void Check(ImageShape shape, string column) => PolicyChain.CheckChannels(_spaces.For(shape), shape, column, "AugMix");

    public void Apply(ReadOnlySpan<float> source, ImageShape shape, Span<float> destination, Random random) =>
        Apply(source, shape, destination, random, null);

    /// <summary>torchvision's <c>AugMix.forward</c>; <paramref name="observer"/> (for tests) sees the mixture's images and weights.</summary>
    internal void Apply(ReadOnlySpan<float> source, ImageShape shape, Span<float> destination, Random random, MixtureObserver? observer)
    {
        var space = _spaces.For(shape);
        int width = _mixtureWidth;
        Span<double> beta = stackalloc double[2];
        Dirichlet.Sample(random, _alpha, beta);
        Span<double> weights = width > 64 ? new double[width] : stackalloc double[width];
        Dirichlet.Sample(random, _alpha, weights);
        float original = (float)beta[0], augmented = (float)beta[1];
        Scale(source, destination, original);
        observer?.Invoke(source, original);

        var chain = ArrayPool<float>.Shared.Rent(shape.Length);
        try
        {
            Span<float> output = chain.AsSpan(0, shape.Length);
            int most = Math.Max(_chainDepth, 3);
            Span<PolicyStep> steps = most > 16 ? new PolicyStep[most] : stackalloc PolicyStep[most];
            for (int i = 0; i < width; i++)
            {
                int depth = _chainDepth > 0 ? _chainDepth : random.Next(1, 4);
                for (int k = 0; k < depth; k++) steps[k] = DrawOperation(space, random, out _, out _);

                PolicyChain.Apply(source, shape, output, steps[..depth], _sampling);
                float weight = (float)weights[i] * augmented;
                AddScaled(output, destination, weight);
                observer?.Invoke(output, weight);
            }

            Clamp(destination, _sampling.MaxValue);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(chain);
        }
    }

    /// <summary>One operation of a chain: its index drawn uniformly, then its bin from the first <see cref="AugMixOptions.Severity"/>
    /// (if it has magnitudes), then a sign (if signed; 1 negates).</summary>
    internal PolicyStep DrawOperation(PolicyOperationSpace[] space, Random random, out int index, out int bin)
    {
        index = random.Next(space.Length);
        var entry = space[index];
        bin = entry.Magnitudes.Length > 0 ? random.Next(_severity) : 0;
        bool negative = entry.Signed && random.Next(2) == 1;
        return new PolicyStep(entry.Operation, entry.Magnitude(bin, negative));
    }

    /// <summary>The space for images of <paramref name="shape"/>.</summary>
    internal PolicyOperationSpace[] SpaceFor(ImageShape shape) => _spaces.For(shape);

    /// <summary>Operation <paramref name="index"/> of the space at <paramref name="bin"/> and the given sign: the fixed choice tests compare with torchvision.</summary>
    internal void ApplyOperation(int index, int bin, bool negative, ReadOnlySpan<float> source, ImageShape shape, Span<float> destination)
    {
        var entry = _spaces.For(shape)[index];
        PolicyChain.Apply(source, shape, destination, [new PolicyStep(entry.Operation, entry.Magnitude(bin, negative))], _sampling);
    }

    // The vector loops and their scalar tails compute the same product and sum (no fused multiply-add).

    private static void Scale(ReadOnlySpan<float> source, Span<float> destination, float weight)
    {
        ref float src = ref MemoryMarshal.GetReference(source);
        ref float dst = ref MemoryMarshal.GetReference(destination);
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= source.Length - Vector<float>.Count; i += Vector<float>.Count)
                (weight * Vector.LoadUnsafe(ref src, (nuint)i)).StoreUnsafe(ref dst, (nuint)i);
        }

        for (; i < source.Length; i++) Unsafe.Add(ref dst, i) = weight * Unsafe.Add(ref src, i);
    }

    /// <summary>Clamps to [0, maxValue]: the float weights sum to 1 within rounding, which can lift a mixture of bright pixels an ulp above the largest value.</summary>
    private static void Clamp(Span<float> values, float maxValue)
    {
        ref float start = ref MemoryMarshal.GetReference(values);
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            Vector<float> max = new(maxValue);
            for (; i <= values.Length - Vector<float>.Count; i += Vector<float>.Count)
                Vector.Min(Vector.Max(Vector.LoadUnsafe(ref start, (nuint)i), Vector<float>.Zero), max).StoreUnsafe(ref start, (nuint)i);
        }

        for (; i < values.Length; i++) Unsafe.Add(ref start, i) = MathF.Min(MathF.Max(Unsafe.Add(ref start, i), 0f), maxValue);
    }

    private static void AddScaled(ReadOnlySpan<float> source, Span<float> destination, float weight)
    {
        ref float src = ref MemoryMarshal.GetReference(source);
        ref float dst = ref MemoryMarshal.GetReference(destination);
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= source.Length - Vector<float>.Count; i += Vector<float>.Count)
                (Vector.LoadUnsafe(ref dst, (nuint)i) + (weight * Vector.LoadUnsafe(ref src, (nuint)i))).StoreUnsafe(ref dst, (nuint)i);
        }

        for (; i < source.Length; i++) Unsafe.Add(ref dst, i) += weight * Unsafe.Add(ref src, i);
    }
}
