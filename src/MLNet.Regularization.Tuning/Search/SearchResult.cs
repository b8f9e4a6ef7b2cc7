using System.Globalization;
using System.Text;
using Microsoft.ML;

namespace MLNet.Regularization.Tuning;

/// <summary>
/// The trials of a search and what to do with the best: the leaderboard, the best trial and its options, and
/// <see cref="FitBest"/>, which trains them on all the training rows into an ordinary ML.NET model.
/// </summary>
public sealed class SearchResult
{
    private readonly MLContext _mlContext;
    private readonly SearchDefinition _definition;

    internal SearchResult(MLContext mlContext, string name, SearchDefinition definition, IReadOnlyList<TrialRecord> records, IReadOnlyList<string> notes)
    {
        _mlContext = mlContext;
        _definition = definition;
        Name = name;
        Trials = [.. records.Select(r => Tuning.Trials.ToTrial(r, definition.Space))];
        HigherIsBetter = SearchTask.Of(definition.Options).Metric(definition.Metric).Direction == Direction.Maximize;
        Notes = notes;
    }

    /// <summary>The search's name.</summary>
    public string Name { get; }

    /// <summary>The metric the trials were scored with.</summary>
    public string Metric => _definition.Metric;

    /// <summary>Whether a higher <see cref="Trial.Value"/> is better (accuracy) or a lower one (errors, log-loss).</summary>
    public bool HigherIsBetter { get; }

    /// <summary>Every trial, by number: complete, pruned, failed, and any still running in other workers.</summary>
    public IReadOnlyList<Trial> Trials { get; }

    /// <summary>What the run noticed beside the trials (a worker process that failed, with its error output).</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>The trials from best to worst: complete ones by value, then pruned ones (those that trained longest first), then
    /// the rest.</summary>
    public IReadOnlyList<Trial> Leaderboard =>
    [
        .. Trials.Where(t => t.State == TrialState.Complete).OrderBy(t => HigherIsBetter ? -t.Value!.Value : t.Value!.Value).ThenBy(t => t.Number),
        .. Trials.Where(t => t.State == TrialState.Pruned).OrderByDescending(t => t.Epochs).ThenBy(t => t.Number),
        .. Trials.Where(t => t.State is not (TrialState.Complete or TrialState.Pruned)).OrderBy(t => t.Number),
    ];

    /// <summary>The complete trial with the best value.</summary>
    /// <exception cref="InvalidOperationException">No trial is complete.</exception>
    public Trial BestTrial => Trials.Any(t => t.State == TrialState.Complete) ? Leaderboard[0]
        : throw new InvalidOperationException($"No trial of search {Name} is complete ({Trials.Count} trials: " +
            $"{string.Join(", ", Trials.GroupBy(t => t.State).Select(g => $"{g.Count()} {g.Key.ToString().ToLowerInvariant()}"))}).");

    /// <summary>The base options with the best trial's values: the options to train the final model with.</summary>
    public RegularizedTrainerOptions BestOptions
    {
        get
        {
            var best = BestTrial;
            var values = best.Options.ToDictionary(o => o.Key, o => _definition.Space[o.Key].ToInternal(o.Value));
            var options = OptionBinding.Apply(_definition.Options, _definition.Space, values);
            options.Seed ??= _definition.Seed;
            return options;
        }
    }

    /// <summary>Trains the best options on <paramref name="trainData"/> (all the training rows: those the search held out too),
    /// into an ordinary ML.NET model.</summary>
    public RegularizedNetworkModel FitBest(IDataView trainData)
    {
        ArgumentNullException.ThrowIfNull(trainData);
        return SearchTask.Fit(_mlContext, BestOptions, trainData, null);
    }

    /// <summary>The leaderboard as CSV: number, state, value, epochs, seconds, worker, each option of the space, and the error.</summary>
    public string ToCsv()
    {
        var options = _definition.Space.Options;
        var csv = new StringBuilder();
        csv.AppendLine(string.Join(",", new[] { "number", "state", Metric, "epochs", "seconds", "worker" }.Concat(options).Append("error").Select(Quote)));
        foreach (var t in Leaderboard)
        {
            var cells = new[]
            {
                t.Number.ToString(CultureInfo.InvariantCulture), t.State.ToString(), t.Value?.ToString("R", CultureInfo.InvariantCulture) ?? "",
                t.Epochs.ToString(CultureInfo.InvariantCulture), t.Seconds.ToString("F2", CultureInfo.InvariantCulture), t.Worker,
            }.Concat(options.Select(o => t.Options.TryGetValue(o, out var v) ? SearchValues.Describe(v) : "")).Append(t.Error ?? "");
            csv.AppendLine(string.Join(",", cells.Select(Quote)));
        }
        return csv.ToString();
    }

    /// <summary>Writes the leaderboard (<see cref="ToCsv"/>) to <paramref name="path"/>.</summary>
    public void SaveCsv(string path) => File.WriteAllText(path, ToCsv());

    /// <summary>Plots every trial's per-epoch validation figure (what the pruner compared) as a PNG file at <paramref name="path"/>:
    /// complete trials in color, pruned ones in gray, the best one thick.</summary>
    public void SaveLearningCurves(string path) => SearchPlots.LearningCurves(this, EpochFigure, path);

    /// <summary>Plots each complete trial's value by trial number and the best value so far (the optimization history) as a PNG
    /// file at <paramref name="path"/>.</summary>
    public void SaveOptimizationHistory(string path) => SearchPlots.OptimizationHistory(this, path);

    /// <summary>What the per-epoch figures of <see cref="Trial.EpochValues"/> are.</summary>
    public string EpochFigure
    {
        get
        {
            var task = SearchTask.Of(_definition.Options);
            return task.Metric(_definition.Metric).EpochLoss ? "validation loss"
                : task.Task == PredictionTask.Regression ? "validation root mean squared error" : "validation accuracy";
        }
    }

    private static string Quote(string cell) => cell.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{cell.Replace("\"", "\"\"")}\"" : cell;
}
