namespace MLNet.Regularization;

/// <summary>The figures of one training epoch of one network.</summary>
/// <param name="Member">Index of the ensemble member (0 when there is no ensemble).</param>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="TrainLoss">Mean data loss over the epoch's batches in training mode (dropout and noise on, penalties excluded).</param>
/// <param name="TrainMetric">The task metric over the same batches: accuracy for classification, root mean squared error for regression.</param>
/// <param name="ValidationLoss">Loss on the validation rows in prediction mode, or NaN without validation data.</param>
/// <param name="ValidationMetric">Metric on the validation rows, or NaN without validation data.</param>
/// <param name="LearningRate">The learning rate used during the epoch.</param>
/// <param name="Duration">Wall time of the epoch, validation included.</param>
/// <param name="AugmentationStrength">The strength of the batch augmentation during the epoch (see
/// <see cref="RegularizedCnnOptions.AugmentationStrength"/> and <see cref="AdaptiveAugmentation"/>), or NaN without batch augmentation.</param>
public sealed record EpochReport(
    int Member,
    int Epoch,
    double TrainLoss,
    double TrainMetric,
    double ValidationLoss,
    double ValidationMetric,
    double LearningRate,
    TimeSpan Duration,
    double AugmentationStrength = double.NaN)
{
    /// <summary>Validation loss minus training loss: how much worse the network does on rows it did not train on.</summary>
    public double GeneralizationGap => ValidationLoss - TrainLoss;

    /// <inheritdoc/>
    public override string ToString() =>
        FormattableString.Invariant(
            $"epoch {Epoch,3}  train loss {TrainLoss:F4} metric {TrainMetric:F4}  valid loss {ValidationLoss:F4} metric {ValidationMetric:F4}  gap {GeneralizationGap:+0.0000;-0.0000}  lr {LearningRate:G3}  {Duration.TotalSeconds:F2}s")
        + (double.IsNaN(AugmentationStrength) ? "" : FormattableString.Invariant($"  augmentation {AugmentationStrength:F2}"));
}
