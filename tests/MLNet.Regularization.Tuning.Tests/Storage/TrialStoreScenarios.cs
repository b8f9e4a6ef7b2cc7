using System.Collections.Concurrent;
using MLNet.Regularization.Tuning.Storage;
using Xunit;

namespace MLNet.Regularization.Tuning.Tests.Storage;

/// <summary>
/// What every <see cref="ITrialStore"/> must do, run by <see cref="MemoryTrialStoreTests"/>, <see cref="SqliteTrialStoreTests"/>
/// and <see cref="PostgresTrialStoreTests"/>. <c>open</c> gives a new store on the same trials each call (a new connection);
/// the memory store gives its one instance. Each scenario uses searches of its own (a Guid in the name).
/// </summary>
internal sealed class TrialStoreScenarios(Func<ITrialStore> open) : IDisposable
{
    private static readonly TimeSpan HeartbeatTimeout = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan PastTimeout = TimeSpan.FromSeconds(1.5);

    private readonly ConcurrentBag<ITrialStore> _opened = [];

    public void CreateOrOpenReturnsTheFirstSearchWithItsDefinitionAndData()
    {
        var store = Open();
        string name = NewName();
        var created = store.CreateOrOpen(name, """{"epochs":5}""", [1, 2, 3]);

        var other = Open();
        var opened = other.CreateOrOpen(name, """{"epochs":9}""", [9]);
        Assert.Equal(created, opened);
        Assert.Equal("""{"epochs":5}""", opened.Definition);
        Assert.Equal([1, 2, 3], other.ReadData(opened.Id));
        Assert.Equal(created, other.Find(name));
        Assert.Null(other.Find(NewName()));

        var empty = store.CreateOrOpen(NewName(), "{}", []);
        Assert.NotEqual(created.Id, empty.Id);
        Assert.Empty(other.ReadData(empty.Id));
        Assert.Contains("no search", Assert.Throws<ArgumentException>(() => other.Trials(-7)).Message);
    }

    public void TrialsAreNumberedFromZeroAndTheBudgetStopsThem()
    {
        var store = Open();
        var search = NewSearch(store);
        var started = Enumerable.Range(0, 3).Select(i => store.StartTrial(search, $"worker{i}", 3, Propose)).ToList();
        Assert.Equal([0, 1, 2], started.Select(t => t!.Number));
        Assert.Null(store.StartTrial(search, "worker3", 3, Propose));

        var trials = Open().Trials(search);
        Assert.Equal([0, 1, 2], trials.Select(t => t.Number));
        Assert.All(trials, t => Assert.Equal(TrialState.Running, t.State));
        Assert.Equal(["worker0", "worker1", "worker2"], trials.Select(t => t.Worker));
        Assert.Equal(started.Select(t => t!.Id), trials.Select(t => t.Id));
    }

    public void RacingWorkersStartExactlyTheBudgetWithUniqueNumbers()
    {
        var search = NewSearch(Open());
        var stores = Enumerable.Range(0, 4).Select(_ => Open()).ToArray();
        var numbers = new ConcurrentBag<int>();
        var wrongHistories = new ConcurrentBag<string>();
        Together(stores.Select((store, w) => (Action)(() =>
        {
            while (store.StartTrial(search, $"worker{w}", 20, (number, history) =>
                   {
                       if (history.Count != number || history.Select(t => t.Number).Where((n, i) => n != i).Any())
                           wrongHistories.Add($"trial {number} saw {string.Join(",", history.Select(t => t.Number))}");
                       return Propose(number, history);
                   }) is { } trial)
            {
                numbers.Add(trial.Number);
                Assert.True(store.Finish(trial.Id, TrialState.Complete, trial.Number, 0.01, null));
            }
        })));

        Assert.Empty(wrongHistories);
        Assert.Equal(Enumerable.Range(0, 20), numbers.Order());
        var trials = Open().Trials(search);
        Assert.Equal(Enumerable.Range(0, 20), trials.Select(t => t.Number));
        Assert.All(trials, t => Assert.Equal(TrialState.Complete, t.State));
    }

