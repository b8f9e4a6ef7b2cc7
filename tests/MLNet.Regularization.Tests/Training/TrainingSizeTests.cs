using Microsoft.ML;
using MLNet.Regularization.Training;
using Xunit;

namespace MLNet.Regularization.Tests.Training;

/// <summary>Epochs and BatchSize left null are sized from the training rows: small batches and many epochs for small tables,
/// large batches and few epochs for large ones.</summary>
public class TrainingSizeTests
{
    [Theory]
    [InlineData(120, 32, 200)]        // iris-sized: 4 batches an epoch; 500 epochs for 2,000 steps, capped at 200
    [InlineData(400, 32, 154)]        // 13 batches an epoch
    [InlineData(5_000, 64, 26)]       // 79 batches an epoch
    [InlineData(26_000, 256, 20)]     // 102 batches an epoch
    [InlineData(100_000, 512, 10)]    // 196 batches for 2,000 steps, 10 for 1,000,000 rows seen
    [InlineData(500_000, 512, 5)]     // 2 epochs for 1,000,000 rows seen, raised to 5
    public void Batch_size_and_epochs_follow_the_training_rows(int rows, int batchSize, int epochs)
    {
        Assert.Equal(batchSize, TrainingSize.BatchSize(rows));
        Assert.Equal(epochs, TrainingSize.Epochs(rows, batchSize));
    }

    [Fact]
    public void A_fit_with_both_left_null_trains_the_sized_epochs_and_records_what_it_used()
    {
        var ml = new MLContext(seed: 1);
        var options = new RegularizedMlpBinaryTrainer.Options { HiddenLayers = [8], NumberOfThreads = 1, Seed = 3 };
        Assert.Null(options.Epochs);
        Assert.Null(options.BatchSize);

        var model = ml.BinaryClassification.Trainers.RegularizedMlp(options).Fit(ml.Data.LoadFromEnumerable(TestData.BinaryRows(400)));

        Assert.Equal(154, model.TrainingReport.Epochs.Count);
        Assert.Contains("\"Epochs\":154", model.Network.Options);
        Assert.Contains("\"BatchSize\":32", model.Network.Options);
        Assert.Null(options.Epochs);   // the user's options stay as they were
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
