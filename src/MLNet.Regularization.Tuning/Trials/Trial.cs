namespace MLNet.Regularization.Tuning;

/// <summary>One trial of a search: the options it tried, how far it got and what it scored. A row of the leaderboard.</summary>
/// <param name="Number">The trial's number in its search, from 0.</param>
/// <param name="State">Complete, pruned, failed, running or waiting.</param>
/// <param name="Options">The values the trial gave the options of the search space (only those active in it), by option name.</param>
/// <param name="Value">The objective of a complete trial: the search's metric on the held-out rows (the mean over the folds).
/// Null for pruned and failed trials; a pruned trial's figures are in <paramref name="EpochValues"/>.</param>
/// <param name="EpochValues">The objective measured after each epoch (index 0 is epoch 1): the learning curve.</param>
/// <param name="Seconds">Wall time of the trial.</param>
/// <param name="Error">Why a failed trial failed (the exception's message, a divergence, a worker that stopped); null otherwise.</param>
/// <param name="Worker">The worker that ran the trial (machine name and process id).</param>
/// <param name="RetryOf">The number of the trial this one repeats after its worker stopped, or null.</param>
public sealed record Trial(
    int Number,
    TrialState State,
    IReadOnlyDictionary<string, object> Options,
    double? Value,
    IReadOnlyList<double> EpochValues,
    double Seconds,
    string? Error,
    string Worker,
    int? RetryOf)
{
    /// <summary>The epochs the trial trained (fewer than asked when it was pruned or stopped early).</summary>
    public int Epochs => EpochValues.Count;
}
