namespace MLNet.Regularization.Tuning;

/// <summary>
/// How a search runs: its name and store, the space, the metric, the sampler and pruner, the budget, the evaluation and the
/// workers. Everything but the budget, the workers and progress is stored with the search, so that a search resumed or joined
/// later (<see cref="TuningCatalog.JoinSearch"/>) runs the same way.
/// </summary>
public sealed class SearchOptions
{
    /// <summary>Default values of the search options.</summary>
    public static class Defaults
    {
        /// <summary>Default trial budget.</summary>
        public const int MaxTrials = 20;
        /// <summary>Default fraction of the rows held out to score trials.</summary>
        public const double ValidationFraction = 0.2;
        /// <summary>Default time between heartbeats of a running trial.</summary>
        public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(10);
        /// <summary>Default time without a heartbeat after which a running trial's worker is taken for dead.</summary>
        public static readonly TimeSpan HeartbeatTimeout = TimeSpan.FromSeconds(60);
    }

    /// <summary>The search's name in its store: a search of the same name is resumed (its definition must be the same), so
    /// that a search continues after a crash and workers on several machines join it.</summary>
    /// <value>The default value is "search".</value>
    public string Name { get; set; } = "search";

    /// <summary>Where trials are kept: <see langword="null"/> or "memory" (this process), "sqlite:&lt;file&gt;" (a file on this
    /// machine, also for several worker processes), or a PostgreSQL connection string or URI ("postgresql://user:password@host:5432/database",
    /// or "Host=...;Database=...;Username=...") for workers on several machines. The store's schema is in docs/tuning-storage.md.</summary>
    /// <value>The default value is <see langword="null"/> (in memory).</value>
    public string? Storage { get; set; }

    /// <summary>The options to search and their ranges; <see langword="null"/> for the trainer's default space
    /// (<see cref="TuningCatalog.DefaultSpace"/>).</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public SearchSpace? Space { get; set; }

    /// <summary>The metric to optimize, by ML.NET's name, measured on the held-out rows (or the folds): "MicroAccuracy",
    /// "MacroAccuracy", "LogLoss" or "LogLossReduction" (multiclass); "Accuracy", "AreaUnderRocCurve", "F1Score",
    /// "AreaUnderPrecisionRecallCurve" or "LogLoss" (binary); "RSquared", "RootMeanSquaredError", "MeanAbsoluteError" or
    /// "MeanSquaredError" (regression). Its direction follows from it. <see langword="null"/> for the first of the task's list.</summary>
    /// <value>The default value is <see langword="null"/>: MicroAccuracy, Accuracy or RSquared.</value>
    public string? Metric { get; set; }

    /// <summary>Chooses each trial's options.</summary>
    /// <value>The default value is a <see cref="TpeSampler"/> at its defaults.</value>
    public Sampler Sampler { get; set; } = new TpeSampler();

    /// <summary>Stops hopeless trials early from their per-epoch validation figures; <see langword="null"/> runs every trial to the end.</summary>
    /// <value>The default value is an <see cref="AshaPruner"/> at its defaults.</value>
    public Pruner? Pruner { get; set; } = new AshaPruner();

    /// <summary>The number of trials of the search (counting those of earlier runs and of other workers); <see langword="null"/>
    /// for no limit (then <see cref="MaxTime"/> must be set). A grid search stops at the grid's size.</summary>
    /// <value>The default value is 20.</value>
    public int? MaxTrials { get; set; } = Defaults.MaxTrials;

    /// <summary>The wall time of this run: no trial starts after it (a running trial finishes, as in Optuna); <see langword="null"/> for no limit.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public TimeSpan? MaxTime { get; set; }

    /// <summary>The fraction of the rows held out (seeded) to score each trial and to give the pruner its per-epoch figures;
    /// not used when <see cref="Folds"/> is set.</summary>
    /// <value>The default value is 0.2.</value>
    public double ValidationFraction { get; set; } = Defaults.ValidationFraction;

