using Microsoft.ML;
using MLNet.Regularization.Training;
using Xunit;

namespace MLNet.Regularization.Tests.Training;

/// <summary>Epochs and BatchSize left null are sized from the training rows: small batches and many epochs for small tables,
/// large batches and few epochs for large ones; a null LearningRate follows the batch size.</summary>
public class TrainingSizeTests
{
    [Theory]
    [InlineData(120, 32, 200)]        // iris-sized: 4 batches an epoch; 500 epochs for 2,000 steps, capped at 200
    [InlineData(400, 32, 154)]        // 13 batches an epoch
    [InlineData(5_000, 128, 50)]      // 40 batches an epoch
    [InlineData(26_000, 512, 38)]     // 51 batches an epoch; 40 epochs for 2,000 steps, 38 for 1,000,000 rows seen
    [InlineData(100_000, 512, 10)]    // 196 batches for 2,000 steps, 10 for 1,000,000 rows seen
    [InlineData(500_000, 512, 5)]     // 2 epochs for 1,000,000 rows seen, raised to 5
    public void Batch_size_and_epochs_follow_the_training_rows(int rows, int batchSize, int epochs)
    {
        Assert.Equal(batchSize, TrainingSize.BatchSize(rows));
        Assert.Equal(epochs, TrainingSize.Epochs(rows, batchSize));
    }

    [Theory]
    [InlineData(32, 0.002)]
    [InlineData(64, 0.002)]
    [InlineData(128, 0.002828)]      // 0.002 x sqrt(2)
    [InlineData(256, 0.004)]
    [InlineData(1024, 0.004)]        // capped
    public void The_learning_rate_follows_the_square_root_of_the_batch_size_within_bounds(int batchSize, double learningRate) =>
        Assert.Equal(learningRate, TrainingSize.LearningRate(batchSize), 6);

    [Fact]
    public void A_fit_with_the_sizes_left_null_trains_at_most_the_sized_epochs_and_records_what_it_used()
    {
        var ml = new MLContext(seed: 1);
        var options = new RegularizedMlpBinaryTrainer.Options { HiddenLayers = [8], NumberOfThreads = 1, Seed = 3 };
        Assert.Null(options.Epochs);
        Assert.Null(options.BatchSize);
        Assert.Null(options.LearningRate);

        var model = ml.BinaryClassification.Trainers.RegularizedMlp(options).Fit(ml.Data.LoadFromEnumerable(TestData.BinaryRows(400)));

        // 360 rows train (10 % held out for early stopping): 12 batches of 32 an epoch, 167 epochs for 2,000 steps.
        Assert.Contains("\"Epochs\":167", model.Network.Options);
        Assert.Contains("\"BatchSize\":32", model.Network.Options);
        Assert.Contains("\"LearningRate\":0.002", model.Network.Options);
        Assert.InRange(model.TrainingReport.Epochs.Count, 1, 167);
        Assert.Equal(model.TrainingReport.Epochs.Count < 167, model.TrainingReport.StoppedEarly);
        Assert.Null(options.Epochs);   // the user's options stay as they were
        Assert.Null(options.LearningRate);
    }

    [Fact]
    public void Set_values_are_kept()
    {
        var ml = new MLContext(seed: 1);
        var options = new RegularizedMlpBinaryTrainer.Options { HiddenLayers = [8], Epochs = 3, BatchSize = 50, NumberOfThreads = 1, Seed = 3 };

        var model = ml.BinaryClassification.Trainers.RegularizedMlp(options).Fit(ml.Data.LoadFromEnumerable(TestData.BinaryRows(400)));

        Assert.Equal(3, model.TrainingReport.Epochs.Count);
        Assert.Contains("\"BatchSize\":50", model.Network.Options);
    }
}
