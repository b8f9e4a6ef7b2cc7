using MLNet.Regularization.ImageAugmentation.Functional;

namespace MLNet.Regularization.ImageAugmentation.Transforms;

/// <summary>
/// The augmentation spaces of torchvision 0.14's policies (<c>transforms/autoaugment.py</c>, <c>_augmentation_space</c>):
/// the operations in torchvision's order (the order of its dictionaries, which the uniform operation draw indexes) and the
/// magnitude of every bin, as the float32 values torchvision's tables hold.
/// </summary>
internal static class AugmentationSpace
{
    /// <summary>RandAugment's space (14 operations).</summary>
    public static PolicyOperationSpace[] RandAugment(int bins, int height, int width) =>
    [
        new(PolicyOperation.Identity, [], false),
        .. Geometric(bins, 0.3f, (float)(150.0 / 331.0 * width), (float)(150.0 / 331.0 * height), 30f),
        .. Color(bins, 0.9f),
        new(PolicyOperation.Posterize, PosterizeBits(8, bins, 4), false),
        new(PolicyOperation.Solarize, Linspace(255f, 0f, bins), false),
        new(PolicyOperation.AutoContrast, [], false),
        new(PolicyOperation.Equalize, [], false),
    ];

    /// <summary>TrivialAugmentWide's space (14 operations), which does not depend on the image size.</summary>
    public static PolicyOperationSpace[] TrivialAugmentWide(int bins) =>
    [
        new(PolicyOperation.Identity, [], false),
        .. Geometric(bins, 0.99f, 32f, 32f, 135f),
        .. Color(bins, 0.99f),
        new(PolicyOperation.Posterize, PosterizeBits(8, bins, 6), false),
        new(PolicyOperation.Solarize, Linspace(255f, 0f, bins), false),
        new(PolicyOperation.AutoContrast, [], false),
        new(PolicyOperation.Equalize, [], false),
    ];

    /// <summary>AutoAugment's space: RandAugment's without Identity, with Invert, at 10 bins.</summary>
    public static PolicyOperationSpace[] AutoAugment(int height, int width) =>
    [
        .. RandAugment(AutoAugmentPolicies.Bins, height, width)[1..],
        new(PolicyOperation.Invert, [], false),
    ];

    /// <summary>AugMix's space at 10 bins: the geometric and tone operations, then (with <paramref name="allOps"/>) the color ones.</summary>
    public static PolicyOperationSpace[] AugMix(int height, int width, bool allOps)
    {
        const int bins = AugMixOptions.Bins;
        PolicyOperationSpace[] basic =
        [
            .. Geometric(bins, 0.3f, (float)(width / 3.0), (float)(height / 3.0), 30f),
            new(PolicyOperation.Posterize, PosterizeBits(4, bins, 4), false),
            new(PolicyOperation.Solarize, Linspace(255f, 0f, bins), false),
            new(PolicyOperation.AutoContrast, [], false),
            new(PolicyOperation.Equalize, [], false),
        ];
        return allOps ? [.. basic, .. Color(bins, 0.9f)] : basic;
    }

    private static PolicyOperationSpace[] Geometric(int bins, float shear, float translateX, float translateY, float degrees) =>
    [
        new(PolicyOperation.ShearX, Linspace(0f, shear, bins), true),
        new(PolicyOperation.ShearY, Linspace(0f, shear, bins), true),
        new(PolicyOperation.TranslateX, Linspace(0f, translateX, bins), true),
        new(PolicyOperation.TranslateY, Linspace(0f, translateY, bins), true),
        new(PolicyOperation.Rotate, Linspace(0f, degrees, bins), true),
    ];

    private static PolicyOperationSpace[] Color(int bins, float largest) =>
    [
        new(PolicyOperation.Brightness, Linspace(0f, largest, bins), true),
        new(PolicyOperation.Color, Linspace(0f, largest, bins), true),
        new(PolicyOperation.Contrast, Linspace(0f, largest, bins), true),
        new(PolicyOperation.Sharpness, Linspace(0f, largest, bins), true),
    ];

    /// <summary>torchvision's <c>top - (torch.arange(bins) / ((bins - 1) / divisions)).round().int()</c>: the division in
    /// float32, rounded half to even.</summary>
    internal static float[] PosterizeBits(int top, int bins, int divisions)
    {
        float divisor = (float)((bins - 1) / (double)divisions);
        var bits = new float[bins];
        for (int i = 0; i < bins; i++) bits[i] = top - (int)MathF.Round(i / divisor, MidpointRounding.ToEven);
        return bits;
    }

    /// <summary>
    /// <c>torch.linspace(start, end, steps)</c> in float32 as torch 1.13 computes it on x86-64 (its AVX2 kernels, which
    /// the reference values were made with): <c>step = (end - start) / (steps - 1)</c>; the first half of the points are
    /// <c>start + step i</c>, the others <c>end - step (steps - 1 - i)</c>, each one fused multiply-add; where the kernel
    /// runs in vectors (pairs of 8 points while 16 remain), the first point of each 8 is computed so and the next ones as
    /// <c>first + k step</c> (a product, then a sum).
    /// </summary>
    internal static float[] Linspace(float start, float end, int steps)
    {
        var values = new float[steps];
        if (steps == 1)
        {
            values[0] = start;
            return values;
        }

        float step = (end - start) / (steps - 1);
        int half = steps / 2;
        float Point(int i) => i < half ? MathF.FusedMultiplyAdd(step, i, start) : MathF.FusedMultiplyAdd(-step, steps - i - 1, end);
        int index = 0;
        for (; index + 16 <= steps; index += 8)
        {
            float first = Point(index);
            for (int k = 0; k < 8; k++) values[index + k] = first + (k * step);
            index += 8;
            first = Point(index);
            for (int k = 0; k < 8; k++) values[index + k] = first + (k * step);
        }

        for (; index < steps; index++) values[index] = Point(index);
        return values;
    }
}
