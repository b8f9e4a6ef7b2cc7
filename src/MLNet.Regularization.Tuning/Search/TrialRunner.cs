using System.Diagnostics;
using Microsoft.ML;
using MLNet.Regularization.Tuning.Storage;

namespace MLNet.Regularization.Tuning;

/// <summary>
/// Runs one trial: trains with the trial's options on the search's training rows (each fold's, with k-fold), reports the
/// validation figure of every epoch to the store and asks the pruner whether to go on, keeps the heartbeat while training,
/// and scores the model with the search's metric. Pruning cancels the fit between batches.
/// </summary>
internal sealed class TrialRunner(MLContext mlContext, SearchDefinition definition, SearchTask task, ITrialStore store, long searchId,
    IReadOnlyList<(IDataView Train, IDataView Validation)> splits, int? threads, TimeSpan heartbeatInterval)
{
    private readonly SearchMetric _metric = task.Metric(definition.Metric);

    /// <summary>Trains and scores <paramref name="trial"/> and records its end in the store; returns its state.</summary>
    public TrialState Run(TrialRecord trial, CancellationToken cancellation)
    {
        var timer = Stopwatch.StartNew();
        using var heartbeat = new Timer(_ => Beat(trial.Id), null, heartbeatInterval, heartbeatInterval);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var epochs = new EpochSink(this, trial, stop);
        try
        {
            var scores = new List<double>();
            for (int fold = 0; fold < splits.Count; fold++)
            {
                var options = OptionBinding.Apply(definition.Options, definition.Space, trial.Parameters);
                options.Seed ??= definition.Seed;
                options.NumberOfThreads ??= threads;
                options.CancellationToken = stop.Token;
                options.Progress = fold == 0 ? epochs : null;
                using var model = SearchTask.Fit(mlContext, options, splits[fold].Train, splits[fold].Validation);
                scores.Add(_metric.Evaluate(mlContext, model.Transform(splits[fold].Validation), options.LabelColumnName));
            }
            double value = scores.Average();
            if (double.IsNaN(value)) return Finish(trial, TrialState.Failed, null, timer, $"the metric {_metric.Name} is NaN");
            return Finish(trial, TrialState.Complete, value, timer, null);
        }
        catch (OperationCanceledException) when (epochs.Pruned)
        {
            return Finish(trial, TrialState.Pruned, null, timer, null);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            Finish(trial, TrialState.Failed, null, timer, "the search was canceled");
            throw;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return Finish(trial, TrialState.Failed, null, timer, $"{e.GetType().Name}: {e.Message}");
        }
    }

    private TrialState Finish(TrialRecord trial, TrialState state, double? value, Stopwatch timer, string? error)
    {
        store.Finish(trial.Id, state, value, timer.Elapsed.TotalSeconds, error);
        return state;
    }

    private void Beat(long trialId)
    {
        try { store.Heartbeat(trialId); }
        catch (Exception) { /* a missed heartbeat is retried at the next tick; the timeout allows for several */ }
    }

    /// <summary>Stores the trial's figure of one epoch and asks the pruner whether the trial should stop now.</summary>
    private bool EpochEnded(TrialRecord trial, int epoch, IReadOnlyList<double> values)
    {
        store.ReportEpoch(trial.Id, epoch, values[^1]);
        if (definition.Pruner is not { } pruner) return false;
        var current = trial with { State = TrialState.Running, EpochValues = [.. values] };
        var others = store.Trials(searchId).Where(t => t.Id != trial.Id).ToArray();
        return pruner.ShouldPrune(current, others, _metric.EpochDirection(task.Task));
    }

    /// <summary>Receives the first network's epochs (synchronously, in the training loop), and cancels the fit when the
    /// pruner says so.</summary>
    private sealed class EpochSink(TrialRunner runner, TrialRecord trial, CancellationTokenSource stop) : IProgress<EpochReport>
    {
        private readonly List<double> _values = [];

        public bool Pruned { get; private set; }

        public void Report(EpochReport report)
        {
            if (report.Member != 0) return;
            _values.Add(runner._metric.EpochValue(report));
            if (runner.EpochEnded(trial, report.Epoch, _values))
            {
                Pruned = true;
                stop.Cancel();
            }
        }
    }
}
