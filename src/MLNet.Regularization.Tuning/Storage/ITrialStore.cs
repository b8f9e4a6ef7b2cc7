namespace MLNet.Regularization.Tuning.Storage;

/// <summary>
/// Where the trials of searches live, shared by every worker of a search: in memory (workers in one process), an SQLite file
/// (processes on one machine) or a PostgreSQL database (machines). Every method is safe to call from several threads,
/// processes or machines at once; the store serializes what must be atomic (trial numbers, the trial budget, taking a
/// waiting trial). Times (heartbeats) are read from the store's own clock, so that workers' clocks need not agree.
/// </summary>
internal interface ITrialStore : IDisposable
{
    /// <summary>What the store is, for messages ("SQLite file /data/search.db"); never holds a password.</summary>
    string Description { get; }

    /// <summary>Creates the search <paramref name="name"/> with its definition and data, or, when a search of that name exists,
    /// returns it as stored (the caller compares definitions). Only the first creator's data is kept.</summary>
    SearchRecord CreateOrOpen(string name, string definition, byte[] data);

    /// <summary>The search <paramref name="name"/>, or null when the store has none of that name.</summary>
    SearchRecord? Find(string name);

    /// <summary>The data stored with the search.</summary>
    byte[] ReadData(long searchId);

    /// <summary>
    /// Atomically starts the next trial of the search for <paramref name="worker"/>, or returns null when
    /// <paramref name="maxTrials"/> trials exist already (trials re-queued after a stopped worker count once). The oldest
    /// waiting trial is taken first (state Running, keeping its number and options); otherwise a new trial numbered one past
    /// the highest is created with the options <paramref name="propose"/> returns for that number and the trials so far
    /// (called inside the store's lock, so that two workers never get the same number).
    /// </summary>
    TrialRecord? StartTrial(long searchId, string worker, int? maxTrials,
        Func<int, IReadOnlyList<TrialRecord>, IReadOnlyDictionary<string, double>> propose);

    /// <summary>Records the objective after epoch <paramref name="epoch"/> (from 1; epochs come in order) and renews the heartbeat.</summary>
    void ReportEpoch(long trialId, int epoch, double value);

    /// <summary>Renews the trial's heartbeat: its worker is alive.</summary>
    void Heartbeat(long trialId);

    /// <summary>Ends a running trial as Complete, Pruned or Failed. A trial that is no longer Running (failed for a missed
    /// heartbeat meanwhile) is left as it is; returns whether the trial was ended here.</summary>
    bool Finish(long trialId, TrialState state, double? value, double seconds, string? error);

    /// <summary>Every trial of the search, by number.</summary>
    IReadOnlyList<TrialRecord> Trials(long searchId);

    /// <summary>Fails the running trials whose heartbeat is older than <paramref name="timeout"/> (their worker stopped),
    /// each with an error naming the worker and the time of its last heartbeat, and queues a waiting copy of each, with the
    /// same options, that the next worker takes. Returns the number of trials re-queued.</summary>
    int RequeueStale(long searchId, TimeSpan timeout);
}

/// <summary>A search as a store keeps it.</summary>
/// <param name="Id">The store's key of the search.</param>
/// <param name="Name">The search's name, unique in the store.</param>
/// <param name="Definition">What the search is (JSON: task, base options, space, objective, sampler, pruner, budget).</param>
internal sealed record SearchRecord(long Id, string Name, string Definition);
