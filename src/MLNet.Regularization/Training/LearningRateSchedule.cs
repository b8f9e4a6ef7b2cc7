namespace MLNet.Regularization;

/// <summary>How the learning rate changes from epoch to epoch.</summary>
public enum LearningRateSchedule
{
    /// <summary>The learning rate stays at <see cref="RegularizedMlpOptions.LearningRate"/>.</summary>
    Constant,
    /// <summary>The learning rate is multiplied by <see cref="RegularizedMlpOptions.ScheduleGamma"/> every <see cref="RegularizedMlpOptions.ScheduleStepSize"/> epochs.</summary>
    Step,
    /// <summary>Cosine annealing from <see cref="RegularizedMlpOptions.LearningRate"/> to <see cref="RegularizedMlpOptions.MinimumLearningRate"/> over <see cref="RegularizedMlpOptions.Epochs"/> epochs.</summary>
    Cosine,
    /// <summary>The learning rate is multiplied by <see cref="RegularizedMlpOptions.ScheduleGamma"/> when the monitored loss has not improved for <see cref="RegularizedMlpOptions.SchedulePatience"/> epochs
    /// (validation loss when there is validation data, training loss otherwise).</summary>
    ReduceOnPlateau,
}
