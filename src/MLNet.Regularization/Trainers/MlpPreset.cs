namespace MLNet.Regularization;

/// <summary>
/// The defaults an MLP trainer's options start from (<c>new RegularizedMlpBinaryTrainer.Options(MlpPreset.Pixels)</c>); every
/// option can still be set after that. <see cref="Tabular"/> is the default.
/// </summary>
public enum MlpPreset
{
    /// <summary>For tables (rows of numeric, one-hot and binary columns), after RealMLP's defaults (Holzmüller et al. 2024)
    /// and meta-tuned on eight public tables (docs/tabular.md): robust scaling with smooth clipping, a periodic embedding of
    /// each numeric column, hidden layers [256, 256, 256] with SiLU, dropout 0.15, no input noise, decoupled weight decay 0.02,
    /// label smoothing 0.1, learning rate 0.004 with a cosine decay, the batch size and epochs sized from the training rows
    /// (null <see cref="RegularizedTrainerOptions.BatchSize"/> and <see cref="RegularizedTrainerOptions.Epochs"/>), and early
    /// stopping (patience 16) on a seeded 10 % hold-out that restores the best epoch's weights. Validation data passed to
    /// <c>Fit</c> replaces the hold-out.</summary>
    Tabular,

    /// <summary>For pixel vectors (an image flattened into a row; the CNN trainers usually serve images better): standardized
    /// inputs, hidden layers [512, 256] with ReLU, dropout 0.5, Gaussian input noise 0.3, decoupled weight decay 0.01, label
    /// smoothing 0.1, batch size 64, learning rate 0.001 with a cosine decay over 30 epochs.</summary>
    Pixels,
}
