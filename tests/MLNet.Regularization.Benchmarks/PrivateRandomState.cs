using static TorchSharp.torch;

namespace MLNet.Regularization.Benchmarks;

/// <summary>
/// A private copy of torch's global random state (shuffling, dropout, initialization) for one contender that alternates
/// with another in the same process: it is swapped in only while the contender runs, so neither changes the other's random
/// stream and each gives the same network as when run alone.
/// </summary>
internal sealed class PrivateRandomState : IDisposable
{
    private Tensor _state;

    /// <summary>A state seeded with <paramref name="seed"/>; torch's global state is left as it was.</summary>
    public PrivateRandomState(int seed)
    {
        using var outer = get_rng_state();
        manual_seed(seed);
        _state = get_rng_state();
        set_rng_state(outer);
    }

    /// <summary>Runs <paramref name="action"/> with this state as torch's global state, keeps the state it leaves, and restores the global one.</summary>
    public T Run<T>(Func<T> action)
    {
        using var outer = get_rng_state();
        set_rng_state(_state);
        try
        {
            return action();
        }
        finally
        {
            _state.Dispose();
            _state = get_rng_state();
            set_rng_state(outer);
        }
    }

    public void Dispose() => _state.Dispose();
}
