namespace MLNet.Regularization;

/// <summary>What the trainer does with a row whose features or label are NaN, infinite or a missing key.</summary>
public enum InvalidRowHandling
{
    /// <summary>Throw an <see cref="System.InvalidOperationException"/> naming the column and the row, before training starts.</summary>
    Throw,
    /// <summary>Leave the row out; the number of rows left out is in <see cref="TrainingReport.SkippedRows"/>.</summary>
    Skip,
}
