using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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
        AddScaled(source, destination, standardNormal, mean, standardDeviation, min, max);
    }

    /// <summary>
    /// Adds Gaussian noise drawn from <paramref name="random"/>: the same as filling a buffer with
    /// <see cref="FillStandardNormal"/> from the same generator state and calling the overload taking it, without the buffer.
    /// </summary>
    /// <param name="source">The image, <c>shape.Length</c> values in CHW layout.</param>
    /// <param name="shape">The image shape.</param>
    /// <param name="destination">The result, same shape; may be <paramref name="source"/> itself.</param>
    /// <param name="random">The generator (two <see cref="Random.NextInt64()"/> calls to seed the noise streams, a few more now and then); seed it for reproducible output.</param>
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
        var generator = new NormalGenerator(random);
        Span<float> draws = stackalloc float[NoiseChunk];
        for (int start = 0; start < source.Length; start += NoiseChunk)
        {
            int count = Math.Min(NoiseChunk, source.Length - start);
            generator.Fill(draws[..count]);
            AddScaled(source.Slice(start, count), destination.Slice(start, count), draws[..count], mean, standardDeviation, min, max);
        }
    }

    /// <summary>
    /// Fills <paramref name="destination"/> with independent N(0, 1) draws: the Ziggurat method of Marsaglia and Tsang on
    /// 32-bit draws from four xoshiro256** streams seeded from <paramref name="random"/> (two <see cref="Random.NextInt64()"/>
    /// calls), vectorized eight draws at a time; <paramref name="random"/> also serves the rare draws the fast path rejects.
    /// The values are fixed by the generator's state and the same on every machine.
    /// </summary>
    /// <param name="random">The generator; seed it for reproducible draws.</param>
    /// <param name="destination">The span to fill.</param>
    /// <exception cref="ArgumentNullException"><paramref name="random"/> is null.</exception>
    public static void FillStandardNormal(Random random, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(random);
        new NormalGenerator(random).Fill(destination);
    }

    /// <summary>Noise draws per piece of <see cref="AddGaussianNoise(ReadOnlySpan{float}, ImageShape, Span{float}, Random, float, float, float, float)"/>: on the stack, a multiple of <see cref="NormalGenerator.Width"/>.</summary>
    private const int NoiseChunk = 1024;

    /// <summary><c>destination[i] = clamp(source[i] + mean + scale * draws[i], min, max)</c>, vectorized.</summary>
    private static void AddScaled(ReadOnlySpan<float> source, Span<float> destination, ReadOnlySpan<float> draws, float mean, float scale, float min, float max)
    {
        ref float s = ref MemoryMarshal.GetReference(source);
        ref float d = ref MemoryMarshal.GetReference(destination);
        ref float z = ref MemoryMarshal.GetReference(draws);
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            Vector256<float> vMean = Vector256.Create(mean), vScale = Vector256.Create(scale), vMin = Vector256.Create(min), vMax = Vector256.Create(max);
            for (; i <= source.Length - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                Vector256<float> value = Vector256.LoadUnsafe(ref s, (nuint)i) + vMean + (vScale * Vector256.LoadUnsafe(ref z, (nuint)i));
                Vector256.Min(Vector256.Max(value, vMin), vMax).StoreUnsafe(ref d, (nuint)i);
            }
        }

        for (; i < source.Length; i++)
        {
            Unsafe.Add(ref d, i) = Math.Clamp(Unsafe.Add(ref s, i) + mean + (scale * Unsafe.Add(ref z, i)), min, max);
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
