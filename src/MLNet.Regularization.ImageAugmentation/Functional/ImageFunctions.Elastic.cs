using System.Buffers;

namespace MLNet.Regularization.ImageAugmentation.Functional;

public static partial class ImageFunctions
{
    /// <summary>
    /// Moves every pixel by a displacement field, keeping the image size (torchvision 0.14
    /// <c>F.elastic_transform(img, displacement, interpolation, fill=[fill])</c> on tensors).
    /// </summary>
    /// <param name="source">The image, <c>shape.Length</c> values in CHW layout, any number of channels.</param>
    /// <param name="shape">The image shape.</param>
    /// <param name="destination">The result, same shape; must not overlap <paramref name="source"/>.</param>
    /// <param name="displacement">The field, <c>2 * Height * Width</c> values laid out as torchvision's
    /// <c>1 x H x W x 2</c> tensor: for each pixel row by row, its <c>dx</c> then its <c>dy</c>, in torchvision's normalized
    /// grid units, where the width and the height of the image each span 2 (so <c>dx = 2 / W</c> moves the sampling point
    /// one pixel right, and output pixel <c>(x, y)</c> shows what was at <c>(x + 1, y)</c>). A NaN or infinite value sends its pixel outside the image (<paramref name="fill"/>).</param>
    /// <param name="interpolation">How to sample between pixels. torchvision's default is <see cref="Interpolation.Bilinear"/>.</param>
    /// <param name="fill">The value of output pixels whose source lies outside the image, in every channel.</param>
    /// <remarks>
    /// <para>Convention (torchvision 0.14 <c>elastic_transform</c>): the field is added to the identity grid and taken through
    /// <c>grid_sample</c> with <c>align_corners=False</c>, so output pixel <c>(x, y)</c> samples the source at pixel-center
    /// coordinates <c>sx = x + dx * W / 2</c>, <c>sy = y + dy * H / 2</c>, computed here in <see cref="float"/> in that form
    /// (torchvision adds in normalized units first; the two differ by float rounding). A zero field gives the image back
    /// exactly. Sampling is that of <see cref="Rotate"/> and <see cref="Perspective"/>.</para>
    /// <para><c>ElasticTransform</c> in <c>mlContext.Transforms.Augment()</c> draws the field as torchvision's
    /// <c>ElasticTransform.get_params</c> does: uniform noise in [-1, 1) blurred by a Gaussian of <c>sigma</c> and scaled by
    /// <c>alpha</c>.</para>
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fill"/> is NaN or infinite, or <paramref name="interpolation"/>
    /// is undefined.</exception>
    /// <exception cref="ArgumentException">A span has the wrong length (the field needs <c>2 * Height * Width</c> values) or the
    /// image spans overlap.</exception>
    public static void ElasticTransform(
        ReadOnlySpan<float> source,
        ImageShape shape,
        Span<float> destination,
        ReadOnlySpan<float> displacement,
        Interpolation interpolation = Interpolation.Bilinear,
        float fill = 0f)
    {
        CheckImage(source, shape);
        Guard.Length(destination.Length, shape.Length, shape, nameof(destination));
        Guard.NoOverlap(source, destination, nameof(destination));
        if (displacement.Length != 2 * shape.PlaneSize)
        {
            throw new ArgumentException(
                $"The displacement has {displacement.Length} values, but an image of shape {shape} needs 2 * {shape.Height} * {shape.Width} = {2 * shape.PlaneSize} (H x W x 2).",
                nameof(displacement));
        }

        Guard.Finite(fill, nameof(fill));
        Guard.Enum(interpolation, nameof(interpolation));
        int width = shape.Width;
        float halfWidth = width * 0.5f;
        float halfHeight = shape.Height * 0.5f;
        float[]? rented = null;
        Span<float> coordinates = 2 * width <= StackLimit
            ? stackalloc float[2 * width]
            : (rented = ArrayPool<float>.Shared.Rent(2 * width)).AsSpan(0, 2 * width);
        try
        {
            Span<float> xs = coordinates[..width];
            Span<float> ys = coordinates[width..];
            GridSampler.Prefetch(source);
            for (int y = 0; y < shape.Height; y++)
            {
                ReadOnlySpan<float> field = displacement.Slice(2 * y * width, 2 * width);
                for (int x = 0; x < width; x++)
                {
                    xs[x] = x + (field[2 * x] * halfWidth);
                    ys[x] = y + (field[(2 * x) + 1] * halfHeight);
                }

                GridSampler.SamplePoints(source, shape, destination, y, xs, ys, interpolation, fill);
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<float>.Shared.Return(rented);
            }
        }
    }
}
