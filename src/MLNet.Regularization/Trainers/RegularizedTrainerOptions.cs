namespace MLNet.Regularization;

/// <summary>
/// Options every regularized trainer shares, whatever its architecture: the columns, the optimizer and its schedule, the
/// penalties and weight decay, input noise, early stopping, ensembles and how the data is kept. The architecture and its
/// own regularizers (dropout, batch normalization) are in the derived options: <see cref="RegularizedMlpOptions"/> and
/// <see cref="RegularizedCnnOptions"/>.
/// </summary>
public abstract class RegularizedTrainerOptions
{
    /// <summary>Default values of the options the trainers share.</summary>
    public static class Defaults
    {
        /// <summary>Default number of epochs.</summary>
        public const int Epochs = 30;
        /// <summary>Default mini-batch size.</summary>
        public const int BatchSize = 64;
        /// <summary>Default learning rate.</summary>
        public const double LearningRate = 1e-3;
        /// <summary>Default decoupled weight decay.</summary>
        public const double WeightDecay = 1e-2;
        /// <summary>Default standard deviation of the Gaussian noise added to the standardized inputs in training (MLP trainers).</summary>
        public const double InputNoiseStdDev = 0.3;
        /// <summary>Default label smoothing of the classification trainers.</summary>
        public const double LabelSmoothing = 0.1;
        /// <summary>Default early-stopping patience in epochs.</summary>
        public const int EarlyStoppingPatience = 10;
    }

    private protected RegularizedTrainerOptions() { }

    /// <summary>Checks every option; throws naming the first one out of its range.</summary>
    internal virtual void Validate() => Training.OptionsValidator.Validate(this);

    /// <summary>The regularizers these options put into the network as layers.</summary>
    internal abstract Networks.LayerRegularization LayerRegularization();

    /// <summary>The steps that turn an image column into the pixels the network reads, or null when the feature column is
    /// not an image column (the trainers that take only vectors say so when they check the schema).</summary>
    internal virtual Microsoft.ML.IEstimator<Microsoft.ML.ITransformer>? ImageInput(Microsoft.ML.MLContext mlContext, Microsoft.ML.DataViewSchema.Column features) => null;

    /// <summary>The same options reading another feature column (the pixels extracted from an image column).</summary>
    internal RegularizedTrainerOptions WithFeatureColumn(string name)
    {
        var options = (RegularizedTrainerOptions)MemberwiseClone();
        options.FeatureColumnName = name;
        return options;
    }

    /// <summary>The architecture these options describe, for data whose features are in <paramref name="features"/>.</summary>
    internal abstract NetworkArchitecture CreateArchitecture(Microsoft.ML.DataViewSchema.Column features);

    /// <summary>Name of the feature column: a known-size vector of <see cref="float"/>.</summary>
    /// <value>The default value is "Features".</value>
    public string FeatureColumnName { get; set; } = "Features";

    /// <summary>Name of the label column.</summary>
    /// <value>The default value is "Label".</value>
    public string LabelColumnName { get; set; } = "Label";

    // ---- Inputs ----

    /// <summary>How the trainer scales the features (statistics from the training rows, kept with the model and applied at
    /// prediction), so that no normalizer is needed in front of it; the regression label is standardized unless this is
    /// <see cref="FeatureScaling.None"/>.</summary>
    /// <value>The default value is <see cref="FeatureScaling.Standard"/> (CNN trainers; MLP trainers with <see cref="MlpPreset.Pixels"/>) or <see cref="FeatureScaling.Robust"/> (MLP trainers with <see cref="MlpPreset.Tabular"/>).</value>
    public FeatureScaling FeatureScaling { get; set; } = FeatureScaling.Standard;

    /// <summary>Dropout probability applied to the (standardized) input features in training.</summary>
    /// <value>The default value is 0.</value>
    [OptionRange(0, 1, MaximumExclusive = true)]
    public double InputDropout { get; set; }

