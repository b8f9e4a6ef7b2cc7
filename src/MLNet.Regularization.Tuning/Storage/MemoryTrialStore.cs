using System.Diagnostics;

namespace MLNet.Regularization.Tuning.Storage;

/// <summary>
/// A trial store in the memory of this process, for workers that are threads of one process; lost when the process ends.
/// One lock serializes every call. Its clock is the UTC time when the store was created plus a <see cref="Stopwatch"/>,
/// so that heartbeats do not jump with the system clock. The <see cref="TrialRecord.Seconds"/> of a running trial is
/// the time since it started.
/// </summary>
internal sealed class MemoryTrialStore : ITrialStore
{
    private readonly object _gate = new();
    private readonly DateTime _origin = DateTime.UtcNow;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<Search> _searches = [];
    private long _nextTrialId = 1;

    /// <inheritdoc/>
    public string Description => "memory of this process";

    private DateTime Now => _origin + _clock.Elapsed;

    /// <inheritdoc/>
    public SearchRecord CreateOrOpen(string name, string definition, byte[] data)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(data);
        lock (_gate)
        {
            var search = _searches.Find(s => s.Name == name);
            if (search is null)
            {
                search = new Search(_searches.Count + 1, name, definition, [.. data]);
                _searches.Add(search);
            }
            return search.Record;
        }
    }

    /// <inheritdoc/>
    public SearchRecord? Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        lock (_gate) return _searches.Find(s => s.Name == name)?.Record;
    }

    /// <inheritdoc/>
    public byte[] ReadData(long searchId)
    {
        lock (_gate) return [.. SearchOf(searchId).Data];
    }

    /// <inheritdoc/>
    public TrialRecord? StartTrial(long searchId, string worker, int? maxTrials,
        Func<int, IReadOnlyList<TrialRecord>, IReadOnlyDictionary<string, double>> propose)
    {
        TrialStoreRules.CheckStart(worker, maxTrials, propose);
        lock (_gate)
        {
            var search = SearchOf(searchId);
            var trial = search.Trials.Find(t => t.State == TrialState.Waiting);
            if (trial is null)
            {
                if (maxTrials is int budget && search.Trials.Count(t => !t.Requeued) >= budget) return null;
                int number = search.Trials.Count;
                var parameters = propose(number, Records(search));
                trial = new Trial(_nextTrialId++, number, new Dictionary<string, double>(parameters), retryOf: null);
                search.Trials.Add(trial);
            }
            trial.State = TrialState.Running;
            trial.Worker = worker;
            trial.Started = trial.Heartbeat = Now;
            return Record(trial);
        }
    }

    /// <inheritdoc/>
    public void ReportEpoch(long trialId, int epoch, double value)
    {
        TrialStoreRules.CheckEpoch(epoch);
        lock (_gate)
        {
            var trial = TrialOf(trialId);
            trial.EpochValues[epoch] = value;
            trial.Heartbeat = Now;
        }
    }

    /// <inheritdoc/>
    public void Heartbeat(long trialId)
    {
        lock (_gate) TrialOf(trialId).Heartbeat = Now;
    }

    /// <inheritdoc/>
    public bool Finish(long trialId, TrialState state, double? value, double seconds, string? error)
    {
        TrialStoreRules.CheckFinish(state, seconds);
        lock (_gate)
        {
            var trial = TrialOf(trialId);
            if (trial.State != TrialState.Running) return false;
            trial.State = state;
            trial.Value = TrialStoreRules.StoredValue(value);
            trial.Seconds = seconds;
            trial.Error = error;
            return true;
        }
    }

    /// <inheritdoc/>
    public IReadOnlyList<TrialRecord> Trials(long searchId)
    {
        lock (_gate) return Records(SearchOf(searchId));
    }

    /// <inheritdoc/>
    public int RequeueStale(long searchId, TimeSpan timeout)
    {
        TrialStoreRules.CheckTimeout(timeout);
        lock (_gate)
        {
            var search = SearchOf(searchId);
            var now = Now;
            var stale = search.Trials.Where(t => t.State == TrialState.Running && now - t.Heartbeat > timeout).ToList();
            foreach (var trial in stale)
            {
                int number = search.Trials.Count;
                trial.State = TrialState.Failed;
                trial.Requeued = true;
                trial.Seconds = (now - trial.Started).TotalSeconds;
                trial.Error = TrialStoreRules.StaleError(trial.Worker, trial.Heartbeat, number);
                search.Trials.Add(new Trial(_nextTrialId++, number, trial.Parameters, retryOf: trial.Number));
            }
            return stale.Count;
        }
    }

    /// <summary>Nothing to release: the trials go with the store.</summary>
    public void Dispose()
    {
    }

    private Search SearchOf(long searchId) => searchId >= 1 && searchId <= _searches.Count
        ? _searches[(int)(searchId - 1)]
        : throw new ArgumentException($"The trial store {Description} has no search with id {searchId}.", nameof(searchId));

    private Trial TrialOf(long trialId) => _searches.SelectMany(s => s.Trials).FirstOrDefault(t => t.Id == trialId)
        ?? throw new ArgumentException($"The trial store {Description} has no trial with id {trialId}.", nameof(trialId));

    private List<TrialRecord> Records(Search search) => search.Trials.Select(Record).ToList();

    private TrialRecord Record(Trial trial) => new(trial.Id, trial.Number, trial.State, new Dictionary<string, double>(trial.Parameters),
        trial.Value, [.. trial.EpochValues.Values],
        trial.State == TrialState.Running ? (Now - trial.Started).TotalSeconds : trial.Seconds,
        trial.Error, trial.Worker, trial.RetryOf);

    private sealed class Search(long id, string name, string definition, byte[] data)
    {
        public string Name { get; } = name;
        public byte[] Data { get; } = data;
        public SearchRecord Record { get; } = new(id, name, definition);
        /// <summary>The trials by number: a trial's number is its index.</summary>
        public List<Trial> Trials { get; } = [];
    }

    private sealed class Trial(long id, int number, IReadOnlyDictionary<string, double> parameters, int? retryOf)
    {
        public long Id { get; } = id;
        public int Number { get; } = number;
        public IReadOnlyDictionary<string, double> Parameters { get; } = parameters;
        public int? RetryOf { get; } = retryOf;
        public TrialState State { get; set; } = TrialState.Waiting;
        public string Worker { get; set; } = "";
        public bool Requeued { get; set; }
        public double? Value { get; set; }
        public double Seconds { get; set; }
        public string? Error { get; set; }
        public DateTime Started { get; set; }
        public DateTime Heartbeat { get; set; }
        /// <summary>The objective by epoch, in epoch order.</summary>
        public SortedList<int, double> EpochValues { get; } = [];
    }
}
