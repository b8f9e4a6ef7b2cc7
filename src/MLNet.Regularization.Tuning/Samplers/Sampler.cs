using System.Text.Json.Serialization;

namespace MLNet.Regularization.Tuning;

/// <summary>
/// Chooses the options of the next trial from the search space and the trials so far: <see cref="RandomSampler"/>,
/// <see cref="GridSampler"/> or <see cref="TpeSampler"/>. A sampler is seeded from the search's seed and the trial's
/// number, so that one worker with the same seed runs the same sequence of trials.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(RandomSampler), "random")]
[JsonDerivedType(typeof(GridSampler), "grid")]
[JsonDerivedType(typeof(TpeSampler), "tpe")]
public abstract class Sampler
{
    private protected Sampler() { }

    /// <summary>Checks the sampler's settings; throws naming the first one out of range.</summary>
    internal abstract void Validate();

    /// <summary>The internal values of the active options of trial <paramref name="number"/>, given every trial the store
    /// holds (complete, pruned, failed, and running ones, whose options are known but not their result).</summary>
    internal abstract IReadOnlyDictionary<string, double> Propose(SearchSpace space, IReadOnlyList<TrialRecord> history,
        int number, Direction direction, int seed);

    /// <summary>A generator for trial <paramref name="number"/> of a search with seed <paramref name="seed"/>, independent
    /// of the order in which workers ask.</summary>
    private protected static Random TrialRandom(int seed, int number)
    {
        // A fixed mix (SplitMix64's finalizer), not HashCode.Combine: that one is seeded at random in every process, so the
        // same search seed would give other trials in another run.
        ulong z = ((ulong)(uint)seed << 32 | (uint)number) + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return new Random((int)(z ^ (z >> 32)));
    }
}
