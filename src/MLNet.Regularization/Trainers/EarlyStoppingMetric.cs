namespace MLNet.Regularization;

/// <summary>The validation figure that early stopping watches.</summary>
public enum EarlyStoppingMetric
{
    /// <summary>The validation loss (lower is better). For classification this is the cross-entropy without label smoothing.</summary>
    Loss,
    /// <summary>The validation metric of the task (higher accuracy, or lower root mean squared error for regression).</summary>
    Metric,
}
