using MLNet.Regularization.ImageAugmentation.Functional;

namespace MLNet.Regularization.ImageAugmentation.Transforms;

/// <summary>One augmentation: draws its random parameters from the row's generator and applies the pixel function.</summary>
internal interface IImageAugmentation
{
    /// <summary>Checks that the operation can run on images of <paramref name="shape"/>; throws naming the column otherwise.</summary>
    void Check(ImageShape shape, string column) { }

    /// <summary>The output's height and width when the options fix them (they may then differ from the input's); else null.</summary>
    (int Height, int Width)? FixedSize => null;

    /// <summary>The shape of the result for an input of <paramref name="input"/>; throws naming the column and options if the input is too small.</summary>
    ImageShape OutputShape(ImageShape input, string column) => input;

    void Apply(ReadOnlySpan<float> source, ImageShape shape, Span<float> destination, Random random);
}