    /// <summary>Standard deviation of Gaussian noise added to the (standardized) input features in training.</summary>
    /// <value>The default value is 0.3 for the MLP trainers with <see cref="MlpPreset.Pixels"/>, and 0 for the MLP trainers with <see cref="MlpPreset.Tabular"/> and the CNN trainers, whose images are better served by augmentation.</value>
    [OptionRange(0, double.PositiveInfinity)]
    public double InputNoiseStdDev { get; set; } = Defaults.InputNoiseStdDev;

    // ---- Optimization ----

    /// <summary>The optimizer.</summary>
    /// <value>The default value is <see cref="Optimizer.AdamW"/>.</value>
    public Optimizer Optimizer { get; set; } = Optimizer.AdamW;

    /// <summary>The (initial) learning rate. <see langword="null"/> sizes it from the batch size, by the square-root rule for
    /// adaptive optimizers: 0.002 for batches of up to 64 rows, 0.002 x sqrt(batch size / 64) above, at most 0.004 (from 256
    /// rows on).</summary>
    /// <value>The default value is 0.001, or <see langword="null"/> for the MLP trainers with <see cref="MlpPreset.Tabular"/>.</value>
    [OptionRange(0, double.PositiveInfinity, MinimumExclusive = true, NullMeans = "to size it from the batch size")]
    public double? LearningRate { get; set; } = Defaults.LearningRate;

    /// <summary>Momentum of <see cref="Optimizer.Sgd"/> and <see cref="Optimizer.RmsProp"/>.</summary>
    /// <value>The default value is 0.9.</value>
    [OptionRange(0, 1, MaximumExclusive = true)]
    public double Momentum { get; set; } = 0.9;

    /// <summary>Whether <see cref="Optimizer.Sgd"/> uses Nesterov momentum.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool Nesterov { get; set; }

    /// <summary>How the learning rate changes over the epochs.</summary>
    /// <value>The default value is <see cref="LearningRateSchedule.Cosine"/>.</value>
    public LearningRateSchedule LearningRateSchedule { get; set; } = LearningRateSchedule.Cosine;

    /// <summary>Epochs between reductions of <see cref="LearningRateSchedule.Step"/>.</summary>
    /// <value>The default value is 10.</value>
    [OptionRange(1, double.PositiveInfinity)]
    public int ScheduleStepSize { get; set; } = 10;

    /// <summary>Factor applied to the learning rate by <see cref="LearningRateSchedule.Step"/> and <see cref="LearningRateSchedule.ReduceOnPlateau"/>.</summary>
    /// <value>The default value is 0.1.</value>
    [OptionRange(0, 1, MinimumExclusive = true)]
    public double ScheduleGamma { get; set; } = 0.1;

    /// <summary>Epochs without improvement before <see cref="LearningRateSchedule.ReduceOnPlateau"/> reduces the learning rate.</summary>
    /// <value>The default value is 3.</value>
    [OptionRange(0, double.PositiveInfinity)]
    public int SchedulePatience { get; set; } = 3;

    /// <summary>The learning rate that <see cref="LearningRateSchedule.Cosine"/> ends at, and below which <see cref="LearningRateSchedule.ReduceOnPlateau"/> does not go.</summary>
    /// <value>The default value is 0.</value>
    [OptionRange(0, double.PositiveInfinity)]
    public double MinimumLearningRate { get; set; }

    /// <summary>Number of passes over the training data (the upper limit when early stopping is on). <see langword="null"/>
    /// sizes it from the training rows: enough epochs for about 2,000 optimizer steps, but no more than 1,000,000 rows seen in
    /// all, and from 5 to 200 (a few hundred rows: 125-200 epochs; 20,000 rows: 50; 500,000 rows: 5).</summary>
    /// <value>The default value is 30 (CNN trainers; MLP trainers with <see cref="MlpPreset.Pixels"/>) or <see langword="null"/>
    /// (MLP trainers with <see cref="MlpPreset.Tabular"/>).</value>
    [OptionRange(1, double.PositiveInfinity, NullMeans = "to size it from the training rows")]
    public int? Epochs { get; set; } = Defaults.Epochs;

