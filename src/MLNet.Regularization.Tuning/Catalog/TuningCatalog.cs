using Microsoft.ML;
using MLNet.Regularization.Tuning.Storage;

namespace MLNet.Regularization.Tuning;

/// <summary>
/// Hyperparameter search over the options of the regularized trainers: <c>mlContext.Tuning()</c>. (Its name leaves
/// <c>mlContext.Auto()</c> to Microsoft.ML.AutoML, so that a project can use both.)
/// </summary>
public sealed class TuningCatalog
{
    private readonly MLContext _mlContext;

    internal TuningCatalog(MLContext mlContext) => _mlContext = mlContext;

    /// <summary>A search over the options of the trainer whose options <paramref name="options"/> are (the MLP's or the CNN's,
    /// for any task): each trial trains with these options and the trial's values of the <see cref="SearchOptions.Space"/>.
    /// Everything is checked here, before any trial: the space against the trainer's options and their valid values, the
    /// metric against the task, the store (it is opened when the search runs).</summary>
    /// <param name="options">The base options: columns, epochs and every option the space does not vary.</param>
    /// <param name="search">How the search runs; <see langword="null"/> for the defaults (TPE, ASHA, 20 trials, a 20 % hold-out, in memory).</param>
    public RegularizationSearch CreateSearch(RegularizedTrainerOptions options, SearchOptions? search = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        search ??= new SearchOptions();
        search.Validate();
        var space = search.Space ?? DefaultSpace(options);
        if (space.Count == 0) throw new ArgumentException("The search space is empty: add at least one option and its range.", nameof(search));
        OptionBinding.Check(space, options.GetType());
        options.Validate();
        var task = SearchTask.Of(options);
        var metric = task.Metric(search.Metric);
        int seed = search.Seed ?? options.Seed ?? HostSeed.Draw(_mlContext, nameof(RegularizationSearch));
        return new RegularizationSearch(_mlContext, options, space, metric.Name, search, seed);
    }

    /// <summary>Joins the stored search <paramref name="name"/> as one more worker and runs its trials until the search's
    /// budget (or this worker's <paramref name="maxTrials"/> or <paramref name="maxTime"/>) is spent: how a worker on another
    /// machine takes part, with the data, options and space stored with the search. Returns the search's results.</summary>
    /// <param name="storage">The store (see <see cref="SearchOptions.Storage"/>); an SQLite file or a PostgreSQL database.</param>
    /// <param name="name">The search's name.</param>
    /// <param name="maxTrials">The trial budget of the search as this worker keeps to it; <see langword="null"/> for the one it was created with.</param>
    /// <param name="maxTime">This worker's wall time; <see langword="null"/> for no limit.</param>
    /// <param name="threadsPerTrial">libtorch threads of this worker's trials; <see langword="null"/> for one per core.</param>
    /// <param name="heartbeatInterval">How often this worker's running trial renews its heartbeat; <see langword="null"/> for 10 seconds.</param>
    /// <param name="heartbeatTimeout">How long another worker's trial may go without a heartbeat before this worker re-queues it;
    /// <see langword="null"/> for 60 seconds.</param>
    /// <param name="cancellationToken">Stops this worker: its running trial fails as canceled.</param>
    public SearchResult JoinSearch(string storage, string name, int? maxTrials = null, TimeSpan? maxTime = null, int? threadsPerTrial = null,
        TimeSpan? heartbeatInterval = null, TimeSpan? heartbeatTimeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(storage);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var settings = new SearchOptions
        {
            Name = name, Storage = storage, MaxTrials = maxTrials, MaxTime = maxTime ?? (maxTrials is null ? TimeSpan.MaxValue : null),
            ThreadsPerTrial = threadsPerTrial, HeartbeatInterval = heartbeatInterval ?? SearchOptions.Defaults.HeartbeatInterval,
            HeartbeatTimeout = heartbeatTimeout ?? SearchOptions.Defaults.HeartbeatTimeout, CancellationToken = cancellationToken,
        };
        settings.Validate();
        return RegularizationSearch.Join(_mlContext, settings);
    }

    /// <summary>The trials of the stored search <paramref name="name"/> as they are now, without running any.</summary>
    public SearchResult LoadSearch(string storage, string name)
    {
        using var store = TrialStorage.Open(storage);
        var record = store.Find(name) ?? throw new ArgumentException($"{store.Description} holds no search named {name}.", nameof(name));
        return new SearchResult(_mlContext, record.Name, SearchDefinition.FromJson(record.Definition, name), store.Trials(record.Id), []);
    }

    /// <summary>The space a search of these options varies by default: learning rate, weight decay, L1 and L2 (log-uniform),
    /// and for the MLP the hidden layers' size and count, dropout, input noise, batch normalization and label smoothing; for
    /// the CNN dropout, spatial dropout, batch normalization, label smoothing, mixup, and the augmentation strength when the
    /// options augment. A copy: change it and pass it as <see cref="SearchOptions.Space"/>.</summary>
    public SearchSpace DefaultSpace(RegularizedTrainerOptions options) => DefaultSpaces.For(options ?? throw new ArgumentNullException(nameof(options)));
}

/// <summary>The entry point of the tuner on <see cref="MLContext"/>.</summary>
public static class TuningCatalogExtensions
{
    /// <summary>The hyperparameter search of the regularized trainers.</summary>
    public static TuningCatalog Tuning(this MLContext mlContext) => new(mlContext ?? throw new ArgumentNullException(nameof(mlContext)));
}
