namespace MLNet.Regularization;

/// <summary>What happened while one network trained: per-epoch figures and which epoch's weights the model kept.</summary>
public sealed class TrainingReport
{
    internal TrainingReport(int member, string metricName, IReadOnlyList<EpochReport> epochs, int keptEpoch, bool stoppedEarly,
        int trainingRows, int validationRows, int skippedRows, TimeSpan duration, int seed, DataStorage dataStorage,
        Training.Divergence? divergence = null, IReadOnlyList<string>? notes = null)
    {
        Notes = notes ?? [];
        Seed = seed;
        DataStorage = dataStorage;
        DivergedEpoch = divergence?.Epoch;
        DivergedBatch = divergence?.Batch;
        Member = member;
        MetricName = metricName;
        Epochs = epochs;
        KeptEpoch = keptEpoch;
        StoppedEarly = stoppedEarly;
        TrainingRows = trainingRows;
        ValidationRows = validationRows;
        SkippedRows = skippedRows;
        Duration = duration;
    }

    /// <summary>Index of the ensemble member this report describes.</summary>
    public int Member { get; }

    /// <summary>Name of the metric in <see cref="EpochReport.TrainMetric"/> and <see cref="EpochReport.ValidationMetric"/>: "Accuracy" or "RootMeanSquaredError".</summary>
    public string MetricName { get; }

    /// <summary>One entry per epoch that ran.</summary>
    public IReadOnlyList<EpochReport> Epochs { get; }

    /// <summary>The 1-based epoch whose weights the model holds: the best validation epoch when best weights are restored, the last epoch otherwise.</summary>
    public int KeptEpoch { get; }

    /// <summary>Whether early stopping ended training before the epoch limit.</summary>
    public bool StoppedEarly { get; }

    /// <summary>Whether training diverged (the loss, the validation figures, the weights or the batch-norm running statistics
    /// stopped being finite) and the model holds the best finite epoch's weights instead (<see cref="KeptEpoch"/>). Without a
    /// finite epoch to keep, <c>Fit</c> throws <see cref="TrainingDivergedException"/> instead.</summary>
    public bool Diverged => DivergedEpoch is not null;

    /// <summary>The 1-based epoch in which training diverged, or <see langword="null"/>. That epoch is not in <see cref="Epochs"/>.</summary>
    public int? DivergedEpoch { get; }

    /// <summary>The 1-based mini-batch of <see cref="DivergedEpoch"/> after which the loss or the weights were no longer finite, or
    /// <see langword="null"/> when training did not diverge or only the validation figures after the epoch were not finite.</summary>
    public int? DivergedBatch { get; }

    /// <summary>Rows the network trained on (after the validation hold-out; a bootstrap sample counts its draws).</summary>
    public int TrainingRows { get; }

    /// <summary>Rows used for validation.</summary>
    public int ValidationRows { get; }

    /// <summary>Rows left out because a feature or the label was NaN, infinite or missing (see <see cref="InvalidRowHandling.Skip"/>).</summary>
    public int SkippedRows { get; }

    /// <summary>The seed this network trained with: <see cref="RegularizedTrainerOptions.Seed"/> (or the seed drawn from the
    /// <c>MLContext</c> when it is <see langword="null"/>) plus <see cref="Member"/>. Setting it as the option's seed repeats the training.</summary>
    public int Seed { get; }

    /// <summary>Where the training rows were kept: <see cref="DataStorage.Memory"/>, or <see cref="DataStorage.DiskCache"/> for data
    /// above <see cref="RegularizedTrainerOptions.MemoryLimit"/> (see <see cref="RegularizedTrainerOptions.DataStorage"/>).</summary>
    public DataStorage DataStorage { get; }

    /// <summary>Wall time of the whole training of this network.</summary>
    public TimeSpan Duration { get; }

    /// <summary>What training observed that the figures alone do not say, one sentence each: for example that
    /// <see cref="AdaptiveAugmentation"/> could not reach its target gap within its bounds. Empty when there is nothing to say.</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>The epoch entry of <see cref="KeptEpoch"/>.</summary>
    public EpochReport Kept => Epochs[KeptEpoch - 1];

    /// <inheritdoc/>
    public override string ToString() =>
        string.Join(Environment.NewLine, Epochs.Select(e => e.ToString() + (e.Epoch == KeptEpoch ? "  <- kept" : ""))
            .Concat(DivergedEpoch is int epoch ? [$"diverged at epoch {epoch}, " + (DivergedBatch is int batch ? $"batch {batch}" : "in validation")] : [])
            .Concat(Notes));
}
