using Microsoft.ML;
using MLNet.Regularization.Tuning.Storage;

namespace MLNet.Regularization.Tuning;

/// <summary>
/// A hyperparameter search over the options of one regularized trainer, created by
/// <see cref="TuningCatalog.CreateSearch"/>. <see cref="Run"/> stores the search (its definition and training data) and runs
/// its trials, in this process and in <see cref="SearchOptions.Workers"/> - 1 worker processes; a search of the same name in
/// the store is resumed.
/// </summary>
public sealed class RegularizationSearch
{
    private readonly MLContext _mlContext;
    private readonly RegularizedTrainerOptions _options;
    private readonly SearchSpace _space;
    private readonly string _metric;
    private readonly SearchOptions _settings;
    private readonly int _seed;

    internal RegularizationSearch(MLContext mlContext, RegularizedTrainerOptions options, SearchSpace space, string metric, SearchOptions settings, int seed)
    {
        _mlContext = mlContext;
        _options = (RegularizedTrainerOptions)OptionsJson.Read(OptionsJson.Write(options));
        _space = new SearchSpace(space);
        _metric = metric;
        _settings = settings;
        _seed = seed;
    }

    /// <summary>The options the search varies and their ranges.</summary>
    public SearchSpace Space => new(_space);

    /// <summary>The metric the search optimizes.</summary>
    public string Metric => _metric;

    /// <summary>The seed of the sampler, the split and the trials' training.</summary>
    public int Seed => _seed;

    /// <summary>Runs the search on <paramref name="trainData"/> (the rows to train and validate the trials on; keep a test set
    /// apart) until its budget is spent, and returns every trial.</summary>
    /// <exception cref="InvalidOperationException">The store holds a search of the same name that differs from this one (the
    /// message names the difference), or every trial failed (the message gives their errors).</exception>
    public SearchResult Run(IDataView trainData)
    {
        ArgumentNullException.ThrowIfNull(trainData);
        foreach (string column in new[] { _options.LabelColumnName, _options.FeatureColumnName })
            if (trainData.Schema.GetColumnOrNull(column) is null)
                throw new ArgumentException($"The training data has no column '{column}', which the trainer options name; it has " +
                    $"{string.Join(", ", trainData.Schema.Where(c => !c.IsHidden).Select(c => c.Name))}.", nameof(trainData));
        byte[] data = DataBytes.Write(_mlContext, trainData);
        var definition = new SearchDefinition
        {
            Options = _options, Space = _space, Metric = _metric, Sampler = _settings.Sampler, Pruner = _settings.Pruner,
            ValidationFraction = _settings.ValidationFraction, Folds = _settings.Folds, Seed = _seed, MaxTrials = _settings.MaxTrials,
            DataHash = DataBytes.Hash(_mlContext, trainData),
        };
        using var shared = _settings.Workers > 1 && TrialStorage.IsMemory(_settings.Storage) ? new TemporaryStore() : null;
        string? storage = shared?.Storage ?? _settings.Storage;
        using var store = TrialStorage.Open(storage);
        var record = store.CreateOrOpen(_settings.Name, definition.ToJson(), data);
        if (definition.Difference(SearchDefinition.FromJson(record.Definition, record.Name)) is { } difference)
            throw new InvalidOperationException($"{store.Description} holds a search named {record.Name} that differs from this one: " +
                $"{difference}. Give the search another Name, or the same definition to resume it.");
        return Execute(_mlContext, store, storage, record, definition, _settings);
    }

    /// <summary>Runs the stored search of <paramref name="settings"/>'s name as one more worker.</summary>
    internal static SearchResult Join(MLContext mlContext, SearchOptions settings)
    {
        using var store = TrialStorage.Open(settings.Storage);
        var record = store.Find(settings.Name)
            ?? throw new ArgumentException($"{store.Description} holds no search named {settings.Name}: create it with CreateSearch(...).Run(data) first.");
        var definition = SearchDefinition.FromJson(record.Definition, record.Name);
        return Execute(mlContext, store, settings.Storage, record, definition, settings);
    }

    private static SearchResult Execute(MLContext mlContext, ITrialStore store, string? storage, SearchRecord record, SearchDefinition definition,
        SearchOptions settings)
    {
        int threads = settings.ThreadsPerTrial ?? Math.Max(1, Environment.ProcessorCount / settings.Workers);
        var worker = new WorkerSettings(WorkerSettings.ThisProcess, settings.MaxTrials, settings.MaxTime, threads,
            settings.HeartbeatInterval, settings.HeartbeatTimeout);
        var data = DataBytes.Read(mlContext, store.ReadData(record.Id));
        using var processes = settings.Workers > 1 ? WorkerProcesses.Start(storage!, record.Name, settings.Workers - 1, worker) : null;
        new SearchWorker(mlContext, store, record, definition, data, worker).Run(settings.Progress, settings.CancellationToken);
        var notes = processes?.WaitForExit(settings.CancellationToken) ?? [];
        var result = new SearchResult(mlContext, record.Name, definition, store.Trials(record.Id), notes);
        if (result.Trials.Count > 0 && result.Trials.All(t => t.State == TrialState.Failed))
            throw new InvalidOperationException($"Every trial of search {record.Name} failed ({result.Trials.Count} trials). " +
                $"The first errors: {string.Join(" | ", result.Trials.Select(t => t.Error).Distinct().Take(3))}");
        return result;
    }

    /// <summary>An SQLite file in a private temporary folder for the worker processes of a search kept in memory; deleted with its folder.</summary>
    private sealed class TemporaryStore : IDisposable
    {
        private readonly string _folder = Directory.CreateTempSubdirectory("mlnet-tuning-").FullName;

        public string Storage => "sqlite:" + Path.Combine(_folder, "search.db");

        public void Dispose()
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(_folder, recursive: true);
        }
    }
}
