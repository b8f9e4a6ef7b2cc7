using MLNet.Regularization.ImageAugmentation.Functional;

namespace MLNet.Regularization.ImageAugmentation.Transforms;

/// <summary>One operation of an AutoAugment sub-policy: applied with <see cref="Probability"/> at magnitude bin
/// <see cref="Bin"/> (-1 for an operation without magnitudes).</summary>
internal readonly record struct SubPolicyOperation(PolicyOperation Operation, double Probability, int Bin);

/// <summary>torchvision 0.14's AutoAugment policies (<c>AutoAugment._get_policies</c>), 25 sub-policies of two operations
/// each, in its order (the uniform sub-policy draw indexes it); magnitude bins of <see cref="Bins"/>.</summary>
internal static class AutoAugmentPolicies
{
    /// <summary>The number of magnitude bins AutoAugment's space has.</summary>
    public const int Bins = 10;

    public static SubPolicyOperation[][] Of(AutoAugmentPolicy policy) => policy switch
    {
        AutoAugmentPolicy.ImageNet => ImageNet,
        AutoAugmentPolicy.Cifar10 => Cifar10,
        _ => Svhn,
    };

    private static readonly SubPolicyOperation[][] ImageNet =
    [
        [new(PolicyOperation.Posterize, 0.4, 8), new(PolicyOperation.Rotate, 0.6, 9)],
        [new(PolicyOperation.Solarize, 0.6, 5), new(PolicyOperation.AutoContrast, 0.6, -1)],
        [new(PolicyOperation.Equalize, 0.8, -1), new(PolicyOperation.Equalize, 0.6, -1)],
        [new(PolicyOperation.Posterize, 0.6, 7), new(PolicyOperation.Posterize, 0.6, 6)],
        [new(PolicyOperation.Equalize, 0.4, -1), new(PolicyOperation.Solarize, 0.2, 4)],
        [new(PolicyOperation.Equalize, 0.4, -1), new(PolicyOperation.Rotate, 0.8, 8)],
        [new(PolicyOperation.Solarize, 0.6, 3), new(PolicyOperation.Equalize, 0.6, -1)],
        [new(PolicyOperation.Posterize, 0.8, 5), new(PolicyOperation.Equalize, 1.0, -1)],
        [new(PolicyOperation.Rotate, 0.2, 3), new(PolicyOperation.Solarize, 0.6, 8)],
        [new(PolicyOperation.Equalize, 0.6, -1), new(PolicyOperation.Posterize, 0.4, 6)],
        [new(PolicyOperation.Rotate, 0.8, 8), new(PolicyOperation.Color, 0.4, 0)],
        [new(PolicyOperation.Rotate, 0.4, 9), new(PolicyOperation.Equalize, 0.6, -1)],
        [new(PolicyOperation.Equalize, 0.0, -1), new(PolicyOperation.Equalize, 0.8, -1)],
        [new(PolicyOperation.Invert, 0.6, -1), new(PolicyOperation.Equalize, 1.0, -1)],
        [new(PolicyOperation.Color, 0.6, 4), new(PolicyOperation.Contrast, 1.0, 8)],
        [new(PolicyOperation.Rotate, 0.8, 8), new(PolicyOperation.Color, 1.0, 2)],
        [new(PolicyOperation.Color, 0.8, 8), new(PolicyOperation.Solarize, 0.8, 7)],
        [new(PolicyOperation.Sharpness, 0.4, 7), new(PolicyOperation.Invert, 0.6, -1)],
        [new(PolicyOperation.ShearX, 0.6, 5), new(PolicyOperation.Equalize, 1.0, -1)],
        [new(PolicyOperation.Color, 0.4, 0), new(PolicyOperation.Equalize, 0.6, -1)],
        [new(PolicyOperation.Equalize, 0.4, -1), new(PolicyOperation.Solarize, 0.2, 4)],
        [new(PolicyOperation.Solarize, 0.6, 5), new(PolicyOperation.AutoContrast, 0.6, -1)],
        [new(PolicyOperation.Invert, 0.6, -1), new(PolicyOperation.Equalize, 1.0, -1)],
        [new(PolicyOperation.Color, 0.6, 4), new(PolicyOperation.Contrast, 1.0, 8)],
        [new(PolicyOperation.Equalize, 0.8, -1), new(PolicyOperation.Equalize, 0.6, -1)],
    ];

