namespace MLNet.Regularization.Training;

/// <summary>
/// The batch size and number of epochs a fit uses when the options leave them to the data (null): batches of about 1/32 of
/// the training rows (a power of two from 32 to 512), and enough epochs for about <see cref="Steps"/> optimizer steps, but
/// no more than <see cref="Samples"/> rows seen in all and within [<see cref="MinEpochs"/>, <see cref="MaxEpochs"/>]. Small
/// tables get small batches and many epochs, large ones large batches and few epochs, so that the fit time grows with the
/// rows no faster than linearly from a few thousand rows on. A null learning rate follows the batch size (<see cref="LearningRate"/>).
/// </summary>
internal static class TrainingSize
{
    public const int MinBatchSize = 32;
    public const int MaxBatchSize = 512;
    public const int Steps = 2000;
    public const long Samples = 1_000_000;
    public const int MinEpochs = 5;
    public const int MaxEpochs = 200;
    public const double MinLearningRate = 0.002;
    public const double MaxLearningRate = 0.004;
    private const int LearningRateBatchSize = 64;

    /// <summary>The batch size for <paramref name="rows"/> training rows.</summary>
    public static int BatchSize(int rows)
    {
        int size = MinBatchSize;
        while (size * 2 <= MaxBatchSize && size * 2 <= rows / 32) size *= 2;
        return size;
    }

    /// <summary>The learning rate for batches of <paramref name="batchSize"/> rows: <see cref="MinLearningRate"/> up to 64 rows,
    /// growing with the square root of the batch size above (the square-root scaling rule of adaptive optimizers), at most
    /// <see cref="MaxLearningRate"/>.</summary>
    public static double LearningRate(int batchSize) =>
        Math.Clamp(MinLearningRate * Math.Sqrt((double)batchSize / LearningRateBatchSize), MinLearningRate, MaxLearningRate);

    /// <summary>The number of epochs for <paramref name="rows"/> training rows in batches of <paramref name="batchSize"/>.</summary>
    public static int Epochs(int rows, int batchSize)
    {
        int batches = Math.Max(1, (rows + batchSize - 1) / batchSize);
        long epochs = Math.Min((Steps + batches - 1) / batches, Samples / Math.Max(1, rows));
        return (int)Math.Clamp(epochs, MinEpochs, MaxEpochs);
    }
}
