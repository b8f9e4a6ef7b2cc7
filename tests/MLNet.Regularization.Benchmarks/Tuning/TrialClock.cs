using System.Diagnostics;
using MLNet.Regularization.Tuning;

namespace MLNet.Regularization.Benchmarks.Tuning;

/// <summary>Receives a search's trials as they end (its <see cref="SearchOptions.Progress"/>) and records when each ended, on a
/// clock started with the search: the best validation value over time.</summary>
internal sealed class TrialClock : IProgress<Trial>
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<(double Seconds, Trial Trial)> _ends = [];

    /// <summary>Each trial with the seconds from the start of the search to its end, in the order they ended.</summary>
    public IReadOnlyList<(double Seconds, Trial Trial)> Ends => _ends;

    /// <summary>The seconds since the search started.</summary>
    public double Elapsed => _clock.Elapsed.TotalSeconds;

    public void Report(Trial value) => _ends.Add((_clock.Elapsed.TotalSeconds, value));
}
