namespace MLNet.Regularization.ImageAugmentation.Transforms;

/// <summary>
/// The random generator of one row in one pass: seeded from the transform's seed, the pass number and the row's id, so
/// the draws do not depend on how rows are split across parallel cursors, and each pass draws afresh.
/// </summary>
internal static class RowRandom
{
    public static Random Create(int seed, long pass, ulong rowLow, ulong rowHigh)
    {
        ulong state = Mix((ulong)(uint)seed ^ 0x9E3779B97F4A7C15UL);
        state = Mix(state ^ (ulong)pass);
        state = Mix(state ^ rowLow);
        state = Mix(state ^ rowHigh);
        return new Xoshiro256(state);
    }

    // SplitMix64's finalizer: a bijective mixer that spreads every input bit over the output.
    internal static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>
    /// xoshiro256** (Blackman and Vigna) behind <see cref="Random"/>'s API: the same algorithm .NET uses for unseeded
    /// generators, here seeded, and several times faster than the legacy algorithm <c>new Random(seed)</c> falls back to.
    /// </summary>
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