    /// <summary>Scores each trial by k-fold cross-validation (the mean of the folds' metric) instead of one hold-out; the pruner
    /// reads the first fold's epochs. <see langword="null"/> for the hold-out.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public int? Folds { get; set; }

    /// <summary>The seed of the sampler, the split and of every trial's training (unless the base options set their own
    /// <see cref="RegularizedTrainerOptions.Seed"/>); <see langword="null"/> draws it from the <c>MLContext</c>. With the same
    /// seed and one worker, a search runs the same sequence of trials.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public int? Seed { get; set; }

    /// <summary>Trials run at once, each in its own worker process (libtorch's threads and random generator are process-wide,
    /// so trials in one process would share them): this process runs one and starts <c>Workers - 1</c> others
    /// (the MLNet.Regularization.Tuning.Worker program, next to this assembly). With an in-memory store, the workers share a
    /// temporary SQLite file, deleted afterwards.</summary>
    /// <value>The default value is 1.</value>
    public int Workers { get; set; } = 1;

    /// <summary>libtorch threads of each trial, unless the base options set <see cref="RegularizedTrainerOptions.NumberOfThreads"/>;
    /// <see langword="null"/> shares the cores evenly between the workers.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public int? ThreadsPerTrial { get; set; }

    /// <summary>How often a running trial tells the store that its worker is alive.</summary>
    /// <value>The default value is 10 seconds.</value>
    public TimeSpan HeartbeatInterval { get; set; } = Defaults.HeartbeatInterval;

    /// <summary>How long a running trial may go without a heartbeat before any worker fails it and queues it again.</summary>
    /// <value>The default value is 60 seconds.</value>
    public TimeSpan HeartbeatTimeout { get; set; } = Defaults.HeartbeatTimeout;

    /// <summary>Receives every trial of this process when it ends.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public IProgress<Trial>? Progress { get; set; }

    /// <summary>Stops the search: the running trial fails as canceled and <c>Run</c> throws <see cref="OperationCanceledException"/>.</summary>
    /// <value>The default value is <see cref="CancellationToken.None"/>.</value>
    public CancellationToken CancellationToken { get; set; }

    /// <summary>Checks the options; throws naming the first one out of its range, before any trial.</summary>
    internal void Validate()
    {
        static void Require(bool condition, string option, string rule, object? value)
        {
            if (!condition) throw new ArgumentOutOfRangeException(option, value, $"Search option {option} {rule}; got {value ?? "null"}.");
        }
        Require(!string.IsNullOrWhiteSpace(Name), nameof(Name), "must name the search", Name);
        Require(Sampler is not null, nameof(Sampler), "must be a sampler (TpeSampler, RandomSampler or GridSampler)", null);
        Sampler!.Validate();
        Pruner?.Validate();
        Require(MaxTrials is null or > 0, nameof(MaxTrials), "must be positive, or null for no limit", MaxTrials);
        Require(MaxTime is null || MaxTime > TimeSpan.Zero, nameof(MaxTime), "must be positive, or null for no limit", MaxTime);
        Require(MaxTrials is not null || MaxTime is not null, nameof(MaxTrials), "or MaxTime must be set: a search needs a budget", null);
        Require(ValidationFraction > 0 && ValidationFraction < 1, nameof(ValidationFraction), "must be in (0, 1)", ValidationFraction);
        Require(Folds is null or >= 2, nameof(Folds), "must be at least 2, or null for the hold-out", Folds);
        Require(Workers >= 1, nameof(Workers), "must be at least 1", Workers);
        Require(ThreadsPerTrial is null or >= 1, nameof(ThreadsPerTrial), "must be positive, or null to share the cores", ThreadsPerTrial);
        Require(HeartbeatInterval > TimeSpan.Zero, nameof(HeartbeatInterval), "must be positive", HeartbeatInterval);
        Require(HeartbeatTimeout > HeartbeatInterval, nameof(HeartbeatTimeout), $"must be longer than HeartbeatInterval ({HeartbeatInterval})", HeartbeatTimeout);
    }
}
