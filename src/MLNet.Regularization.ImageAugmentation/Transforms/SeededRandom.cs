namespace MLNet.Regularization.ImageAugmentation;

/// <summary>
/// Seeded random generators for augmentation parameters: xoshiro256** (Blackman and Vigna), the algorithm .NET uses for
/// unseeded <see cref="Random"/> instances, here seeded. Several times faster than <c>new Random(seed)</c>, which falls back
/// to .NET's legacy algorithm, and the same sequence on every platform.
/// </summary>
public static class SeededRandom
{
    /// <summary>A generator whose sequence is fixed by <paramref name="seed"/>.</summary>
    /// <param name="seed">The seed.</param>
    public static Random Create(ulong seed) => new Xoshiro256(seed);

    /// <summary>SplitMix64's finalizer: a bijective mixer that spreads every input bit over the output.</summary>
    internal static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private sealed class Xoshiro256 : Random
    {
        private ulong _s0, _s1, _s2, _s3;

        public Xoshiro256(ulong seed)
        {
            _s0 = Mix(seed += 0x9E3779B97F4A7C15UL);
            _s1 = Mix(seed += 0x9E3779B97F4A7C15UL);
            _s2 = Mix(seed += 0x9E3779B97F4A7C15UL);
            _s3 = Mix(seed + 0x9E3779B97F4A7C15UL);
        }

        private ulong NextUInt64()
        {
            ulong result = ulong.RotateLeft(_s1 * 5, 7) * 9;
            ulong t = _s1 << 17;
            _s2 ^= _s0;
            _s3 ^= _s1;
            _s1 ^= _s2;
            _s0 ^= _s3;
            _s2 ^= t;
            _s3 = ulong.RotateLeft(_s3, 45);
            return result;
        }

        protected override double Sample() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

        public override double NextDouble() => Sample();

        public override float NextSingle() => (NextUInt64() >> 40) * (1.0f / (1U << 24));

        public override int Next()
        {
            int value;
            do value = (int)(NextUInt64() >> 33); while (value == int.MaxValue);
            return value;
        }

        public override int Next(int maxValue)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(maxValue);
            return (int)(Sample() * maxValue);
        }

        public override int Next(int minValue, int maxValue)
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThan(minValue, maxValue);
            return (int)(minValue + (long)(Sample() * ((long)maxValue - minValue)));
        }

        public override long NextInt64() => (long)(NextUInt64() >> 1);

        public override void NextBytes(Span<byte> buffer)
        {
            for (int i = 0; i < buffer.Length; i++) buffer[i] = (byte)(NextUInt64() >> 56);
        }

        public override void NextBytes(byte[] buffer) => NextBytes(buffer.AsSpan());
    }
}
