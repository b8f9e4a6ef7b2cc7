using System.Globalization;

namespace MLNet.Regularization.Tuning.Storage;

/// <summary>The argument checks and messages that every <see cref="ITrialStore"/> shares.</summary>
internal static class TrialStoreRules
{
    /// <summary>Checks the arguments of <see cref="ITrialStore.StartTrial"/>.</summary>
    public static void CheckStart(string worker, int? maxTrials, Delegate propose)
    {
        ArgumentNullException.ThrowIfNull(worker);
        ArgumentNullException.ThrowIfNull(propose);
        if (maxTrials < 0)
            throw new ArgumentOutOfRangeException(nameof(maxTrials), maxTrials, "The trial budget (maxTrials) must be 0 or more, or null for no budget.");
    }

    /// <summary>Checks the epoch of <see cref="ITrialStore.ReportEpoch"/>.</summary>
    public static void CheckEpoch(int epoch)
    {
        if (epoch < 1)
            throw new ArgumentOutOfRangeException(nameof(epoch), epoch, "Epochs are numbered from 1.");
    }

    /// <summary>Checks the final state of <see cref="ITrialStore.Finish"/>.</summary>
    public static void CheckFinish(TrialState state, double seconds)
    {
        if (state is not (TrialState.Complete or TrialState.Pruned or TrialState.Failed))
            throw new ArgumentOutOfRangeException(nameof(state), state, "A trial ends as Complete, Pruned or Failed.");
        if (!double.IsFinite(seconds) || seconds < 0)
            throw new ArgumentOutOfRangeException(nameof(seconds), seconds, "A trial's wall time must be a finite number of seconds, 0 or more.");
    }

    /// <summary>Checks the heartbeat timeout of <see cref="ITrialStore.RequeueStale"/>.</summary>
    public static void CheckTimeout(TimeSpan timeout)
    {
        if (timeout <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "The heartbeat timeout must be positive.");
    }

    /// <summary>The message of <paramref name="error"/> followed by those of its inner exceptions that add to it:
    /// "Failed to connect to 127.0.0.1:1 (Connection refused)".</summary>
    public static string Cause(Exception error)
    {
        string message = error.Message;
        for (var inner = error.InnerException; inner is not null; inner = inner.InnerException)
            if (!message.Contains(inner.Message, StringComparison.Ordinal)) message += $" ({inner.Message})";
        return message;
    }

    /// <summary>The final value as stored: NaN (a diverged objective) is stored as no value.</summary>
    public static double? StoredValue(double? value) => value is double v && double.IsNaN(v) ? null : value;

    /// <summary>The error of a trial failed for a stopped worker: "worker host:1234 stopped sending heartbeats (last at
    /// 2026-12-01T07:10:03Z); re-queued as trial 17".</summary>
    public static string StaleError(string worker, DateTime lastHeartbeatUtc, int newNumber) => string.Create(CultureInfo.InvariantCulture,
        $"worker {worker} stopped sending heartbeats (last at {lastHeartbeatUtc:yyyy-MM-dd'T'HH:mm:ss'Z'}); re-queued as trial {newNumber}");
}
