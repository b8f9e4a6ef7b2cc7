namespace MLNet.Regularization.Training;

/// <summary>The learning-rate schedule as a callback: sets each epoch's learning rate from <see cref="RegularizedTrainerOptions.LearningRateSchedule"/>.</summary>
internal sealed class LearningRateScheduler(RegularizedTrainerOptions options) : TrainingCallback
{
    private double _current = options.SizedLearningRate;
    private double _bestLoss = double.PositiveInfinity;
    private int _badEpochs;

    /// <summary>The learning rate for 1-based <paramref name="epoch"/>.</summary>
    public double ForEpoch(int epoch) => options.LearningRateSchedule switch
    {
        LearningRateSchedule.Step => options.SizedLearningRate * Math.Pow(options.ScheduleGamma, (epoch - 1) / options.ScheduleStepSize),
        LearningRateSchedule.Cosine => options.MinimumLearningRate
            + (options.SizedLearningRate - options.MinimumLearningRate) * (1 + Math.Cos(Math.PI * (epoch - 1) / options.SizedEpochs)) / 2,
        _ => _current,
    };

    public override void EpochStarted(TrainingState state) => state.LearningRate = ForEpoch(state.Epoch);

    /// <summary>Feeds ReduceOnPlateau the validation loss (the training loss without validation data).</summary>
    public override bool EpochEnded(TrainingState state, EpochReport report)
    {
        Observe(state.HasValidation ? report.ValidationLoss : report.TrainLoss);
        return false;
    }

    /// <summary>Reports the monitored loss of an epoch that ended (used by <see cref="LearningRateSchedule.ReduceOnPlateau"/>).</summary>
    public void Observe(double monitoredLoss)
    {
        if (options.LearningRateSchedule != LearningRateSchedule.ReduceOnPlateau) return;
        if (monitoredLoss < _bestLoss)
        {
            _bestLoss = monitoredLoss;
            _badEpochs = 0;
        }
        else if (++_badEpochs > options.SchedulePatience)
        {
            _current = Math.Max(options.MinimumLearningRate, _current * options.ScheduleGamma);
            _badEpochs = 0;
        }
    }
}
