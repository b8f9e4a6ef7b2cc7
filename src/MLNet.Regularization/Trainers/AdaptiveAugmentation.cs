namespace MLNet.Regularization;

/// <summary>
/// Adapts the strength of the CNN trainers' batch augmentation (<see cref="RegularizedCnnOptions.AugmentationStrength"/>) during
/// training from the measured overfitting, as StyleGAN2-ADA adapts its augmentation probability for GAN discriminators
/// (Karras et al. 2020): more augmentation while the network overfits, less while it does not.
/// </summary>
/// <remarks>
/// <para>The signal is the generalization gap the training loop measures after every epoch
/// (<see cref="EpochReport.GeneralizationGap"/>: the validation loss minus the training loss on the augmented batches),
/// smoothed over epochs by an exponential moving average (<see cref="Smoothing"/>). Every <see cref="Interval"/> epochs the
/// strength moves by <see cref="StepSize"/>: up when the smoothed gap is above <see cref="TargetGap"/>, down when it is below,
/// within [<see cref="MinimumStrength"/>, <see cref="MaximumStrength"/>].</para>
/// <para>Why this signal: the loss is a mean over every validation row of a continuous quantity, so it is far less noisy on a
/// small validation set than the accuracy (on 100 rows one row moves the accuracy by a point); the moving average damps what
/// noise is left; and, as in ADA, only the sign of the difference to the target moves the strength, so a noisy epoch moves it
/// by one step at most, never by an amount that scales with the noise. The training loss is measured on the augmented
/// batches, so stronger augmentation lowers the gap both by regularizing and by making training harder: the controller
/// settles where the network does about as well on new images as on the augmented ones it trains on.</para>
/// <para>Needs validation figures: <see cref="RegularizedTrainerOptions.ValidationFraction"/> above 0, or validation data passed
/// to <c>Fit</c>. The strength of each epoch is in <see cref="EpochReport.AugmentationStrength"/>; when the target cannot be
/// reached within the bounds, <see cref="TrainingReport.Notes"/> says so. Seeded and reproducible as the rest of training:
/// the same seed gives the same strengths and the same network.</para>
/// </remarks>
public sealed class AdaptiveAugmentation
{
    /// <summary>The generalization gap (validation loss minus training loss, in the loss's units: nats for classification)
    /// the controller aims at. Larger values tolerate more overfitting.</summary>
    /// <value>The default value is 0.05.</value>
    public double TargetGap { get; set; } = 0.05;

    /// <summary>How much the strength moves at each update, in (0, 1].</summary>
    /// <value>The default value is 0.1.</value>
    public double StepSize { get; set; } = 0.1;

    /// <summary>Epochs between updates, at least 1.</summary>
    /// <value>The default value is 1.</value>
    public int Interval { get; set; } = 1;

    /// <summary>The weight of the newest epoch in the moving average of the gap, in (0, 1]: 1 uses the last epoch alone.</summary>
    /// <value>The default value is 0.5.</value>
    public double Smoothing { get; set; } = 0.5;

    /// <summary>The strength of the first epoch, in [<see cref="MinimumStrength"/>, <see cref="MaximumStrength"/>]. As in ADA,
    /// training starts without augmentation: a network that has not yet fitted its data does not overfit it.</summary>
    /// <value>The default value is 0.</value>
    public double InitialStrength { get; set; }

    /// <summary>The lowest strength, in [0, 1].</summary>
    /// <value>The default value is 0.</value>
    public double MinimumStrength { get; set; }

    /// <summary>The highest strength, in [0, 1].</summary>
    /// <value>The default value is 1.</value>
    public double MaximumStrength { get; set; } = 1;
}
