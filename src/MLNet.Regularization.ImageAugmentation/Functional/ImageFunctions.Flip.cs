namespace MLNet.Regularization.ImageAugmentation.Functional;

public static partial class ImageFunctions
{
    /// <summary>Mirrors the image left to right: <c>dst[c, y, x] = src[c, y, W - 1 - x]</c> (torchvision <c>hflip</c>).</summary>
    /// <param name="source">The image, <c>shape.Length</c> values in CHW layout.</param>
    /// <param name="shape">The image shape.</param>
    /// <param name="destination">The result, same shape; may be <paramref name="source"/> itself (in place) but not partly overlap it.</param>
    /// <exception cref="ArgumentException">A span has the wrong length or the spans partly overlap.</exception>
    public static void HorizontalFlip(ReadOnlySpan<float> source, ImageShape shape, Span<float> destination)
    {
        CheckImage(source, shape);
        Guard.Length(destination.Length, shape.Length, shape, nameof(destination));
        Guard.SameOrNoOverlap(source, destination, nameof(destination));

        int width = shape.Width;
        int rows = shape.Channels * shape.Height;
        for (int r = 0; r < rows; r++)
        {
            Span<float> row = destination.Slice(r * width, width);
            source.Slice(r * width, width).CopyTo(row);
            row.Reverse();
        }
    }

    /// <summary>Mirrors the image top to bottom: <c>dst[c, y, x] = src[c, H - 1 - y, x]</c> (torchvision <c>vflip</c>).</summary>
    /// <param name="source">The image, <c>shape.Length</c> values in CHW layout.</param>
    /// <param name="shape">The image shape.</param>
    /// <param name="destination">The result, same shape; may be <paramref name="source"/> itself (in place) but not partly overlap it.</param>
    /// <exception cref="ArgumentException">A span has the wrong length or the spans partly overlap.</exception>
    public static void VerticalFlip(ReadOnlySpan<float> source, ImageShape shape, Span<float> destination)
    {
        CheckImage(source, shape);
        Guard.Length(destination.Length, shape.Length, shape, nameof(destination));
        Guard.SameOrNoOverlap(source, destination, nameof(destination));

        int width = shape.Width;
        int height = shape.Height;
        bool inPlace = source.Overlaps(destination);
        for (int c = 0; c < shape.Channels; c++)
        {
            int planeStart = c * shape.PlaneSize;
            if (inPlace)
            {
                for (int y = 0; y < height / 2; y++)
                {
                    Span<float> top = destination.Slice(planeStart + (y * width), width);
                    Span<float> bottom = destination.Slice(planeStart + ((height - 1 - y) * width), width);
                    for (int x = 0; x < width; x++)
                    {
                        (top[x], bottom[x]) = (bottom[x], top[x]);
                    }
                }
            }
            else
            {
                for (int y = 0; y < height; y++)
                {
                    source.Slice(planeStart + ((height - 1 - y) * width), width)
                        .CopyTo(destination.Slice(planeStart + (y * width), width));
                }
            }
        }
    }
}
