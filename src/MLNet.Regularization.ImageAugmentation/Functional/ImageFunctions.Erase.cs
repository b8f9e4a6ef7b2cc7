namespace MLNet.Regularization.ImageAugmentation.Functional;

public static partial class ImageFunctions
{
    /// <summary>
    /// Copies the image and sets the box (<paramref name="top"/>, <paramref name="left"/>, <paramref name="height"/>,
    /// <paramref name="width"/>) to <paramref name="value"/> in every channel (torchvision <c>F.erase</c> with a scalar,
    /// the operation behind <c>RandomErasing</c> and cutout).
    /// </summary>
    /// <param name="source">The image, <c>shape.Length</c> values in CHW layout.</param>
    /// <param name="shape">The image shape.</param>
    /// <param name="destination">The result, same shape; may be <paramref name="source"/> itself.</param>
    /// <param name="top">The first row of the box.</param>
    /// <param name="left">The first column of the box.</param>
    /// <param name="height">The number of rows of the box, at least 1; the box must lie inside the image.</param>
    /// <param name="width">The number of columns of the box, at least 1.</param>
    /// <param name="value">The value written into the box.</param>
    /// <exception cref="ArgumentOutOfRangeException">The box is empty or leaves the image.</exception>
    /// <exception cref="ArgumentException">A span has the wrong length or the spans partly overlap.</exception>
    public static void Erase(ReadOnlySpan<float> source, ImageShape shape, Span<float> destination, int top, int left, int height, int width, float value)
    {
        CheckPixelwise(source, shape, destination);
        Guard.BoxInside(shape, top, left, height, width);
        source.CopyTo(destination);
        for (int c = 0; c < shape.Channels; c++)
        {
            for (int y = top; y < top + height; y++)
            {
                destination.Slice(shape.IndexOf(c, y, left), width).Fill(value);
            }
        }
    }

    /// <summary>
    /// Copies the image and overwrites the box with <paramref name="values"/>, a CHW patch of
    /// <c>shape.Channels * height * width</c> values (torchvision <c>F.erase</c> with a tensor <c>v</c>, as
    /// <c>RandomErasing(value="random")</c> draws it).
    /// </summary>
    /// <param name="source">The image, <c>shape.Length</c> values in CHW layout.</param>
    /// <param name="shape">The image shape.</param>
    /// <param name="destination">The result, same shape; may be <paramref name="source"/> itself.</param>
    /// <param name="top">The first row of the box.</param>
    /// <param name="left">The first column of the box.</param>
    /// <param name="height">The number of rows of the box, at least 1; the box must lie inside the image.</param>
    /// <param name="width">The number of columns of the box, at least 1.</param>
    /// <param name="values">The patch written into the box, in CHW layout.</param>
    /// <exception cref="ArgumentOutOfRangeException">The box is empty or leaves the image.</exception>
    /// <exception cref="ArgumentException">A span has the wrong length or the spans partly overlap.</exception>
    public static void Erase(ReadOnlySpan<float> source, ImageShape shape, Span<float> destination, int top, int left, int height, int width, ReadOnlySpan<float> values)
    {
        CheckPixelwise(source, shape, destination);
        Guard.BoxInside(shape, top, left, height, width);
        ImageShape patch = shape.WithSize(height, width);
        Guard.Length(values.Length, patch.Length, patch, nameof(values));
        source.CopyTo(destination);
        for (int c = 0; c < shape.Channels; c++)
        {
            for (int y = 0; y < height; y++)
            {
                values.Slice(patch.IndexOf(c, y, 0), width).CopyTo(destination.Slice(shape.IndexOf(c, top + y, left), width));
            }
        }
    }
}
