namespace MLNet.Regularization.Tuning;

/// <summary>
/// One trial as a store keeps it. <see cref="Parameters"/> holds the internal values of the active options of the
/// search space (<see cref="SearchRange"/>); <see cref="EpochValues"/> the objective measured after each epoch (index 0 is
/// epoch 1), which the pruners compare.
/// </summary>
/// <param name="Id">The store's key of the trial.</param>
/// <param name="Number">The trial's number in its search, from 0, in the order trials were created.</param>
/// <param name="State">Where the trial is.</param>
/// <param name="Parameters">Internal values of the active options, by option name.</param>
/// <param name="Value">The objective of a complete trial, else null.</param>
/// <param name="EpochValues">The objective after each epoch so far.</param>
/// <param name="Seconds">Wall time of the trial (so far, while running).</param>
/// <param name="Error">Why a failed trial failed; null otherwise.</param>
/// <param name="Worker">The worker that ran or runs the trial; empty while waiting.</param>
/// <param name="RetryOf">The number of the trial this one repeats (after its worker stopped), or null.</param>
internal sealed record TrialRecord(
    long Id,
    int Number,
    TrialState State,
    IReadOnlyDictionary<string, double> Parameters,
    double? Value,
    IReadOnlyList<double> EpochValues,
    double Seconds,
    string? Error,
    string Worker,
    int? RetryOf);

/// <summary>Whether the objective of a search is better when lower (a loss, an error) or higher (an accuracy).</summary>
internal enum Direction
{
    Minimize,
    Maximize,
}

internal static class DirectionExtensions
{
    /// <summary>Whether <paramref name="a"/> is strictly better than <paramref name="b"/>.</summary>
    public static bool Better(this Direction direction, double a, double b) => direction == Direction.Minimize ? a < b : a > b;

    /// <summary>The value as a loss: itself when minimizing, its negative when maximizing.</summary>
    public static double AsLoss(this Direction direction, double value) => direction == Direction.Minimize ? value : -value;
}
