namespace MLNet.Regularization.Tuning;

/// <summary>Where a trial of a search is.</summary>
public enum TrialState
{
    /// <summary>Queued with its options, not yet taken by a worker (a trial re-queued after its worker stopped).</summary>
    Waiting,
    /// <summary>Training in a worker.</summary>
    Running,
    /// <summary>Trained to the end and scored.</summary>
    Complete,
    /// <summary>Stopped early by the pruner: its validation figures were behind those of other trials at the same epoch.</summary>
    Pruned,
    /// <summary>Threw, diverged, or its worker stopped sending heartbeats; <see cref="Trial.Error"/> says why.</summary>
    Failed,
}