    private static readonly SubPolicyOperation[][] Cifar10 =
    [
        [new(PolicyOperation.Invert, 0.1, -1), new(PolicyOperation.Contrast, 0.2, 6)],
        [new(PolicyOperation.Rotate, 0.7, 2), new(PolicyOperation.TranslateX, 0.3, 9)],
        [new(PolicyOperation.Sharpness, 0.8, 1), new(PolicyOperation.Sharpness, 0.9, 3)],
        [new(PolicyOperation.ShearY, 0.5, 8), new(PolicyOperation.TranslateY, 0.7, 9)],
        [new(PolicyOperation.AutoContrast, 0.5, -1), new(PolicyOperation.Equalize, 0.9, -1)],
        [new(PolicyOperation.ShearY, 0.2, 7), new(PolicyOperation.Posterize, 0.3, 7)],
        [new(PolicyOperation.Color, 0.4, 3), new(PolicyOperation.Brightness, 0.6, 7)],
        [new(PolicyOperation.Sharpness, 0.3, 9), new(PolicyOperation.Brightness, 0.7, 9)],
        [new(PolicyOperation.Equalize, 0.6, -1), new(PolicyOperation.Equalize, 0.5, -1)],
        [new(PolicyOperation.Contrast, 0.6, 7), new(PolicyOperation.Sharpness, 0.6, 5)],
        [new(PolicyOperation.Color, 0.7, 7), new(PolicyOperation.TranslateX, 0.5, 8)],
        [new(PolicyOperation.Equalize, 0.3, -1), new(PolicyOperation.AutoContrast, 0.4, -1)],
        [new(PolicyOperation.TranslateY, 0.4, 3), new(PolicyOperation.Sharpness, 0.2, 6)],
        [new(PolicyOperation.Brightness, 0.9, 6), new(PolicyOperation.Color, 0.2, 8)],
        [new(PolicyOperation.Solarize, 0.5, 2), new(PolicyOperation.Invert, 0.0, -1)],
        [new(PolicyOperation.Equalize, 0.2, -1), new(PolicyOperation.AutoContrast, 0.6, -1)],
        [new(PolicyOperation.Equalize, 0.2, -1), new(PolicyOperation.Equalize, 0.6, -1)],
        [new(PolicyOperation.Color, 0.9, 9), new(PolicyOperation.Equalize, 0.6, -1)],
        [new(PolicyOperation.AutoContrast, 0.8, -1), new(PolicyOperation.Solarize, 0.2, 8)],
        [new(PolicyOperation.Brightness, 0.1, 3), new(PolicyOperation.Color, 0.7, 0)],
        [new(PolicyOperation.Solarize, 0.4, 5), new(PolicyOperation.AutoContrast, 0.9, -1)],
        [new(PolicyOperation.TranslateY, 0.9, 9), new(PolicyOperation.TranslateY, 0.7, 9)],
        [new(PolicyOperation.AutoContrast, 0.9, -1), new(PolicyOperation.Solarize, 0.8, 3)],
        [new(PolicyOperation.Equalize, 0.8, -1), new(PolicyOperation.Invert, 0.1, -1)],
        [new(PolicyOperation.TranslateY, 0.7, 9), new(PolicyOperation.AutoContrast, 0.9, -1)],
    ];

    private static readonly SubPolicyOperation[][] Svhn =
    [
        [new(PolicyOperation.ShearX, 0.9, 4), new(PolicyOperation.Invert, 0.2, -1)],
        [new(PolicyOperation.ShearY, 0.9, 8), new(PolicyOperation.Invert, 0.7, -1)],
        [new(PolicyOperation.Equalize, 0.6, -1), new(PolicyOperation.Solarize, 0.6, 6)],
        [new(PolicyOperation.Invert, 0.9, -1), new(PolicyOperation.Equalize, 0.6, -1)],
        [new(PolicyOperation.Equalize, 0.6, -1), new(PolicyOperation.Rotate, 0.9, 3)],
        [new(PolicyOperation.ShearX, 0.9, 4), new(PolicyOperation.AutoContrast, 0.8, -1)],
        [new(PolicyOperation.ShearY, 0.9, 8), new(PolicyOperation.Invert, 0.4, -1)],
        [new(PolicyOperation.ShearY, 0.9, 5), new(PolicyOperation.Solarize, 0.2, 6)],
        [new(PolicyOperation.Invert, 0.9, -1), new(PolicyOperation.AutoContrast, 0.8, -1)],
        [new(PolicyOperation.Equalize, 0.6, -1), new(PolicyOperation.Rotate, 0.9, 3)],
        [new(PolicyOperation.ShearX, 0.9, 4), new(PolicyOperation.Solarize, 0.3, 3)],
        [new(PolicyOperation.ShearY, 0.8, 8), new(PolicyOperation.Invert, 0.7, -1)],
        [new(PolicyOperation.Equalize, 0.9, -1), new(PolicyOperation.TranslateY, 0.6, 6)],
        [new(PolicyOperation.Invert, 0.9, -1), new(PolicyOperation.Equalize, 0.6, -1)],
        [new(PolicyOperation.Contrast, 0.3, 3), new(PolicyOperation.Rotate, 0.8, 4)],
        [new(PolicyOperation.Invert, 0.8, -1), new(PolicyOperation.TranslateY, 0.0, 2)],
        [new(PolicyOperation.ShearY, 0.7, 6), new(PolicyOperation.Solarize, 0.4, 8)],
        [new(PolicyOperation.Invert, 0.6, -1), new(PolicyOperation.Rotate, 0.8, 4)],
        [new(PolicyOperation.ShearY, 0.3, 7), new(PolicyOperation.TranslateX, 0.9, 3)],
        [new(PolicyOperation.ShearX, 0.1, 6), new(PolicyOperation.Invert, 0.6, -1)],
        [new(PolicyOperation.Solarize, 0.7, 2), new(PolicyOperation.TranslateY, 0.6, 7)],
        [new(PolicyOperation.ShearY, 0.8, 4), new(PolicyOperation.Invert, 0.8, -1)],
        [new(PolicyOperation.ShearX, 0.7, 9), new(PolicyOperation.TranslateY, 0.8, 3)],
        [new(PolicyOperation.ShearY, 0.8, 5), new(PolicyOperation.AutoContrast, 0.7, -1)],
        [new(PolicyOperation.ShearX, 0.7, 2), new(PolicyOperation.Invert, 0.1, -1)],
    ];
}
