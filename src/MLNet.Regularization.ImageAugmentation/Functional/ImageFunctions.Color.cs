namespace MLNet.Regularization.ImageAugmentation.Functional;

public static partial class ImageFunctions
{
    /// <summary>
    /// Scales brightness: <c>dst = clamp(factor * src, 0, maxValue)</c>, torchvision's <c>adjust_brightness</c>
    /// (a blend with a black image).
    /// </summary>
    /// <param name="source">The image, <c>shape.Length</c> values in CHW layout, any number of channels.</param>
    /// <param name="shape">The image shape.</param>
    /// <param name="destination">The result, same shape; may be <paramref name="source"/> itself.</param>
    /// <param name="factor">The factor, finite and &gt;= 0: 0 gives black, 1 the original (clamped), 2 doubles.</param>
    /// <param name="maxValue">The brightest value: 1 for images scaled to [0, 1], 255 for raw bytes (ExtractPixels without scaling).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="factor"/> is negative or not finite, or <paramref name="maxValue"/> is not a finite number &gt; 0.</exception>
    /// <exception cref="ArgumentException">A span has the wrong length or the spans partly overlap.</exception>
    public static void AdjustBrightness(ReadOnlySpan<float> source, ImageShape shape, Span<float> destination, float factor, float maxValue = 1f)
    {
        CheckPixelwise(source, shape, destination);
        Guard.NonNegativeFinite(factor, nameof(factor));
        Guard.PositiveFinite(maxValue, nameof(maxValue));
        for (int i = 0; i < source.Length; i++)
        {
            destination[i] = Math.Clamp(factor * source[i], 0f, maxValue);
        }
    }

    /// <summary>
    /// Scales contrast: <c>dst = clamp(factor * src + (1 - factor) * mean, 0, maxValue)</c> where <c>mean</c> is the
    /// mean of the whole grayscale image (<see cref="Grayscale"/>; the image itself if it has one channel),
    /// torchvision's <c>adjust_contrast</c>.
    /// </summary>
    /// <param name="source">The image, <c>shape.Length</c> values in CHW layout, 1 or 3 (RGB) channels.</param>
    /// <param name="shape">The image shape.</param>
    /// <param name="destination">The result, same shape; may be <paramref name="source"/> itself.</param>
    /// <param name="factor">The factor, finite and &gt;= 0: 0 gives a uniform gray image, 1 the original (clamped).</param>
    /// <param name="maxValue">The brightest value: 1 for [0, 1] images, 255 for raw bytes.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="factor"/> is negative or not finite, <paramref name="maxValue"/> is not a finite number &gt; 0, or the image has neither 1 nor 3 channels.</exception>
    /// <exception cref="ArgumentException">A span has the wrong length or the spans partly overlap.</exception>
    public static void AdjustContrast(ReadOnlySpan<float> source, ImageShape shape, Span<float> destination, float factor, float maxValue = 1f)
    {
        CheckPixelwise(source, shape, destination);
        CheckGrayOrRgb(shape);
        Guard.NonNegativeFinite(factor, nameof(factor));
        Guard.PositiveFinite(maxValue, nameof(maxValue));

        int plane = shape.PlaneSize;
        double sum = 0;
        if (shape.Channels == 1)
        {
            for (int p = 0; p < plane; p++)
            {
                sum += source[p];
            }
        }
        else
        {
            ReadOnlySpan<float> r = source[..plane];
            ReadOnlySpan<float> g = source.Slice(plane, plane);
            ReadOnlySpan<float> b = source.Slice(2 * plane, plane);
            for (int p = 0; p < plane; p++)
            {
                sum += (RedWeight * r[p]) + (GreenWeight * g[p]) + (BlueWeight * b[p]);
            }
        }

        float offset = (1f - factor) * (float)(sum / plane);
        for (int i = 0; i < source.Length; i++)
        {
            destination[i] = Math.Clamp((factor * source[i]) + offset, 0f, maxValue);
        }
    }