    public void AWaitingTrialIsTakenBeforeANewOneIsProposed()
    {
        var store = Open();
        var search = NewSearch(store);
        var first = store.StartTrial(search, "host:1234", 2, Propose)!;
        Thread.Sleep(PastTimeout);
        Assert.Equal(1, store.RequeueStale(search, HeartbeatTimeout));

        var proposals = new List<string>();
        IReadOnlyDictionary<string, double> Recording(int number, IReadOnlyList<TrialRecord> history)
        {
            proposals.Add($"trial {number} after {string.Join(", ", history.Select(t => $"{t.Number} {t.State}"))}");
            return Propose(number, history);
        }

        var retry = Open().StartTrial(search, "host:5678", 2, Recording)!;
        Assert.Empty(proposals);
        Assert.Equal((1, TrialState.Running, "host:5678", (int?)0), (retry.Number, retry.State, retry.Worker, retry.RetryOf));
        Assert.Equal(first.Parameters, retry.Parameters);

        // The failed trial was replaced by its copy, so the budget of 2 leaves room for one new trial.
        var next = store.StartTrial(search, "host:5678", 2, Recording)!;
        Assert.Equal(2, next.Number);
        Assert.Equal(["trial 2 after 0 Failed, 1 Running"], proposals);
        Assert.Null(store.StartTrial(search, "host:5678", 2, Recording));
    }

    public void EpochValuesParametersAndValuesRoundTripBitExactly()
    {
        var doubles = new Dictionary<string, double>
        {
            ["Sum"] = 0.1 + 0.2, ["Tiny"] = 1e-300, ["Large"] = 123456789.123456789, ["Subnormal"] = double.Epsilon,
            ["NegativeZero"] = -0.0, ["Third"] = 1.0 / 3, ["Max"] = double.MaxValue,
        };
        var store = Open();
        var search = NewSearch(store);
        var trial = store.StartTrial(search, "worker", null, (_, _) => doubles)!;
        store.ReportEpoch(trial.Id, 1, 0.1 + 0.2);
        store.ReportEpoch(trial.Id, 2, 1e-300);
        store.ReportEpoch(trial.Id, 3, 123456789.123456789);
        store.ReportEpoch(trial.Id, 3, 1.0 / 3); // an epoch reported again keeps its last value
        store.ReportEpoch(trial.Id, 4, double.NaN);
        Assert.True(store.Finish(trial.Id, TrialState.Complete, 0.1 + 0.2, 12.345678901234567, null));

        var read = Assert.Single(Open().Trials(search));
        Assert.Equal(doubles.Keys.Order(), read.Parameters.Keys.Order());
        Assert.All(doubles, p => Assert.Equal(Bits(p.Value), Bits(read.Parameters[p.Key])));
        Assert.Equal(Bits(trial.Parameters["Sum"]), Bits(0.1 + 0.2));
        Assert.Equal(new[] { 0.1 + 0.2, 1e-300, 1.0 / 3, double.NaN }.Select(Bits), read.EpochValues.Select(Bits));
        Assert.Equal(Bits(0.1 + 0.2), Bits(read.Value!.Value));
        Assert.Equal(Bits(12.345678901234567), Bits(read.Seconds));
        Assert.Equal((TrialState.Complete, (string?)null, "worker", (int?)null), (read.State, read.Error, read.Worker, read.RetryOf));
    }