    /// <summary>Rows per mini-batch. <see langword="null"/> sizes it from the training rows: about 1/32 of them, a power of two
    /// from 32 to 512.</summary>
    /// <value>The default value is 64 (MLP trainers with <see cref="MlpPreset.Pixels"/>), 128 (CNN trainers) or
    /// <see langword="null"/> (MLP trainers with <see cref="MlpPreset.Tabular"/>).</value>
    [OptionRange(1, double.PositiveInfinity, NullMeans = "to size it from the training rows")]
    public int? BatchSize { get; set; } = Defaults.BatchSize;

    /// <summary>The number of epochs of a fit whose options are sized (<see cref="SizedFor"/>).</summary>
    internal int SizedEpochs => Epochs ?? throw new InvalidOperationException("The options have not been sized for the training rows.");

    /// <summary>The batch size of a fit whose options are sized (<see cref="SizedFor"/>).</summary>
    internal int SizedBatchSize => BatchSize ?? throw new InvalidOperationException("The options have not been sized for the training rows.");

    /// <summary>An option that is on and reads the validation figures, with the value that turns it off; null when none is.</summary>
    internal virtual (string Option, string Off)? OptionNeedingValidation => EarlyStopping ? (nameof(EarlyStopping), "false") : null;

    /// <summary>The learning rate of a fit whose options are sized (<see cref="SizedFor"/>).</summary>
    internal double SizedLearningRate => LearningRate ?? throw new InvalidOperationException("The options have not been sized for the training rows.");

    /// <summary>The same options with <see cref="Epochs"/>, <see cref="BatchSize"/> and <see cref="LearningRate"/> chosen for
    /// <paramref name="trainingRows"/> rows where they are null (<see cref="Training.TrainingSize"/>).</summary>
    internal RegularizedTrainerOptions SizedFor(int trainingRows)
    {
        var options = (RegularizedTrainerOptions)MemberwiseClone();
        options.BatchSize ??= Training.TrainingSize.BatchSize(trainingRows);
        options.Epochs ??= Training.TrainingSize.Epochs(trainingRows, options.BatchSize.Value);
        options.LearningRate ??= Training.TrainingSize.LearningRate(options.BatchSize.Value);
        return options;
    }

    /// <summary>Seed of every random step: weight initialization, shuffling, dropout, noise, validation split, bootstrap.
    /// The same seed on the same data, thread count and device gives bit-identical networks on CPU. <see langword="null"/> draws
    /// the seed from the <c>MLContext</c>'s random source when the trainer is created, as ML.NET's own trainers do: reproducible
    /// when the <c>MLContext</c> has a seed (<c>new MLContext(seed: 1)</c>), different from run to run when it has none. The seed
    /// used is in <see cref="TrainingReport.Seed"/>.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public int? Seed { get; set; }

    /// <summary>Threads libtorch uses while this trainer runs (restored afterwards); <see langword="null"/> means one per core.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    [OptionRange(1, double.PositiveInfinity, NullMeans = "for one per core")]
    public int? NumberOfThreads { get; set; }

    /// <summary>The torch device to train on: "cpu", or "cuda" / "cuda:N" where CUDA is available.</summary>
    /// <value>The default value is "cpu".</value>
    public string Device { get; set; } = "cpu";

    // ---- Penalties ----

    /// <summary>L1 penalty: adds <c>L1 * sum(|w|)</c> over the weights (not biases) to each batch loss. Drives weights to exactly or nearly zero.</summary>
    /// <value>The default value is 0.</value>
    [OptionRange(0, double.PositiveInfinity)]
    public double L1 { get; set; }