    /// <summary>
    /// Scales saturation: <c>dst = clamp(factor * src + (1 - factor) * gray, 0, maxValue)</c> per pixel, with
    /// <c>gray</c> the pixel's <see cref="Grayscale"/> value, torchvision's <c>adjust_saturation</c>. A one-channel
    /// image is copied unchanged (as torchvision).
    /// </summary>
    /// <param name="source">The image, <c>shape.Length</c> values in CHW layout, 1 or 3 (RGB) channels.</param>
    /// <param name="shape">The image shape.</param>
    /// <param name="destination">The result, same shape; may be <paramref name="source"/> itself.</param>
    /// <param name="factor">The factor, finite and &gt;= 0: 0 gives the grayscale image in every channel, 1 the original (clamped).</param>
    /// <param name="maxValue">The brightest value: 1 for [0, 1] images, 255 for raw bytes.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="factor"/> is negative or not finite, <paramref name="maxValue"/> is not a finite number &gt; 0, or the image has neither 1 nor 3 channels.</exception>
    /// <exception cref="ArgumentException">A span has the wrong length or the spans partly overlap.</exception>
    public static void AdjustSaturation(ReadOnlySpan<float> source, ImageShape shape, Span<float> destination, float factor, float maxValue = 1f)
    {
        CheckPixelwise(source, shape, destination);
        CheckGrayOrRgb(shape);
        Guard.NonNegativeFinite(factor, nameof(factor));
        Guard.PositiveFinite(maxValue, nameof(maxValue));
        if (shape.Channels == 1)
        {
            source.CopyTo(destination);
            return;
        }

        int plane = shape.PlaneSize;
        float keep = 1f - factor;
        for (int p = 0; p < plane; p++)
        {
            float r = source[p];
            float g = source[plane + p];
            float b = source[(2 * plane) + p];
            float gray = keep * ((RedWeight * r) + (GreenWeight * g) + (BlueWeight * b));
            destination[p] = Math.Clamp((factor * r) + gray, 0f, maxValue);
            destination[plane + p] = Math.Clamp((factor * g) + gray, 0f, maxValue);
            destination[(2 * plane) + p] = Math.Clamp((factor * b) + gray, 0f, maxValue);
        }
    }

    /// <summary>
    /// Writes the luma of an RGB image, <c>0.2989 R + 0.587 G + 0.114 B</c> (torchvision's <c>rgb_to_grayscale</c>,
    /// ITU-R 601-2), as one plane of <c>Height * Width</c> values. A one-channel image is copied.
    /// </summary>
    /// <param name="source">The image, <c>shape.Length</c> values in CHW layout, 1 or 3 (RGB) channels.</param>
    /// <param name="shape">The image shape.</param>
    /// <param name="destination">The gray plane, <c>shape.PlaneSize</c> values; must not overlap <paramref name="source"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">The image has neither 1 nor 3 channels.</exception>
    /// <exception cref="ArgumentException">A span has the wrong length or the spans overlap.</exception>
    public static void Grayscale(ReadOnlySpan<float> source, ImageShape shape, Span<float> destination)
    {
        CheckImage(source, shape);
        CheckGrayOrRgb(shape);
        ImageShape grayShape = new(1, shape.Height, shape.Width);
        Guard.Length(destination.Length, grayShape.Length, grayShape, nameof(destination));
        Guard.NoOverlap(source, destination, nameof(destination));
        int plane = shape.PlaneSize;
        if (shape.Channels == 1)
        {
            source.CopyTo(destination);
            return;
        }

        for (int p = 0; p < plane; p++)
        {
            destination[p] = (RedWeight * source[p]) + (GreenWeight * source[plane + p]) + (BlueWeight * source[(2 * plane) + p]);
        }
    }

    private static void CheckPixelwise(ReadOnlySpan<float> source, ImageShape shape, Span<float> destination)
    {
        CheckImage(source, shape);
        Guard.Length(destination.Length, shape.Length, shape, nameof(destination));
        Guard.SameOrNoOverlap(source, destination, nameof(destination));
    }

    private static void CheckGrayOrRgb(ImageShape shape)
    {
        if (shape.Channels != 1 && shape.Channels != 3)
        {
            throw new ArgumentOutOfRangeException(nameof(shape), shape,
                $"This operation needs a 1-channel (gray) or 3-channel (RGB) image; the shape has {shape.Channels} channels.");
        }
    }
}