    public void FinishOnATrialNoLongerRunningReturnsFalseAndChangesNothing()
    {
        var store = Open();
        var search = NewSearch(store);
        var trial = store.StartTrial(search, "worker", null, Propose)!;
        store.ReportEpoch(trial.Id, 1, 0.5);
        Assert.True(store.Finish(trial.Id, TrialState.Pruned, 0.5, 1.25, null));
        var before = Assert.Single(store.Trials(search));

        Assert.False(Open().Finish(trial.Id, TrialState.Failed, null, 2, "too late"));
        var after = Assert.Single(store.Trials(search));
        Assert.Equal((TrialState.Pruned, (double?)0.5, 1.25, (string?)null), (after.State, after.Value, after.Seconds, after.Error));
        Assert.Equal(before.EpochValues, after.EpochValues);
        Assert.Throws<ArgumentOutOfRangeException>(() => store.Finish(trial.Id, TrialState.Running, null, 0, null));
    }

    public void ATrialWithoutHeartbeatsIsFailedAndRequeuedOnceWithItsParameters()
    {
        var store = Open();
        var search = NewSearch(store);
        var silent = store.StartTrial(search, "host:1234", 3, Propose)!;
        var alive = store.StartTrial(search, "host:5678", 3, Propose)!;
        Thread.Sleep(PastTimeout);
        store.Heartbeat(alive.Id);

        var stores = new[] { Open(), Open() };
        var counts = new int[stores.Length];
        Together(stores.Select((s, i) => (Action)(() => counts[i] = s.RequeueStale(search, HeartbeatTimeout))));
        Assert.Equal(1, counts.Sum());

        var trials = store.Trials(search);
        Assert.Equal([0, 1, 2], trials.Select(t => t.Number));
        var failed = trials[0];
        Assert.Equal(TrialState.Failed, failed.State);
        Assert.Contains("worker host:1234 stopped sending heartbeats (last at ", failed.Error);
        Assert.EndsWith("); re-queued as trial 2", failed.Error);
        Assert.Equal(TrialState.Running, trials[1].State);
        Assert.True(trials[1].Seconds >= 1, $"A running trial's seconds are the time since it started; got {trials[1].Seconds}.");
        var copy = trials[2];
        Assert.Equal((TrialState.Waiting, "", (int?)0, (string?)null), (copy.State, copy.Worker, copy.RetryOf, copy.Error));
        Assert.Equal(silent.Parameters, copy.Parameters);

        // The silent worker comes back too late: its trial stays failed.
        Assert.False(store.Finish(silent.Id, TrialState.Complete, 1, 2, null));
        Assert.Equal(TrialState.Failed, store.Trials(search)[0].State);

        // Two trials count (the alive one and the copy): the copy is taken even at a budget of 2, then the budget is spent.
        Assert.Equal(2, store.StartTrial(search, "host:9999", 2, Propose)!.Number);
        Assert.Null(store.StartTrial(search, "host:9999", 2, Propose));
        Assert.Equal(0, store.RequeueStale(search, HeartbeatTimeout));
    }

    public ITrialStore Open()
    {
        var store = open();
        _opened.Add(store);
        return store;
    }

    public void Dispose()
    {
        foreach (var store in _opened) store.Dispose();
    }

    /// <summary>Runs <paramref name="actions"/> at once, each on a thread of its own released together; rethrows what they threw.</summary>
    public static void Together(IEnumerable<Action> actions)
    {
        var list = actions.ToList();
        var errors = new ConcurrentQueue<Exception>();
        using var barrier = new Barrier(list.Count);
        var threads = list.Select(action => new Thread(() =>
        {
            barrier.SignalAndWait();
            try
            {
                action();
            }
            catch (Exception e)
            {
                errors.Enqueue(e);
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        if (!errors.IsEmpty) throw new AggregateException(errors);
    }

    private static long NewSearch(ITrialStore store) => store.CreateOrOpen(NewName(), "{}", []).Id;

    private static string NewName() => "test-" + Guid.NewGuid().ToString("N");

    private static IReadOnlyDictionary<string, double> Propose(int number, IReadOnlyList<TrialRecord> history) =>
        new Dictionary<string, double> { ["Number"] = number, ["L2"] = 1e-4 * (number + 1) };

    private static long Bits(double value) => BitConverter.DoubleToInt64Bits(value);
}
