namespace MLNet.Regularization;

/// <summary>
/// Options of the regularized MLP trainers: the layers of the multilayer perceptron and its dropout and batch normalization,
/// on top of the options every trainer shares. They start from the defaults of a <see cref="MlpPreset"/>: for tables
/// (<see cref="MlpPreset.Tabular"/>, the default) or for pixel vectors (<see cref="MlpPreset.Pixels"/>); each gives a good
/// network on its kind of data without tuning. Every technique a preset does not use is off until its option turns it on.
/// </summary>
public abstract class RegularizedMlpOptions : RegularizedTrainerOptions
{
    /// <summary>Default values of the MLP's own options that do not depend on the <see cref="MlpPreset"/>.</summary>
    public static new class Defaults
    {
        /// <summary>Default number of frequencies per numeric column of the periodic embedding (RealMLP's <c>plr_hidden_1</c>).</summary>
        public const int NumericEmbeddingFrequencies = 16;
        /// <summary>Default number of values per numeric column of the periodic embedding, the scaled value included (RealMLP's <c>plr_hidden_2</c> is 4; 8 did better on the tables of docs/tabular.md).</summary>
        public const int NumericEmbeddingSize = 8;
        /// <summary>Default standard deviation of the initial frequencies of the periodic embedding (RealMLP's <c>plr_sigma</c> is 0.1; 1 did better on the tables of docs/tabular.md).</summary>
        public const double NumericEmbeddingScale = 1;
    }

    private protected RegularizedMlpOptions(MlpPreset preset)
    {
        var values = MlpPresetValues.Of(preset);
        Preset = preset;
        FeatureScaling = values.FeatureScaling;
        HiddenLayers = values.HiddenLayers;
        Activation = values.Activation;
        Dropout = [values.Dropout];
        InputNoiseStdDev = values.InputNoiseStdDev;
        WeightDecay = values.WeightDecay;
        BatchSize = values.BatchSize;
        LearningRate = values.LearningRate;
        Epochs = values.Epochs;
        NumericEmbedding = values.NumericEmbedding;
        ValidationFraction = values.ValidationFraction;
        EarlyStopping = values.EarlyStopping;
        EarlyStoppingPatience = values.EarlyStoppingPatience;
    }

    /// <summary>The preset these options started from (set by the constructor).</summary>
    public MlpPreset Preset { get; }

    internal override void Validate()
    {
        base.Validate();
        Training.OptionsValidator.Validate(this);
    }

    internal override Networks.LayerRegularization LayerRegularization() =>
        new(InputNoiseStdDev, InputDropout, Dropout, SpatialDropout: 0, BatchNormalization);

    internal override NetworkArchitecture CreateArchitecture(Microsoft.ML.DataViewSchema.Column features) =>
        new MlpArchitecture(HiddenLayers, Activation, NumericEmbedding, NumericEmbeddingFrequencies, NumericEmbeddingSize, NumericEmbeddingScale);

    /// <summary>Sizes of the hidden layers, input side first. An empty list gives a linear model.</summary>
    /// <value>The default value is [256, 256, 256] (<see cref="MlpPreset.Tabular"/>) or [512, 256] (<see cref="MlpPreset.Pixels"/>).</value>
    [OptionRange(1, double.PositiveInfinity)]
    public IReadOnlyList<int> HiddenLayers { get; set; }

    /// <summary>The nonlinearity after each hidden layer.</summary>
    /// <value>The default value is <see cref="Activation.SiLU"/> (<see cref="MlpPreset.Tabular"/>) or <see cref="Activation.ReLU"/> (<see cref="MlpPreset.Pixels"/>).</value>
    public Activation Activation { get; set; }

    /// <summary>Dropout probability after each hidden layer: one value for all layers, or one per hidden layer. Active in training only.</summary>
    /// <value>The default value is [0.15] (<see cref="MlpPreset.Tabular"/>) or [0.5] (<see cref="MlpPreset.Pixels"/>).</value>
    [OptionRange(0, 1, MaximumExclusive = true)]
    public IReadOnlyList<double> Dropout { get; set; }

    /// <summary>Whether a batch-normalization layer follows each hidden linear layer; running statistics are used at prediction.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool BatchNormalization { get; set; }

    /// <summary>
    /// Whether each numeric feature is embedded before the first dense layer: <see cref="NumericEmbedding.Periodic"/> turns one
    /// scaled value into <see cref="NumericEmbeddingSize"/> values (the value itself, then learned periodic features), which helps
    /// on tables where the label changes quickly with a feature. Which columns are numeric (more than two distinct values in the
    /// training rows) is decided when training starts and kept with the network; binary and one-hot columns pass through.
    /// The first dense layer reads the embedded numeric columns, in column order, then the columns that pass through.
    /// </summary>
    /// <value>The default value is <see cref="NumericEmbedding.Periodic"/> (<see cref="MlpPreset.Tabular"/>) or <see cref="NumericEmbedding.None"/> (<see cref="MlpPreset.Pixels"/>).</value>
    public NumericEmbedding NumericEmbedding { get; set; }

    /// <summary>The number k of learned frequencies (and phases) per numeric column of the periodic embedding: the cosines
    /// <c>cos(2π f x + b)</c> that its dense layer reads. At least 1.</summary>
    /// <value>The default value is 16.</value>
    [OptionRange(1, double.PositiveInfinity)]
    public int NumericEmbeddingFrequencies { get; set; } = Defaults.NumericEmbeddingFrequencies;

    /// <summary>The number d of values each numeric column becomes: the scaled value itself and d - 1 learned ones. At least 2.</summary>
    /// <value>The default value is 8.</value>
    [OptionRange(2, double.PositiveInfinity)]
    public int NumericEmbeddingSize { get; set; } = Defaults.NumericEmbeddingSize;

    /// <summary>The standard deviation σ of the normal distribution the frequencies of the periodic embedding start from, in
    /// cycles per unit of the scaled feature: larger values start with faster-changing features. Positive.</summary>
    /// <value>The default value is 1.</value>
    [OptionRange(0, double.PositiveInfinity, MinimumExclusive = true)]
    public double NumericEmbeddingScale { get; set; } = Defaults.NumericEmbeddingScale;
}

/// <summary>Options of the classification trainers: adds label smoothing.</summary>
public abstract class RegularizedMlpClassificationOptions : RegularizedMlpOptions
{
    private protected RegularizedMlpClassificationOptions(MlpPreset preset) : base(preset) =>
        LabelSmoothing = MlpPresetValues.Of(preset).LabelSmoothing;

    /// <summary>Label smoothing epsilon in [0, 1): the training target puts 1 - epsilon on the true class and spreads epsilon over all classes.</summary>
    /// <value>The default value is 0.1.</value>
    [OptionRange(0, 1, MaximumExclusive = true)]
    public double LabelSmoothing { get; set; }
}
