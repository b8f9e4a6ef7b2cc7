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

    /// <summary>
    /// Whether every value of the result is a value of the source or a fill that an 8-bit image holds exactly
    /// (<see cref="ImagePixels.IsEightBit"/>): flips, crops, nearest sampling. Then the result of an image read from 8-bit
    /// pixels needs no rounding to 8 bits before the next step; the rounding would leave it unchanged.
    /// </summary>
    bool KeepsEightBitValues => false;

    void Apply(ReadOnlySpan<float> source, ImageShape shape, Span<float> destination, Random random);
}
