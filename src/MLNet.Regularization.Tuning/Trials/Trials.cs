namespace MLNet.Regularization.Tuning;

/// <summary>Conversions of stored trials into the public <see cref="Trial"/>.</summary>
internal static class Trials
{
    public static Trial ToTrial(TrialRecord record, SearchSpace space) => new(
        record.Number, record.State, space.ToValues(record.Parameters), record.Value, record.EpochValues, record.Seconds,
        record.Error, record.Worker, record.RetryOf);
}
