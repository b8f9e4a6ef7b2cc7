using System.Diagnostics;
using Microsoft.ML;
using MLNet.Regularization.Tuning.Storage;

namespace MLNet.Regularization.Tuning;

/// <summary>
/// One worker of a search, in this process: takes trials from the store until the trial budget is spent or the time is up,
/// runs them, and meanwhile fails and re-queues the trials of workers that stopped sending heartbeats. Every worker of a search
/// (threads of other processes, other machines) runs this same loop against the same store.
/// </summary>
internal sealed class SearchWorker(MLContext mlContext, ITrialStore store, SearchRecord search, SearchDefinition definition, IDataView data,
    WorkerSettings settings)
{
    /// <summary>How often a worker whose budget is spent looks whether the others are done.</summary>
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    /// <summary>Runs trials until the budget is spent, then waits for the other workers' running trials (re-queueing those
    /// whose worker stopped) so that none is lost.</summary>
    public void Run(IProgress<Trial>? progress, CancellationToken cancellation)
    {
        var task = SearchTask.Of(definition.Options);
        var direction = task.Metric(definition.Metric).Direction;
        var runner = new TrialRunner(mlContext, definition, task, store, search.Id, Splits(), settings.Threads, settings.HeartbeatInterval);
        int? maxTrials = settings.MaxTrials ?? definition.MaxTrials;
        if (definition.Sampler is GridSampler grid) maxTrials = Math.Min(maxTrials ?? int.MaxValue, grid.GridSize(definition.Space));
        var clock = Stopwatch.StartNew();
        while (settings.MaxTime is not { } maxTime || clock.Elapsed < maxTime)
        {
            cancellation.ThrowIfCancellationRequested();
            store.RequeueStale(search.Id, settings.HeartbeatTimeout);
            var trial = store.StartTrial(search.Id, settings.Name, maxTrials,
                (number, history) => definition.Sampler.Propose(definition.Space, history, number, direction, definition.Seed));
            if (trial is null)
            {
                if (!store.Trials(search.Id).Any(t => t.State is TrialState.Running or TrialState.Waiting)) return;
                // Others still run: stay, to take a trial of theirs that is re-queued if their worker stops.
                cancellation.WaitHandle.WaitOne(settings.HeartbeatInterval < PollInterval ? settings.HeartbeatInterval : PollInterval);
                continue;
            }
            runner.Run(trial, cancellation);
            if (progress is not null)
                progress.Report(Trials.ToTrial(store.Trials(search.Id).First(t => t.Id == trial.Id), definition.Space));
        }
    }

    /// <summary>The search's training and validation rows: one seeded hold-out, or the k folds.</summary>
    private IReadOnlyList<(IDataView Train, IDataView Validation)> Splits()
    {
        if (definition.Folds is int folds)
            return [.. mlContext.Data.CrossValidationSplit(data, folds, seed: definition.Seed).Select(f => (f.TrainSet, f.TestSet))];
        var split = mlContext.Data.TrainTestSplit(data, definition.ValidationFraction, seed: definition.Seed);
        return [(split.TrainSet, split.TestSet)];
    }
}

/// <summary>What one worker brings to a search: its name, its budget, its threads and its heartbeat.</summary>
internal sealed record WorkerSettings(string Name, int? MaxTrials, TimeSpan? MaxTime, int? Threads, TimeSpan HeartbeatInterval, TimeSpan HeartbeatTimeout)
{
    /// <summary>The name of a worker in this process: machine and process id.</summary>
    public static string ThisProcess => $"{Environment.MachineName}:{Environment.ProcessId}";
}
