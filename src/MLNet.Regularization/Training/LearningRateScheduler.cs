namespace MLNet.Regularization.Training;

/// <summary>Computes each epoch's learning rate from <see cref="RegularizedMlpOptions.LearningRateSchedule"/>.</summary>
internal sealed class LearningRateScheduler(RegularizedMlpOptions options)
{
    private double _current = options.LearningRate;
    private double _bestLoss = double.PositiveInfinity;
    private int _badEpochs;

    /// <summary>The learning rate for 1-based <paramref name="epoch"/>.</summary>
    public double ForEpoch(int epoch) => options.LearningRateSchedule switch
    {
        LearningRateSchedule.Step => options.LearningRate * Math.Pow(options.ScheduleGamma, (epoch - 1) / options.ScheduleStepSize),
        LearningRateSchedule.Cosine => options.MinimumLearningRate
            + (options.LearningRate - options.MinimumLearningRate) * (1 + Math.Cos(Math.PI * (epoch - 1) / options.Epochs)) / 2,
        _ => _current,
    };

    /// <summary>Reports the monitored loss of an epoch that ended (used by <see cref="LearningRateSchedule.ReduceOnPlateau"/>).</summary>
    public void EpochEnded(double monitoredLoss)
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