    /// <summary>L2 penalty: adds <c>L2 * sum(w^2)</c> over the weights (not biases) to each batch loss (the Keras convention).</summary>
    /// <value>The default value is 0.</value>
    [OptionRange(0, double.PositiveInfinity)]
    public double L2 { get; set; }

    /// <summary>Elastic-net strength alpha: adds <c>alpha * (ratio * sum(|w|) + (1 - ratio) / 2 * sum(w^2))</c> with ratio <see cref="ElasticNetL1Ratio"/> (the scikit-learn convention).
    /// It adds to <see cref="L1"/> and <see cref="L2"/> if those are set too.</summary>
    /// <value>The default value is 0.</value>
    [OptionRange(0, double.PositiveInfinity)]
    public double ElasticNet { get; set; }

    /// <summary>Share of L1 in <see cref="ElasticNet"/>, in [0, 1].</summary>
    /// <value>The default value is 0.5.</value>
    [OptionRange(0, 1)]
    public double ElasticNetL1Ratio { get; set; } = 0.5;

    /// <summary>Weight decay of the weight matrices (not biases, not batch-norm parameters), as PyTorch's optimizers apply it.
    /// With <see cref="Optimizer.Adam"/> it is classic coupled L2 decay (<c>torch.optim.Adam(weight_decay)</c>): <c>WeightDecay * w</c>
    /// is added to each weight's gradient before the step, so it passes through Adam's gradient scaling, the same as
    /// <see cref="L2"/> = <c>WeightDecay / 2</c>. With <see cref="Optimizer.AdamW"/>, <see cref="Optimizer.Sgd"/> and
    /// <see cref="Optimizer.RmsProp"/> it is decoupled (Loshchilov and Hutter): after every step each weight is multiplied by
    /// <c>1 - learningRate * WeightDecay</c>, untouched by the optimizer's scaling.</summary>
    /// <value>The default value is 0.01, or 0.02 for the MLP trainers with <see cref="MlpPreset.Tabular"/>.</value>
    [OptionRange(0, double.PositiveInfinity)]
    public double WeightDecay { get; set; } = Defaults.WeightDecay;

    // ---- Constraints ----

    /// <summary>Max-norm constraint: after every step, the incoming weight vector of each unit is rescaled to an L2 norm of at most this value. <see langword="null"/> turns it off.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    [OptionRange(0, double.PositiveInfinity, MinimumExclusive = true, NullMeans = "to turn it off")]
    public double? MaxNorm { get; set; }

    /// <summary>Gradient clipping: before every step, all gradients are scaled so that their global L2 norm is at most this value. <see langword="null"/> turns it off.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    [OptionRange(0, double.PositiveInfinity, MinimumExclusive = true, NullMeans = "to turn it off")]
    public double? GradientClipNorm { get; set; }

    // ---- Early stopping and validation ----

    /// <summary>Fraction of the training rows held out (seeded, stratified for classification) for validation when no validation data is given to <c>Fit</c>:
    /// the validation figures of the training report and what early stopping watches. 0 means no hold-out (all rows train).</summary>
    /// <value>The default value is 0, or 0.1 for the MLP trainers with <see cref="MlpPreset.Tabular"/>.</value>
    [OptionRange(0, 1, MaximumExclusive = true)]
    public double ValidationFraction { get; set; }

    /// <summary>Whether training stops when the monitored validation figure has not improved for <see cref="EarlyStoppingPatience"/> epochs.
    /// Needs validation data: <see cref="ValidationFraction"/> above 0, or validation data passed to <c>Fit</c>.</summary>
    /// <value>The default value is <see langword="false"/>, or <see langword="true"/> for the MLP trainers with <see cref="MlpPreset.Tabular"/>.</value>
    public bool EarlyStopping { get; set; }

