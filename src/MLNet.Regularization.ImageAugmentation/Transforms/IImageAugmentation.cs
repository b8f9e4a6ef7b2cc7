using MLNet.Regularization.ImageAugmentation.Functional;

namespace MLNet.Regularization.ImageAugmentation.Transforms;

/// <summary>One augmentation: draws its random parameters from the row's generator and applies the pixel function.</summary>
internal interface IImageAugmentation
{
    /// <summary>Checks that the operation can run on images of <paramref name="shape"/>; throws naming the column otherwise.</summary>
    void Check(ImageShape shape, string column) { }

    void Apply(ReadOnlySpan<float> source, ImageShape shape, Span<float> destination, Random random);
}
