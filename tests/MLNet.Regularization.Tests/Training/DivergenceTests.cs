using Microsoft.ML;
using Microsoft.ML.Data;
using Xunit;

namespace MLNet.Regularization.Tests.Training;

/// <summary>A training whose loss or weights stop being finite never gives a model that predicts NaN.</summary>
public class DivergenceTests
{
    private readonly MLContext _ml = new(seed: 1);

    private sealed class UnitRow
    {
        [VectorType(4)] public float[] Features { get; set; } = [];
        public float Label { get; set; }
    }

    /// <summary>Features in [-1, 1] and y = x0 - x1 + noise: nothing in the data itself is large.</summary>
    private IDataView UnitRegression(int count, int seed)
    {
        var random = new Random(seed);
        var rows = Enumerable.Range(0, count).Select(_ =>
        {
            var x = Enumerable.Range(0, 4).Select(_ => (float)(2 * random.NextDouble() - 1)).ToArray();
            return new UnitRow { Features = x, Label = x[0] - x[1] + (float)(0.1 * random.NextDouble()) };
        }).ToArray();
        return _ml.Data.LoadFromEnumerable(rows);
    }

    private static void AssertDivergedMessage(TrainingDivergedException error)
    {
        Assert.Contains($"epoch {error.Epoch}", error.Message);
        Assert.Contains(error.Batch is int batch ? $"batch {batch}" : "validation", error.Message);
        Assert.Contains("LearningRate", error.Message);
        Assert.Contains("GradientClipNorm", error.Message);
        Assert.True(error.Epoch >= 1);
    }

    /// <summary>The defaults for pixel vectors (dropout, noise, weight decay; the figures below, the epoch and batch of a
    /// divergence, were found with them) with a small network, one thread and a fixed seed.</summary>
    private static T Defaults<T>(Action<T> configure) where T : RegularizedMlpOptions, new()
    {
        var options = (T)Activator.CreateInstance(typeof(T), MlpPreset.Pixels)!;
        options.HiddenLayers = [16];
        options.Epochs = 10;
        options.NumberOfThreads = 1;
        options.Seed = 7;
        configure(options);
        return options;
    }

    /// <summary>SGD at learning rate 0.5 on inputs in [-1, 1]: finite for four epochs, then the loss turns NaN in epoch 5, batch 2.</summary>
    private static RegularizedMlpRegressionTrainer.Options SgdAtHalf(Action<RegularizedMlpRegressionTrainer.Options>? configure = null) =>
        Defaults<RegularizedMlpRegressionTrainer.Options>(o =>
        {
            o.Optimizer = Optimizer.Sgd;
            o.LearningRate = 0.5;
            o.LearningRateSchedule = LearningRateSchedule.Constant;
            o.Epochs = 20;
            o.Seed = 1;
            configure?.Invoke(o);
        });

    [Fact]
    public void Sgd_with_a_large_learning_rate_throws_naming_epoch_batch_and_what_to_try()
    {
        var trainer = _ml.Regression.Trainers.RegularizedMlp(SgdAtHalf());

        var error = Assert.Throws<TrainingDivergedException>(() => trainer.Fit(UnitRegression(200, seed: 1), UnitRegression(60, seed: 2)));

        AssertDivergedMessage(error);
        Assert.Equal(5, error.Epoch);
        Assert.Equal(2, error.Batch);
        Assert.Contains("training loss", error.Message);
        Assert.IsAssignableFrom<InvalidOperationException>(error);
    }

    [Fact]
    public void Early_stopping_keeps_the_best_epoch_before_a_divergence_and_the_model_predicts_with_its_weights()
    {
        var train = UnitRegression(200, seed: 1);
        var validation = UnitRegression(60, seed: 2);

        var model = _ml.Regression.Trainers.RegularizedMlp(SgdAtHalf(o => { o.EarlyStopping = true; o.EarlyStoppingPatience = 30; }))
            .Fit(train, validation);
        var report = model.TrainingReport;

        Assert.True(report.Diverged);
        Assert.Equal(5, report.DivergedEpoch);
        Assert.Equal(2, report.DivergedBatch);
        Assert.Equal(4, report.Epochs.Count);
        Assert.All(report.Epochs, e => Assert.True(double.IsFinite(e.ValidationLoss)));
        Assert.Equal(report.Epochs.MinBy(e => e.ValidationLoss)!.Epoch, report.KeptEpoch);
        Assert.False(report.StoppedEarly);

        var reference = _ml.Regression.Trainers.RegularizedMlp(SgdAtHalf(o => o.Epochs = report.KeptEpoch)).Fit(train, validation);
        var scores = Scores(model, validation);
        Assert.All(scores, s => Assert.True(float.IsFinite(s)));
        Assert.Equal(Scores(reference, validation), scores);
    }

