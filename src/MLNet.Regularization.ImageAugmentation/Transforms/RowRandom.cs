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
        return new Random(unchecked((int)(state ^ (state >> 32))));
    }

    // SplitMix64's finalizer: a bijective mixer that spreads every input bit over the output.
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