    /// <summary>The validation figure early stopping watches.</summary>
    /// <value>The default value is <see cref="EarlyStoppingMetric.Loss"/>.</value>
    public EarlyStoppingMetric EarlyStoppingMetric { get; set; } = EarlyStoppingMetric.Loss;

    /// <summary>Epochs without improvement before training stops.</summary>
    /// <value>The default value is 10, or 16 for the MLP trainers with <see cref="MlpPreset.Tabular"/>.</value>
    [OptionRange(1, double.PositiveInfinity)]
    public int EarlyStoppingPatience { get; set; } = Defaults.EarlyStoppingPatience;

    /// <summary>Smallest change of the monitored figure that counts as an improvement.</summary>
    /// <value>The default value is 0.</value>
    [OptionRange(0, double.PositiveInfinity)]
    public double EarlyStoppingMinDelta { get; set; }

    /// <summary>Whether early stopping gives the model the weights of the best validation epoch rather than those of the last one.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool RestoreBestWeights { get; set; } = true;

    // ---- Ensembling ----

    /// <summary>Number of networks trained (seeds <see cref="Seed"/>, <see cref="Seed"/> + 1, ...) and averaged at prediction.</summary>
    /// <value>The default value is 1.</value>
    [OptionRange(1, double.PositiveInfinity)]
    public int EnsembleSize { get; set; } = 1;

    /// <summary>Whether each ensemble member trains on a bootstrap sample (drawn with replacement) of the training rows (bagging).</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool EnsembleBootstrap { get; set; }

    // ---- Data, progress ----

    /// <summary>Whether the training data is read again at every epoch instead of once, so that training-only random transforms in
    /// front of the trainer (image augmentation) draw fresh variants each epoch. Slower: the pipeline in front runs every epoch. The
    /// data must give the same rows on every pass; validation rows are read once.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool ReadDataEachEpoch { get; set; }

    /// <summary>Where the trainer keeps the feature rows: in memory (one copy, standardized in place), or in a temporary disk cache
    /// streamed through a shuffle buffer every epoch, for data larger than memory. <see cref="DataStorage.Auto"/> uses the disk
    /// cache when the features (rows x features x 4 bytes) exceed <see cref="MemoryLimit"/>.</summary>
    /// <value>The default value is <see cref="DataStorage.Auto"/>.</value>
    public DataStorage DataStorage { get; set; } = DataStorage.Auto;

    /// <summary>The memory, in bytes, the trainer may use for the features of the data: above it <see cref="DataStorage.Auto"/> streams
    /// from a disk cache, whose shuffle buffer then takes at most half of it (and at most 1 GiB). <see langword="null"/> means half of
    /// the memory available to the process (which honours container limits).</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    [OptionRange(1, double.PositiveInfinity, NullMeans = "for half the available memory")]
    public long? MemoryLimit { get; set; }

    /// <summary>The folder of the disk cache; <see langword="null"/> means the system's temporary folder. The cache is a single file
    /// that is deleted when training ends (on Linux and macOS it has no name while in use, so it cannot outlive the process).</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? DiskCacheFolder { get; set; }

    /// <summary>What happens to rows with NaN or infinite features or labels.</summary>
    /// <value>The default value is <see cref="InvalidRowHandling.Throw"/>.</value>
    public InvalidRowHandling InvalidRows { get; set; } = InvalidRowHandling.Throw;

    /// <summary>Receives one <see cref="EpochReport"/> per epoch as training goes on.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public IProgress<EpochReport>? Progress { get; set; }

    /// <summary>Cancels training between batches; <c>Fit</c> then throws <see cref="OperationCanceledException"/>. Training also stops
    /// between batches, with the same exception, when the host <c>MLContext</c> is asked to stop (<c>CancelExecution</c>, which
    /// ML.NET's own trainers honour too).</summary>
    /// <value>The default value is <see cref="CancellationToken.None"/>.</value>
    public CancellationToken CancellationToken { get; set; }
}