    [Theory]
    [InlineData(Optimizer.Sgd)]
    [InlineData(Optimizer.AdamW)]
    [InlineData(Optimizer.RmsProp)]
    public void A_huge_learning_rate_throws_for_regression(Optimizer optimizer)
    {
        var trainer = _ml.Regression.Trainers.RegularizedMlp(Defaults<RegularizedMlpRegressionTrainer.Options>(o => { o.Optimizer = optimizer; o.LearningRate = 1e6; }));
        AssertDivergedMessage(Assert.Throws<TrainingDivergedException>(() => trainer.Fit(TestData.Regression(_ml, 200))));
    }

    [Theory]
    [InlineData(Optimizer.Sgd)]
    [InlineData(Optimizer.AdamW)]
    [InlineData(Optimizer.RmsProp)]
    public void A_huge_learning_rate_throws_for_binary_classification(Optimizer optimizer)
    {
        var trainer = _ml.BinaryClassification.Trainers.RegularizedMlp(Defaults<RegularizedMlpBinaryTrainer.Options>(o => { o.Optimizer = optimizer; o.LearningRate = 1e6; }));
        AssertDivergedMessage(Assert.Throws<TrainingDivergedException>(() => trainer.Fit(TestData.Binary(_ml, 200))));
    }

    [Theory]
    [InlineData(Optimizer.Sgd)]
    [InlineData(Optimizer.AdamW)]
    [InlineData(Optimizer.RmsProp)]
    public void A_huge_learning_rate_throws_for_multiclass_classification(Optimizer optimizer)
    {
        var trainer = _ml.MulticlassClassification.Trainers.RegularizedMlp(Defaults<RegularizedMlpMulticlassTrainer.Options>(o => { o.Optimizer = optimizer; o.LearningRate = 1e6; }));
        AssertDivergedMessage(Assert.Throws<TrainingDivergedException>(() => trainer.Fit(TestData.Multiclass(_ml, 200))));
    }

    [Fact]
    public void Early_stopping_that_diverges_in_its_first_epoch_has_no_finite_epoch_to_keep_and_throws()
    {
        var trainer = _ml.Regression.Trainers.RegularizedMlp(Defaults<RegularizedMlpRegressionTrainer.Options>(o =>
        {
            o.Optimizer = Optimizer.Sgd;
            o.LearningRate = 1e6;
            o.EarlyStopping = true;
            o.ValidationFraction = 0.2;
        }));

        var error = Assert.Throws<TrainingDivergedException>(() => trainer.Fit(TestData.Regression(_ml, 200)));

        Assert.Equal(1, error.Epoch);
        AssertDivergedMessage(error);
    }

    /// <summary>Sets a weight to NaN after the given optimizer step (counted from 1 over the whole training).</summary>
    private static Action<MLNet.Regularization.Networks.Network> PoisonAfterStep(int step)
    {
        int steps = 0;
        return network =>
        {
            if (++steps != step) return;
            using var _ = TorchSharp.torch.no_grad();
            network.Weights.First()[0, 0].fill_(float.NaN);
        };
    }

    // 200 rows, 20% held out, batches of 32: 5 batches per epoch.
    private RegularizedMlpRegressionTrainer.Options EarlyStopping(Action<RegularizedMlpRegressionTrainer.Options>? configure = null) =>
        Quick.Regression(o =>
        {
            o.Epochs = 10;
            o.EarlyStopping = true;
            o.EarlyStoppingPatience = 20;
            configure?.Invoke(o);
        });

