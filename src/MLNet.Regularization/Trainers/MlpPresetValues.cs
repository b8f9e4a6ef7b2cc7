namespace MLNet.Regularization;

/// <summary>The option values of an <see cref="MlpPreset"/>, set by the options' constructor.</summary>
internal sealed record MlpPresetValues(
    FeatureScaling FeatureScaling,
    IReadOnlyList<int> HiddenLayers,
    Activation Activation,
    double Dropout,
    double InputNoiseStdDev,
    double WeightDecay,
    double LabelSmoothing,
    int? BatchSize,
    double? LearningRate,
    int? Epochs,
    NumericEmbedding NumericEmbedding,
    double ValidationFraction,
    bool EarlyStopping,
    int EarlyStoppingPatience)
{
    public static readonly MlpPresetValues Tabular = new(FeatureScaling.Robust, [256, 256, 256], Activation.SiLU, Dropout: 0.15,
        InputNoiseStdDev: 0, WeightDecay: 0.02, LabelSmoothing: 0.1, BatchSize: null, LearningRate: null, Epochs: null,
        NumericEmbedding.Periodic, ValidationFraction: 0.1, EarlyStopping: true, EarlyStoppingPatience: 16);

    public static readonly MlpPresetValues Pixels = new(FeatureScaling.Standard, [512, 256], Activation.ReLU, Dropout: 0.5,
        InputNoiseStdDev: 0.3, WeightDecay: 0.01, LabelSmoothing: 0.1, BatchSize: 64, LearningRate: 1e-3, Epochs: 30,
        NumericEmbedding.None, ValidationFraction: 0, EarlyStopping: false, EarlyStoppingPatience: RegularizedTrainerOptions.Defaults.EarlyStoppingPatience);

    public static MlpPresetValues Of(MlpPreset preset) => preset switch
    {
        MlpPreset.Tabular => Tabular,
        MlpPreset.Pixels => Pixels,
        _ => throw new ArgumentOutOfRangeException(nameof(preset), preset, "MlpPreset must be Tabular or Pixels."),
    };
}
