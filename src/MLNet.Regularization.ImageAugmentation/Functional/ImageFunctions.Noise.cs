namespace MLNet.Regularization.ImageAugmentation.Functional;

public static partial class ImageFunctions
{
    /// <summary>
    /// Adds pre-drawn Gaussian noise: <c>dst[i] = clamp(src[i] + mean + standardDeviation * standardNormal[i], min, max)</c>.
    /// </summary>
    /// <param name="source">The image, <c>shape.Length</c> values in CHW layout.</param>
    /// <param name="shape">The image shape.</param>
    /// <param name="destination">The result, same shape; may be <paramref name="source"/> itself.</param>
    /// <param name="standardNormal"><c>shape.Length</c> draws from N(0, 1), for example from <see cref="FillStandardNormal"/>.</param>
    /// <param name="mean">The mean of the noise, finite.</param>
    /// <param name="standardDeviation">The standard deviation of the noise, finite and &gt;= 0.</param>
    /// <param name="min">The lowest output value; <see cref="float.NegativeInfinity"/> (the default) for no lower clipping.</param>
    /// <param name="max">The highest output value; <see cref="float.PositiveInfinity"/> (the default) for no upper clipping.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="standardDeviation"/> is negative or not finite, <paramref name="mean"/> is not finite, or <paramref name="min"/> &gt; <paramref name="max"/> or either is NaN.</exception>
    /// <exception cref="ArgumentException">A span has the wrong length or the spans partly overlap.</exception>
    public static void AddGaussianNoise(
        ReadOnlySpan<float> source,
        ImageShape shape,
        Span<float> destination,
        ReadOnlySpan<float> standardNormal,
        float mean,
        float standardDeviation,
        float min = float.NegativeInfinity,
        float max = float.PositiveInfinity)
    {
        CheckNoise(source, shape, destination, mean, standardDeviation, min, max);
        Guard.Length(standardNormal.Length, shape.Length, shape, nameof(standardNormal));
        for (int i = 0; i < source.Length; i++)
        {
            destination[i] = Math.Clamp(source[i] + mean + (standardDeviation * standardNormal[i]), min, max);
        }
    }

    /// <summary>
    /// Adds Gaussian noise drawn from <paramref name="random"/>: the same as filling a buffer with
    /// <see cref="FillStandardNormal"/> from the same generator state and calling the overload taking it, without the buffer.
    /// </summary>
    /// <param name="source">The image, <c>shape.Length</c> values in CHW layout.</param>
    /// <param name="shape">The image shape.</param>
    /// <param name="destination">The result, same shape; may be <paramref name="source"/> itself.</param>
    /// <param name="random">The generator (one <see cref="Random.NextInt64()"/> per value, a few more now and then); seed it for reproducible output.</param>
    /// <param name="mean">The mean of the noise, finite.</param>
    /// <param name="standardDeviation">The standard deviation of the noise, finite and &gt;= 0.</param>
    /// <param name="min">The lowest output value; <see cref="float.NegativeInfinity"/> for no lower clipping.</param>
    /// <param name="max">The highest output value; <see cref="float.PositiveInfinity"/> for no upper clipping.</param>
    /// <exception cref="ArgumentNullException"><paramref name="random"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="standardDeviation"/> is negative or not finite, <paramref name="mean"/> is not finite, or <paramref name="min"/> &gt; <paramref name="max"/> or either is NaN.</exception>
    /// <exception cref="ArgumentException">A span has the wrong length or the spans partly overlap.</exception>
    public static void AddGaussianNoise(
        ReadOnlySpan<float> source,
        ImageShape shape,
        Span<float> destination,
        Random random,
        float mean,
        float standardDeviation,
        float min = float.NegativeInfinity,
        float max = float.PositiveInfinity)
    {
        ArgumentNullException.ThrowIfNull(random);
        CheckNoise(source, shape, destination, mean, standardDeviation, min, max);
        for (int i = 0; i < source.Length; i++)
        {
            destination[i] = Math.Clamp(source[i] + mean + (standardDeviation * StandardNormal.Next(random)), min, max);
        }
    }

    /// <summary>
    /// Fills <paramref name="destination"/> with independent N(0, 1) draws (the Ziggurat method of Marsaglia and Tsang on
    /// 32-bit draws from <see cref="Random.NextInt64()"/>).
    /// </summary>
    /// <param name="random">The generator; seed it for reproducible draws.</param>
    /// <param name="destination">The span to fill.</param>
    /// <exception cref="ArgumentNullException"><paramref name="random"/> is null.</exception>
    public static void FillStandardNormal(Random random, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(random);
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = StandardNormal.Next(random);
        }
    }

    private static void CheckNoise(ReadOnlySpan<float> source, ImageShape shape, Span<float> destination, float mean, float standardDeviation, float min, float max)
    {
        CheckPixelwise(source, shape, destination);
        Guard.Finite(mean, nameof(mean));
        Guard.NonNegativeFinite(standardDeviation, nameof(standardDeviation));
        if (float.IsNaN(min) || float.IsNaN(max) || min > max)
        {
            throw new ArgumentOutOfRangeException(nameof(min), min, $"min ({min}) must not be NaN and must be <= max ({max}).");
        }
    }
}
