namespace MLNet.Regularization.ImageAugmentation.Functional;

/// <summary>
/// The operations of the augmentation policies (RandAugment, TrivialAugmentWide, AutoAugment, AugMix), by torchvision 0.14's
/// names in <c>transforms/autoaugment.py</c>; <see cref="ImageFunctions.ApplyPolicyOperation"/> applies one with a magnitude.
/// </summary>
public enum PolicyOperation
{
    /// <summary>Leaves the image as it is.</summary>
    Identity,

    /// <summary>Shears along x about the top-left corner; the magnitude is the shear's tangent.</summary>
    ShearX,

    /// <summary>Shears along y about the top-left corner; the magnitude is the shear's tangent.</summary>
    ShearY,

    /// <summary>Shifts right by the magnitude in pixels, truncated to a whole number.</summary>
    TranslateX,

    /// <summary>Shifts down by the magnitude in pixels, truncated to a whole number.</summary>
    TranslateY,

    /// <summary>Rotates counter-clockwise by the magnitude in degrees.</summary>
    Rotate,

    /// <summary>Scales brightness by 1 + magnitude.</summary>
    Brightness,

    /// <summary>Scales saturation by 1 + magnitude (PIL's "Color").</summary>
    Color,

    /// <summary>Scales contrast by 1 + magnitude.</summary>
    Contrast,

    /// <summary>Scales sharpness by 1 + magnitude.</summary>
    Sharpness,

    /// <summary>Keeps the magnitude's whole number of bits of each 8-bit level.</summary>
    Posterize,

    /// <summary>Inverts the values at or above the magnitude, a threshold in 8-bit levels (0 to 255).</summary>
    Solarize,

    /// <summary>Stretches each channel to the full range.</summary>
    AutoContrast,

    /// <summary>Equalizes each channel's histogram.</summary>
    Equalize,

    /// <summary>Inverts every value.</summary>
    Invert,
}
