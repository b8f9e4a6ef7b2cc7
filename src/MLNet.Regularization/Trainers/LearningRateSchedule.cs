namespace MLNet.Regularization;

/// <summary>How the learning rate changes from epoch to epoch.</summary>
public enum LearningRateSchedule
{
    /// <summary>The learning rate stays at <see cref="RegularizedTrainerOptions.LearningRate"/>.</summary>
    Constant,
    /// <summary>The learning rate is multiplied by <see cref="RegularizedTrainerOptions.ScheduleGamma"/> every <see cref="RegularizedTrainerOptions.ScheduleStepSize"/> epochs.</summary>
    Step,
    /// <summary>Cosine annealing from <see cref="RegularizedTrainerOptions.LearningRate"/> to <see cref="RegularizedTrainerOptions.MinimumLearningRate"/> over <see cref="RegularizedTrainerOptions.Epochs"/> epochs.</summary>
    Cosine,
    /// <summary>The learning rate is multiplied by <see cref="RegularizedTrainerOptions.ScheduleGamma"/> when the monitored loss has not improved for <see cref="RegularizedTrainerOptions.SchedulePatience"/> epochs
    /// (validation loss when there is validation data, training loss otherwise).</summary>
    ReduceOnPlateau,
}