    [Fact]
    public void A_weight_that_turns_NaN_is_reported_at_the_batch_whose_loss_it_spoils_and_logged_as_a_warning()
    {
        var train = TestData.Regression(_ml, 160, seed: 1);
        var validation = TestData.Regression(_ml, 100, seed: 2);
        var messages = new List<LoggingEventArgs>();
        _ml.Log += (_, e) => { lock (messages) messages.Add(e); };
        var trainer = _ml.Regression.Trainers.RegularizedMlp(EarlyStopping());
        trainer.AfterStep = PoisonAfterStep(3 * 5 + 2);   // epoch 4, batch 2: its loss is finite, batch 3's is not

        var model = trainer.Fit(train, validation);
        var report = model.TrainingReport;

        Assert.True(report.Diverged);
        Assert.Equal(4, report.DivergedEpoch);
        Assert.Equal(3, report.DivergedBatch);
        Assert.Equal(3, report.Epochs.Count);
        Assert.Equal(report.Epochs.MinBy(e => e.ValidationLoss)!.Epoch, report.KeptEpoch);
        Assert.Contains("diverged at epoch 4, batch 3", report.ToString());
        lock (messages)
            Assert.Contains(messages, m => m.Kind == Microsoft.ML.Runtime.ChannelMessageKind.Warning && m.RawMessage.Contains("epoch 4, batch 3"));

        // The model holds the kept epoch's weights: the same as a training that ends at that epoch.
        var reference = _ml.Regression.Trainers.RegularizedMlp(EarlyStopping(o => { o.EarlyStopping = false; o.Epochs = report.KeptEpoch; }))
            .Fit(train, validation);
        var scores = Scores(model, validation);
        Assert.All(scores, s => Assert.True(float.IsFinite(s)));
        Assert.Equal(Scores(reference, validation), scores);
    }

    [Fact]
    public void Weights_that_turn_NaN_in_the_last_step_of_the_last_epoch_are_caught()
    {
        var train = TestData.Regression(_ml, 160, seed: 1);
        var trainer = _ml.Regression.Trainers.RegularizedMlp(Quick.Regression(o => o.Epochs = 2));
        trainer.AfterStep = PoisonAfterStep(2 * 5);

        var error = Assert.Throws<TrainingDivergedException>(() => trainer.Fit(train));

        Assert.Equal(2, error.Epoch);
        Assert.Equal(5, error.Batch);
        AssertDivergedMessage(error);
    }

    [Fact]
    public void Weights_that_turn_NaN_in_the_last_step_with_early_stopping_keep_the_best_epoch()
    {
        var train = TestData.Regression(_ml, 160, seed: 1);
        var validation = TestData.Regression(_ml, 100, seed: 2);
        var trainer = _ml.Regression.Trainers.RegularizedMlp(EarlyStopping(o => o.Epochs = 3));
        trainer.AfterStep = PoisonAfterStep(3 * 5);

        var model = trainer.Fit(train, validation);

        Assert.Equal(3, model.TrainingReport.DivergedEpoch);
        Assert.Equal(5, model.TrainingReport.DivergedBatch);
        Assert.Equal(2, model.TrainingReport.Epochs.Count);
        Assert.All(Scores(model, validation), s => Assert.True(float.IsFinite(s)));
    }

    [Fact]
    public void Non_finite_batch_norm_running_statistics_are_caught()
    {
        var train = TestData.Regression(_ml, 160, seed: 1);
        var trainer = _ml.Regression.Trainers.RegularizedMlp(Quick.Regression(o => { o.Epochs = 2; o.BatchNormalization = true; }));
        int steps = 0;
        trainer.AfterStep = network =>
        {
            if (++steps != 2 * 5) return;
            using var _ = TorchSharp.torch.no_grad();
            ((MLNet.Regularization.Networks.MlpNetwork)network).Norms[0].running_var![0].fill_(float.PositiveInfinity);
        };

        var error = Assert.Throws<TrainingDivergedException>(() => trainer.Fit(train));

        Assert.Equal(2, error.Epoch);
        Assert.Contains("running_var", error.Message);
    }

    [Fact]
    public void A_diverged_training_leaves_no_live_tensors_behind()
    {
        var train = UnitRegression(200, seed: 1);
        var validation = UnitRegression(60, seed: 2);
        long before = TorchSharp.DisposeScopeManager.Statistics.ThreadTotalLiveCount;

        Assert.Throws<TrainingDivergedException>(() => _ml.Regression.Trainers.RegularizedMlp(SgdAtHalf()).Fit(train, validation));
        _ml.Regression.Trainers.RegularizedMlp(SgdAtHalf(o => o.EarlyStopping = true)).Fit(train, validation).Dispose();

        Assert.Equal(0, TorchSharp.DisposeScopeManager.Statistics.ThreadTotalLiveCount - before);
    }

    [Fact]
    public void A_training_that_stays_finite_reports_no_divergence()
    {
        var report = _ml.Regression.Trainers.RegularizedMlp(Quick.Regression(o => o.Epochs = 3)).Fit(TestData.Regression(_ml, 100)).TrainingReport;

        Assert.False(report.Diverged);
        Assert.Null(report.DivergedEpoch);
        Assert.Null(report.DivergedBatch);
    }

    private static float[] Scores(ITransformer model, IDataView data) =>
        model.Transform(data).GetColumn<float>("Score").ToArray();
}
