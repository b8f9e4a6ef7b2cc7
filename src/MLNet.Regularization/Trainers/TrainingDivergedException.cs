namespace MLNet.Regularization;

/// <summary>
/// Thrown by <c>Fit</c> when training diverges: the training loss, the validation figures, the weights or the batch-norm
/// running statistics stop being finite (NaN or infinite), and there is no finite epoch to keep (see
/// <see cref="RegularizedTrainerOptions.EarlyStopping"/> with <see cref="RegularizedTrainerOptions.RestoreBestWeights"/>, which keep
/// the best epoch before the divergence instead and record it in <see cref="TrainingReport.DivergedEpoch"/>).
/// </summary>
/// <remarks>The usual remedies are a lower <see cref="RegularizedTrainerOptions.LearningRate"/>, gradient clipping with
/// <see cref="RegularizedTrainerOptions.GradientClipNorm"/>, and scaled inputs (<see cref="RegularizedTrainerOptions.FeatureScaling"/>).</remarks>
public sealed class TrainingDivergedException : InvalidOperationException
{
    /// <summary>Creates the exception for a divergence at <paramref name="epoch"/> and <paramref name="batch"/>.</summary>
    /// <param name="message">The message, naming where training diverged and what to try.</param>
    /// <param name="member">Index of the ensemble member that diverged.</param>
    /// <param name="epoch">The 1-based epoch in which training diverged.</param>
    /// <param name="batch">The 1-based mini-batch of that epoch, or <see langword="null"/> when the validation figures after the epoch were not finite.</param>
    public TrainingDivergedException(string message, int member, int epoch, int? batch) : base(message)
    {
        Member = member;
        Epoch = epoch;
        Batch = batch;
    }

    /// <summary>Index of the ensemble member that diverged (0 without an ensemble).</summary>
    public int Member { get; }

    /// <summary>The 1-based epoch in which training diverged.</summary>
    public int Epoch { get; }

    /// <summary>The 1-based mini-batch of <see cref="Epoch"/> after which the loss or the weights were no longer finite, or
    /// <see langword="null"/> when the epoch's batches were finite but its validation figures were not.</summary>
    public int? Batch { get; }
}
