using MLNet.Regularization.ImageAugmentation.Functional;

namespace MLNet.Regularization.ImageAugmentation.Transforms;

/// <summary>One operation of a policy's augmentation space: its magnitude per bin (none for operations without one) and
/// whether a random sign applies, an entry of torchvision's <c>_augmentation_space</c>.</summary>
internal sealed record PolicyOperationSpace(PolicyOperation Operation, float[] Magnitudes, bool Signed)
{
    /// <summary>The magnitude of <paramref name="bin"/>, negated when <see cref="Signed"/> and <paramref name="negative"/>;
    /// 0 for an operation without magnitudes.</summary>
    public float Magnitude(int bin, bool negative)
    {
        if (Magnitudes.Length == 0) return 0f;
        float magnitude = Magnitudes[bin];
        return Signed && negative ? -magnitude : magnitude;
    }
}
