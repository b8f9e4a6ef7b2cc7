using System.Buffers;
using MLNet.Regularization.ImageAugmentation.Functional;
using MLNet.Regularization.ImageAugmentation.Transforms;

namespace MLNet.Regularization.ImageAugmentation;

/// <summary>Options of the random grayscale conversion (torchvision's RandomGrayscale): writes the luma
/// <c>0.2989 R + 0.587 G + 0.114 B</c> (see <see cref="ImageFunctions.Grayscale"/>) into each of the three channels, keeping the
/// channel count; a one-channel image is left as it is.</summary>
public sealed class RandomGrayscaleOptions : ImageAugmentationOptions
{
    /// <summary>Creates the options with torchvision's default probability, 0.1.</summary>
    public RandomGrayscaleOptions() => Probability = 0.1;
}

internal sealed class RandomGrayscale : IImageAugmentation
{
    public void Check(ImageShape shape, string column)
    {
        if (shape.Channels is not (1 or 3))
            throw new ArgumentOutOfRangeException(nameof(shape), $"Column '{column}' has {shape.Channels} channels; RandomGrayscale needs 1 or 3.");
    }

    /// <summary>torchvision's <c>rgb_to_grayscale(img, num_output_channels=3)</c>: the luma in every channel, not clamped.</summary>
    public void Apply(ReadOnlySpan<float> source, ImageShape shape, Span<float> destination, Random random)
    {
        int plane = shape.PlaneSize;
        if (shape.Channels == 1)
        {
            source.CopyTo(destination);
            return;
        }

        Span<float> gray = destination[..plane];
        float[]? rented = null;
        if (source.Overlaps(gray))
        {
            rented = ArrayPool<float>.Shared.Rent(plane);
            gray = rented.AsSpan(0, plane);
        }

        try
        {
            ImageFunctions.Grayscale(source, shape, gray);
            for (int c = 0; c < shape.Channels; c++)
            {
                if (!gray.Overlaps(destination.Slice(c * plane, plane))) gray.CopyTo(destination.Slice(c * plane, plane));
            }
        }
        finally
        {
            if (rented is not null) ArrayPool<float>.Shared.Return(rented);
        }
    }
}
