namespace MLNet.Regularization.ImageAugmentation.Transforms;

/// <summary>
/// The random generator of one row in one pass: seeded from the transform's seed, the pass number and the row's id, so
/// the draws do not depend on how rows are split across parallel cursors, and each pass draws afresh.
/// </summary>
internal static class RowRandom
{
    public static Random Create(int seed, long pass, ulong rowLow, ulong rowHigh)
    {
        ulong state = SeededRandom.Mix((ulong)(uint)seed ^ 0x9E3779B97F4A7C15UL);
        state = SeededRandom.Mix(state ^ (ulong)pass);
        state = SeededRandom.Mix(state ^ rowLow);
        state = SeededRandom.Mix(state ^ rowHigh);
        return SeededRandom.Create(state);
    }
}
