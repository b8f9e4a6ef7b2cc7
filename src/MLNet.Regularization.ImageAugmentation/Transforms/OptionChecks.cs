namespace MLNet.Regularization.ImageAugmentation.Transforms;

/// <summary>Checks of augmentation options when a step is created; every message names the option, the rule and the value.</summary>
internal static class OptionChecks
{
    public static void Require(bool condition, string option, object value, string rule)
    {
        if (!condition)
            throw new ArgumentOutOfRangeException("options", value, $"Option {option} {rule}; got {value}.");
    }

    public static void MaxValue(float maxValue) =>
        Require(float.IsFinite(maxValue) && maxValue > 0, "MaxValue", maxValue, "must be a finite number > 0 (1 for pixels in [0, 1], 255 for raw bytes)");

    public static void Fill(float fill) => Require(float.IsFinite(fill), "Fill", fill, "must be finite");

    public static void Interpolation(Functional.Interpolation interpolation) =>
        Require(Enum.IsDefined(interpolation), "Interpolation", interpolation, "must be Nearest or Bilinear");
}
