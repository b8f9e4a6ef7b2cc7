using MLNet.Regularization.ImageAugmentation.Functional;

namespace MLNet.Regularization.ImageAugmentation.Tests.Functional;

/// <summary>
/// Invert, Solarize, Posterize, Equalize and AutoContrast against plain scalar formulas written here (torchvision's rules),
/// on shapes that exercise the vector loops and their scalar tails, in place and out of place, plus the effects that
/// characterize each one.
/// </summary>
public class ToneTests
{
    public static TheoryData<int, int, int> Shapes => new() { { 1, 1, 1 }, { 1, 13, 17 }, { 3, 7, 5 }, { 3, 32, 32 }, { 4, 9, 11 } };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Invert_is_max_minus_value_and_inverting_twice_gives_the_image_back(int channels, int height, int width)
    {
        var shape = new ImageShape(channels, height, width);
        foreach (float maxValue in new[] { 1f, 255f })
        {
            float[] source = Levels(shape, maxValue, seed: width);
            float[] once = Run(source, (s, d) => ImageFunctions.Invert(s, shape, d, maxValue));
            Assert.Equal(source.Select(v => maxValue - v), once);

            // Exact on whole numbers (maxValue 255); on [0, 1], 1 - (1 - x) rounds once.
            float[] twice = Run(once, (s, d) => ImageFunctions.Invert(s, shape, d, maxValue));
            Assert.All(twice.Zip(source), pair => Assert.Equal(pair.Second, pair.First, maxValue == 255f ? 0f : 1e-7f));
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Solarize_inverts_the_values_at_or_above_the_threshold(int channels, int height, int width)
    {
        var shape = new ImageShape(channels, height, width);
        foreach ((float threshold, float maxValue) in new[] { (0.5f, 1f), (0f, 1f), (1f, 1f), (100f, 255f) })
        {
            float[] source = Uniform(shape, 0f, maxValue, seed: height);
            source[0] = threshold;
            float[] expected = source.Select(v => v >= threshold ? maxValue - v : v).ToArray();
            Assert.Equal(expected, Run(source, (s, d) => ImageFunctions.Solarize(s, shape, d, threshold, maxValue)));
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Posterize_keeps_the_high_bits_of_the_8_bit_level(int channels, int height, int width)
    {
        var shape = new ImageShape(channels, height, width);
        foreach ((int bits, float maxValue) in new[] { (3, 1f), (1, 1f), (0, 1f), (8, 1f), (5, 255f), (6, 0.5f) })
        {
            // Also values outside [0, maxValue]: they are clamped to levels 0 and 255.
            float[] source = Uniform(shape, -0.2f * maxValue, 1.2f * maxValue, seed: bits + width);
            int mask = -(1 << (8 - bits));
            float[] expected = source.Select(v => (Level(v, maxValue) & mask) * maxValue / 255f).ToArray();
            Assert.Equal(expected, Run(source, (s, d) => ImageFunctions.Posterize(s, shape, d, bits, maxValue)));
        }
    }

    [Fact]
    public void Posterize_with_8_bits_keeps_8_bit_levels_and_with_1_bit_leaves_two_levels()
    {
        var shape = new ImageShape(3, 16, 16);
        foreach (float maxValue in new[] { 1f, 255f })
        {
            float[] source = Levels(shape, maxValue, seed: 5);
            Assert.Equal(source, Run(source, (s, d) => ImageFunctions.Posterize(s, shape, d, 8, maxValue)));
            float[] two = Run(source, (s, d) => ImageFunctions.Posterize(s, shape, d, 1, maxValue));
            Assert.Equal([0f, 128 * maxValue / 255f], two.Distinct().Order());
            Assert.All(Run(source, (s, d) => ImageFunctions.Posterize(s, shape, d, 0, maxValue)), v => Assert.Equal(0f, v));
        }
    }

    [Fact]
    public void Posterize_and_equalize_give_level_0_for_NaN_in_vectors_and_tails_alike()
    {
        var shape = new ImageShape(1, 1, 19);
        var source = new float[shape.Length];
        Array.Fill(source, float.NaN);
        Assert.All(Run(source, (s, d) => ImageFunctions.Posterize(s, shape, d, 4)), v => Assert.Equal(0f, v));
        Assert.All(Run(source, (s, d) => ImageFunctions.Equalize(s, shape, d)), v => Assert.Equal(0f, v));
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    [InlineData(3, 64, 64)]
    public void Equalize_matches_torchvisions_scale_channel_written_out(int channels, int height, int width)
    {
        var shape = new ImageShape(channels, height, width);
        foreach (float maxValue in new[] { 1f, 255f })
        {
            // Skewed levels (dark images), so that the lookup table differs from the identity.
            float[] source = Uniform(shape, 0f, 1f, seed: channels * width).Select(v => v * v * v * maxValue).ToArray();
            Assert.Equal(ScaleChannels(source, shape, maxValue), Run(source, (s, d) => ImageFunctions.Equalize(s, shape, d, maxValue)));
        }
    }

    [Fact]
    public void Equalize_spreads_a_dark_ramp_into_a_flat_histogram_over_the_whole_range()
    {
        // 52 levels (0 .. 51) of 80 pixels each: torchvision's step is (4160 - 80) / 255 = 16, and level q goes to
        // (80 q + 8) / 16 = 5 q: the levels 0, 5, ..., 255, each with its 80 pixels.
        var shape = new ImageShape(1, 65, 64);
        float[] ramp = Enumerable.Range(0, shape.Length).Select(i => (i / 80) / 255f).ToArray();
        float[] result = Run(ramp, (s, d) => ImageFunctions.Equalize(s, shape, d));
        var histogram = result.GroupBy(v => (int)MathF.Round(v * 255f)).OrderBy(g => g.Key).ToArray();
        Assert.Equal(Enumerable.Range(0, 52).Select(q => 5 * q), histogram.Select(g => g.Key));
        Assert.All(histogram, g => Assert.Equal(80, g.Count()));
        Assert.All(result, v => Assert.Equal(MathF.Round(v * 255f) / 255f, v));
    }

    [Fact]
    public void Equalize_leaves_a_channel_with_too_few_pixels_at_its_levels()
    {
        // 100 pixels: step = (100 - last) / 255 = 0, torchvision returns the channel as it is.
        var shape = new ImageShape(1, 10, 10);
        float[] source = Levels(shape, 1f, seed: 2);
        Assert.Equal(source, Run(source, (s, d) => ImageFunctions.Equalize(s, shape, d)));
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void AutoContrast_stretches_each_channel_from_its_minimum_to_its_maximum(int channels, int height, int width)
    {
        var shape = new ImageShape(channels, height, width);
        int plane = shape.PlaneSize;
        foreach (float maxValue in new[] { 1f, 255f })
        {
            float[] source = Uniform(shape, 0.2f * maxValue, 0.7f * maxValue, seed: height * width);
            float[] expected = new float[source.Length];
            for (int c = 0; c < channels; c++)
            {
                var channel = source.AsSpan(c * plane, plane).ToArray();
                float min = channel.Min(), max = channel.Max();
                float scale = maxValue / (max - min);
                if (!float.IsFinite(scale)) (min, scale) = (0f, 1f);
                for (int p = 0; p < plane; p++) expected[(c * plane) + p] = Math.Clamp((channel[p] - min) * scale, 0f, maxValue);
            }

            float[] actual = Run(source, (s, d) => ImageFunctions.AutoContrast(s, shape, d, maxValue));
            Assert.Equal(expected, actual);
            if (plane > 1)
            {
                for (int c = 0; c < channels; c++)
                {
                    Assert.Equal(0f, actual.AsSpan(c * plane, plane).ToArray().Min());
                    Assert.Equal(maxValue, actual.AsSpan(c * plane, plane).ToArray().Max(), 1e-5f * maxValue);
                }
            }
        }
    }

    [Fact]
    public void AutoContrast_keeps_a_constant_channel()
    {
        var shape = new ImageShape(3, 5, 9);
        float[] source = Uniform(shape, 0f, 1f, seed: 4);
        source.AsSpan(shape.PlaneSize, shape.PlaneSize).Fill(0.3f);
        float[] result = Run(source, (s, d) => ImageFunctions.AutoContrast(s, shape, d));
        Assert.All(result.AsSpan(shape.PlaneSize, shape.PlaneSize).ToArray(), v => Assert.Equal(0.3f, v));
    }

    [Fact]
    public void Tone_functions_refuse_bad_arguments_naming_them()
    {
        var shape = new ImageShape(3, 4, 4);
        var image = new float[shape.Length];
        var output = new float[shape.Length];
        Assert.Equal("bits", Assert.Throws<ArgumentOutOfRangeException>(() => ImageFunctions.Posterize(image, shape, output, 9)).ParamName);
        Assert.Equal("bits", Assert.Throws<ArgumentOutOfRangeException>(() => ImageFunctions.Posterize(image, shape, output, -1)).ParamName);
        Assert.Equal("threshold", Assert.Throws<ArgumentOutOfRangeException>(() => ImageFunctions.Solarize(image, shape, output, 1.5f)).ParamName);
        Assert.Equal("threshold", Assert.Throws<ArgumentOutOfRangeException>(() => ImageFunctions.Solarize(image, shape, output, -0.1f)).ParamName);
        Assert.Equal("threshold", Assert.Throws<ArgumentOutOfRangeException>(() => ImageFunctions.Solarize(image, shape, output, float.NaN)).ParamName);
        Assert.Equal("maxValue", Assert.Throws<ArgumentOutOfRangeException>(() => ImageFunctions.Invert(image, shape, output, 0f)).ParamName);
        Assert.Equal("maxValue", Assert.Throws<ArgumentOutOfRangeException>(() => ImageFunctions.Equalize(image, shape, output, float.NaN)).ParamName);
        Assert.Equal("maxValue", Assert.Throws<ArgumentOutOfRangeException>(() => ImageFunctions.AutoContrast(image, shape, output, -1f)).ParamName);
        Assert.Equal("destination", Assert.Throws<ArgumentException>(() => ImageFunctions.Invert(image, shape, new float[3])).ParamName);
        Assert.Equal("destination", Assert.Throws<ArgumentException>(() => ImageFunctions.Equalize(image, shape, new float[shape.Length + 1])).ParamName);
        Assert.Equal("source", Assert.Throws<ArgumentException>(() => ImageFunctions.Solarize(new float[5], shape, output, 0.5f)).ParamName);
    }

    [Fact]
    public void Pixelwise_tone_functions_may_run_in_place_but_not_on_partly_overlapping_spans()
    {
        var shape = new ImageShape(3, 6, 7);
        var buffer = new float[shape.Length + 1];
        Assert.Equal("destination", Assert.Throws<ArgumentException>(() =>
            ImageFunctions.Invert(buffer.AsSpan(0, shape.Length), shape, buffer.AsSpan(1, shape.Length))).ParamName);
    }

    /// <summary>torchvision's <c>_scale_channel</c> per channel on the quantized levels, then level * maxValue / 255.</summary>
    private static float[] ScaleChannels(float[] source, ImageShape shape, float maxValue)
    {
        int plane = shape.PlaneSize;
        var result = new float[source.Length];
        for (int c = 0; c < shape.Channels; c++)
        {
            int[] levels = source.Skip(c * plane).Take(plane).Select(v => Level(v, maxValue)).ToArray();
            var hist = new long[256];
            foreach (int q in levels) hist[q]++;
            long[] nonzero = hist.Where(h => h != 0).ToArray();
            long step = nonzero[..^1].Sum() / 255;
            var lut = new long[256];
            long cumulative = 0;
            for (int q = 0; q < 256; q++)
            {
                lut[q] = step == 0 ? q : Math.Min(255, (cumulative + (step / 2)) / step);
                cumulative += hist[q];
            }

            for (int p = 0; p < plane; p++) result[(c * plane) + p] = lut[levels[p]] * maxValue / 255f;
        }

        return result;
    }

    /// <summary>torchvision's convert_image_dtype to uint8, on values scaled by maxValue and clamped.</summary>
    private static int Level(float value, float maxValue) => (int)Math.Clamp(value * (255.999f / maxValue), 0f, 255f);

    /// <summary>Runs an operation out of place and in place; both must give the same values, which are returned.</summary>
    private static float[] Run(float[] source, Action<float[], float[]> operation)
    {
        var copy = (float[])source.Clone();
        var result = new float[source.Length];
        operation(copy, result);
        Assert.Equal(source, copy);
        operation(copy, copy);
        Assert.Equal(result, copy);
        return result;
    }

    private static float[] Uniform(ImageShape shape, float low, float high, int seed)
    {
        var random = SeededRandom.Create((ulong)seed);
        return Enumerable.Range(0, shape.Length).Select(_ => low + (random.NextSingle() * (high - low))).ToArray();
    }

    /// <summary>8-bit levels, as ExtractPixels gives them (scaled to [0, 1] when maxValue is 1).</summary>
    private static float[] Levels(ImageShape shape, float maxValue, int seed)
    {
        var random = SeededRandom.Create((ulong)seed);
        return Enumerable.Range(0, shape.Length).Select(_ => random.Next(256) * maxValue / 255f).ToArray();
    }
}
