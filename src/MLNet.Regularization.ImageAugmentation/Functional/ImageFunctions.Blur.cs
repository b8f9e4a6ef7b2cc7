using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MLNet.Regularization.ImageAugmentation.Functional;

public static partial class ImageFunctions
{
    /// <summary>
    /// Blurs every channel with a separable Gaussian kernel of <paramref name="kernelWidth"/> x
    /// <paramref name="kernelHeight"/> taps, reflecting the image at its borders (torchvision
    /// <c>F.gaussian_blur(img, kernel_size=[kernelWidth, kernelHeight], sigma=[sigmaX, sigmaY])</c> on tensors).
    /// </summary>
    /// <param name="source">The image, <c>shape.Length</c> values in CHW layout, any number of channels.</param>
    /// <param name="shape">The image shape.</param>
    /// <param name="destination">The result, same shape; must not overlap <paramref name="source"/>.</param>
    /// <param name="kernelWidth">The number of horizontal taps, odd and &gt;= 1 (1 leaves rows unblurred).</param>
    /// <param name="kernelHeight">The number of vertical taps, odd and &gt;= 1 (1 leaves columns unblurred).</param>
    /// <param name="sigmaX">The horizontal standard deviation in pixels, a finite number &gt; 0.</param>
    /// <param name="sigmaY">The vertical standard deviation in pixels, a finite number &gt; 0.</param>
    /// <remarks>
    /// <para>Convention (torchvision 0.14 <c>_get_gaussian_kernel1d</c>): for <c>k</c> taps the offsets are
    /// <c>x = linspace(-(k - 1) / 2, (k - 1) / 2, k)</c>, the weights <c>exp(-0.5 (x / sigma)^2)</c> normalized to sum 1,
    /// computed in <see cref="float"/>. The 2-D kernel is the outer product of the vertical and horizontal kernels;
    /// here it is applied as a vertical pass then a horizontal pass, which equals torchvision's single
    /// <c>conv2d</c> up to float rounding.</para>
    /// <para>Borders: the image is padded by <c>k / 2</c> pixels with <c>padding_mode="reflect"</c>, mirroring without
    /// repeating the edge pixel (<c>c b [a b c d] c b</c>). torchvision requires the padding to be smaller than the
    /// image; here a larger kernel keeps reflecting periodically (as <see cref="PaddingMode.Reflect"/>), and a dimension
    /// of size 1 repeats its single pixel.</para>
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kernelWidth"/> or <paramref name="kernelHeight"/>
    /// is not an odd number &gt;= 1, or <paramref name="sigmaX"/> or <paramref name="sigmaY"/> is not a finite number &gt; 0.</exception>
    /// <exception cref="ArgumentException">A span has the wrong length or the spans overlap.</exception>
    public static void GaussianBlur(
        ReadOnlySpan<float> source,
        ImageShape shape,
        Span<float> destination,
        int kernelWidth,
        int kernelHeight,
        float sigmaX,
        float sigmaY)
    {
        CheckImage(source, shape);
        Guard.Length(destination.Length, shape.Length, shape, nameof(destination));
        Guard.NoOverlap(source, destination, nameof(destination));
        CheckKernelSize(kernelWidth, nameof(kernelWidth));
        CheckKernelSize(kernelHeight, nameof(kernelHeight));
        Guard.PositiveFinite(sigmaX, nameof(sigmaX));
        Guard.PositiveFinite(sigmaY, nameof(sigmaY));

        int width = shape.Width;
        int height = shape.Height;
        int plane = shape.PlaneSize;
        int rx = kernelWidth / 2;
        int ry = kernelHeight / 2;
        int scratchLength = (2 * (kernelWidth + kernelHeight)) + width + (2 * rx);
        float[]? rented = null;
        Span<float> scratch = scratchLength <= StackLimit
            ? stackalloc float[scratchLength]
            : (rented = ArrayPool<float>.Shared.Rent(scratchLength)).AsSpan(0, scratchLength);
        try
        {
            Span<float> kernelX = scratch[..kernelWidth];
            Span<float> kernelY = scratch.Slice(kernelWidth, kernelHeight);
            Span<float> padded = scratch.Slice(kernelWidth + kernelHeight, width + (2 * rx));

            // The tap offsets (ints) share the scratch: 0, 1, ... into a padded row, and row starts into the plane.
            Span<int> offsets = MemoryMarshal.Cast<float, int>(scratch[(kernelWidth + kernelHeight + padded.Length)..]);
            Span<int> offsetsX = offsets[..kernelWidth];
            Span<int> offsetsY = offsets[kernelWidth..];
            GaussianKernel1D(kernelX, sigmaX);
            GaussianKernel1D(kernelY, sigmaY);
            for (int j = 0; j < kernelWidth; j++)
            {
                offsetsX[j] = j;
            }

            for (int c = 0; c < shape.Channels; c++)
            {
                ReadOnlySpan<float> src = source.Slice(c * plane, plane);
                Span<float> dst = destination.Slice(c * plane, plane);

                // Vertical pass, source -> destination: each row is the weighted sum of kernelHeight (reflected) source rows.
                for (int y = 0; y < height; y++)
                {
                    for (int j = 0; j < kernelHeight; j++)
                    {
                        offsetsY[j] = SourceIndex(y + j - ry, height, PaddingMode.Reflect) * width;
                    }

                    WeightedSum(src, offsetsY, kernelY, dst.Slice(y * width, width));
                }

                if (kernelWidth == 1)
                {
                    continue;
                }

                // Horizontal pass, destination -> destination: each row through a copy padded by rx reflected pixels per side.
                for (int y = 0; y < height; y++)
                {
                    Span<float> row = dst.Slice(y * width, width);
                    row.CopyTo(padded[rx..]);
                    for (int i = 1; i <= rx; i++)
                    {
                        padded[rx - i] = row[SourceIndex(-i, width, PaddingMode.Reflect)];
                        padded[rx + width - 1 + i] = row[SourceIndex(width - 1 + i, width, PaddingMode.Reflect)];
                    }

                    WeightedSum(padded, offsetsX, kernelX, row);
                }
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

    /// <summary>
    /// <c>destination[i] = sum over j of weights[j] * source[offsets[j] + i]</c>, one convolution output per element, the
    /// taps added in the order j = 0, 1, ... in vectors and in the scalar tail alike.
    /// Every <c>offsets[j] + destination.Length</c> must be at most <c>source.Length</c>.
    /// </summary>
    private static void WeightedSum(ReadOnlySpan<float> source, ReadOnlySpan<int> offsets, ReadOnlySpan<float> weights, Span<float> destination)
    {
        ref float src = ref MemoryMarshal.GetReference(source);
        ref float dst = ref MemoryMarshal.GetReference(destination);
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= destination.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                Vector<float> sum = weights[0] * Vector.LoadUnsafe(ref src, (nuint)(offsets[0] + i));
                for (int j = 1; j < weights.Length; j++)
                {
                    sum += weights[j] * Vector.LoadUnsafe(ref src, (nuint)(offsets[j] + i));
                }

                sum.StoreUnsafe(ref dst, (nuint)i);
            }
        }

        for (; i < destination.Length; i++)
        {
            float sum = weights[0] * Unsafe.Add(ref src, offsets[0] + i);
            for (int j = 1; j < weights.Length; j++)
            {
                sum += weights[j] * Unsafe.Add(ref src, offsets[j] + i);
            }

            Unsafe.Add(ref dst, i) = sum;
        }
    }

    /// <summary>torchvision's <c>_get_gaussian_kernel1d</c>: normalized <c>exp(-0.5 (x / sigma)^2)</c> at the centered offsets.</summary>
    private static void GaussianKernel1D(Span<float> kernel, float sigma)
    {
        float half = (kernel.Length - 1) * 0.5f;
        float sum = 0f;
        for (int i = 0; i < kernel.Length; i++)
        {
            float z = (i - half) / sigma;
            float w = MathF.Exp(-0.5f * (z * z));
            kernel[i] = w;
            sum += w;
        }

        for (int i = 0; i < kernel.Length; i++)
        {
            kernel[i] /= sum;
        }
    }

    private static void CheckKernelSize(int size, string paramName)
    {
        if (size < 1 || size % 2 == 0)
        {
            throw new ArgumentOutOfRangeException(paramName, size, $"{paramName} must be an odd number >= 1.");
        }
    }
}
