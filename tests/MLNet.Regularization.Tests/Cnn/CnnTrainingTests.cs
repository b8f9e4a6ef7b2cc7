using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Regularization.ImageAugmentation;
using MLNet.Regularization.ImageAugmentation.Functional;
using MLNet.Regularization.Tasks;
using MLNet.Regularization.Training;
using Xunit;
using static TorchSharp.torch;

namespace MLNet.Regularization.Tests.Cnn;

/// <summary>Augmentation of training batches, mixup and CutMix, saving, warm starts and reproducibility of the CNN trainers.</summary>
public class CnnTrainingTests
{
    private readonly MLContext _ml = new(seed: 1);

    private ITransformer? _keys;

    private IDataView Images(int count, int seed)
    {
        var data = _ml.Data.LoadFromEnumerable(TestImages.Rows(count, seed));
        _keys ??= _ml.Transforms.Conversion.MapValueToKey("Label").Fit(data);
        return _keys.Transform(data);
    }

    private static RegularizedCnnMulticlassTrainer.Options Fast(Action<RegularizedCnnMulticlassTrainer.Options>? configure = null) =>
        CnnTrainerTests.Small(o =>
        {
            o.Epochs = 3;
            configure?.Invoke(o);
        });

    private static TrainingState State(int epoch, int batch) => new(null!, null!, 0, 1, false) { Epoch = epoch, Batch = batch };

    private static float[] Values(Tensor t) => t.data<float>().ToArray();

    // ---- Batch augmentation ----

    [Fact]
    public void Batch_augmentation_draws_afresh_every_epoch_and_repeats_with_the_same_seed()
    {
        var steps = new ImageBatchAugmentation([new RandomCropOptions { Padding = 2 }, new RandomFlipOptions()], new ImageShape(1, 12, 12));
        using var batch = tensor(TestImages.Rows(8, 1).SelectMany(r => r.Features).ToArray(), [8, 144]);
        using var labels = tensor(new long[8]);
        var first = new BatchAugmentation(steps, seed: 5);
        var again = new BatchAugmentation(steps, seed: 5);
        var otherSeed = new BatchAugmentation(steps, seed: 6);

        var epoch1 = Values(first.BeforeForward(State(1, 1), batch, labels).Input);
        var epoch2 = Values(first.BeforeForward(State(2, 1), batch, labels).Input);
        var repeated = Values(again.BeforeForward(State(1, 1), batch, labels).Input);
        var seeded = Values(otherSeed.BeforeForward(State(1, 1), batch, labels).Input);

        Assert.NotEqual(Values(batch), epoch1);
        Assert.NotEqual(epoch1, epoch2);
        Assert.Equal(epoch1, repeated);
        Assert.NotEqual(epoch1, seeded);
    }

    [Fact]
    public void Batch_augmentation_applies_the_pixel_functions_to_each_image_of_the_batch_in_place()
    {
        var shape = new ImageShape(1, 12, 12);
        var rows = TestImages.Rows(5, 1);
        using var batch = tensor(rows.SelectMany(r => r.Features).ToArray(), [5, 144]);
        using var labels = tensor(new long[5]);
        var flip = new BatchAugmentation(new ImageBatchAugmentation([new RandomFlipOptions { Probability = 1 }], shape), seed: 1);

        var flipped = Values(flip.BeforeForward(State(1, 1), batch, labels).Input);

        for (int i = 0; i < 5; i++)
        {
            var expected = new float[144];
            ImageFunctions.HorizontalFlip(rows[i].Features, shape, expected);
            Assert.Equal(expected, flipped.AsSpan(i * 144, 144).ToArray());
        }
    }

    [Fact]
    public void Batch_augmentation_never_touches_validation_or_scoring()
    {
        var train = Images(300, 1);
        var validation = Images(150, 3);
        // Strong noise and erasing: validation figures measured on augmented images would not match the model's scores.
        var model = _ml.MulticlassClassification.Trainers.RegularizedCnn(Fast(o =>
        {
            o.Epochs = 4;
            o.Augmentation = [new GaussianNoiseOptions { StdDev = 0.5f }, new RandomErasingOptions { Probability = 1 }];
        })).Fit(train, validation);

        var last = model.TrainingReport.Epochs[^1];
        var metrics = _ml.MulticlassClassification.Evaluate(model.Transform(validation));
        Assert.Equal(metrics.LogLoss, last.ValidationLoss, 1e-4);
        Assert.Equal(metrics.MicroAccuracy, last.ValidationMetric, 1e-9);
        var scores = model.Transform(validation).GetColumn<float[]>("Score").SelectMany(v => v).ToArray();
        Assert.Equal(scores, model.Transform(validation).GetColumn<float[]>("Score").SelectMany(v => v).ToArray());
    }

    // ---- Mixup and CutMix ----

    /// <summary>A batch whose image i has the value i everywhere and class i: a mixed image's value then reads off the classes it mixed.</summary>
    private static (Tensor Images, Tensor Labels) Ramp(int count)
    {
        var pixels = Enumerable.Range(0, count).SelectMany(i => Enumerable.Repeat((float)i, 144)).ToArray();
        return (tensor(pixels, [count, 144]), tensor(Enumerable.Range(0, count).Select(i => (long)i).ToArray()));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Mixed_targets_are_convex_combinations_that_sum_to_one_in_the_ratio_of_the_mixed_images(bool cutMix)
    {
        const int count = 16;
        var objective = new MulticlassObjective(count, 0);
        var mixing = new BatchMixing(cutMix ? 0 : 1, 1.0, cutMix ? 1 : 0, 1.0, objective, 12, 12, seed: 3);
        var (images, labels) = Ramp(count);
        var (mixed, targets) = mixing.BeforeForward(State(1, 1), images, labels);

        Assert.Equal(ScalarType.Float32, targets.dtype);
        var t = targets.data<float>().ToArray();
        var x = mixed.data<float>().ToArray();
        bool anyMixed = false;
        for (int i = 0; i < count; i++)
        {
            var row = t.AsSpan(i * count, count).ToArray();
            float sum = 0, expected = 0;
            for (int k = 0; k < count; k++)
            {
                Assert.InRange(row[k], 0f, 1f);
                sum += row[k];
                expected += row[k] * k;
            }
            Assert.Equal(1f, sum, 1e-5f);
            Assert.True(row.Count(v => v > 0) <= 2);
            anyMixed |= row.Count(v => v > 0) == 2;
            // The mean pixel is the targets' mixture of the two images' values: the same ratio for images and targets.
            var image = x.AsSpan(i * 144, 144).ToArray();
            Assert.Equal(expected, image.Average(), 1e-3);
            if (cutMix) Assert.All(image, v => Assert.True(row[(int)v] > 0, $"pixel {v} comes from an image the targets name"));
        }
        Assert.True(anyMixed);
    }

    [Fact]
    public void Without_mixing_in_a_batch_its_targets_stay_class_indices()
    {
        var mixing = new BatchMixing(0.0, 1.0, 0.0, 1.0, new MulticlassObjective(4, 0), 12, 12, seed: 1);
        var (images, labels) = Ramp(4);
        var (x, y) = mixing.BeforeForward(State(1, 1), images, labels);
        Assert.Same(images, x);
        Assert.Same(labels, y);
    }

    [Fact]
    public void The_loss_on_one_hot_soft_targets_equals_the_loss_on_class_indices_with_and_without_label_smoothing()
    {
        using var output = randn(6, 4);
        using var labels = tensor(new long[] { 0, 1, 2, 3, 2, 1 });
        foreach (double smoothing in new[] { 0.0, 0.1 })
        {
            var objective = new MulticlassObjective(4, smoothing);
            using var soft = objective.SoftTargets(labels);
            Assert.Equal(objective.TrainingLoss(output, labels).item<float>(), objective.TrainingLoss(output, soft).item<float>(), 1e-5f);
        }
    }

    [Fact]
    public void Mixup_and_CutMix_train_a_model_that_still_learns_the_images()
    {
        var model = _ml.MulticlassClassification.Trainers.RegularizedCnn(Fast(o => { o.Epochs = 15; o.MixupProbability = 0.5; o.CutMixProbability = 0.5; }))
            .Fit(Images(600, 1));
        double accuracy = _ml.MulticlassClassification.Evaluate(model.Transform(Images(300, 2))).MacroAccuracy;
        Assert.True(accuracy > 0.9, $"accuracy {accuracy}");
    }

    // ---- Saving, warm starts, reproducibility ----

    [Fact]
    public void A_saved_CNN_loads_with_bit_identical_scores_and_describes_its_architecture()
    {
        var data = Images(200, 1);
        var model = _ml.MulticlassClassification.Trainers.RegularizedCnn(Fast(o => { o.Residual = true; o.HeadLayers = [8]; })).Fit(data);
        using var file = new MemoryStream();
        _ml.Model.Save(model, data.Schema, file);
        file.Position = 0;
        var loaded = _ml.Model.Load(file, out _);

        var expected = model.Transform(data).GetColumn<float[]>("Score").SelectMany(s => s).ToArray();
        var actual = loaded.Transform(data).GetColumn<float[]>("Score").SelectMany(s => s).ToArray();
        Assert.Equal(expected, actual);

        file.Position = 0;
        var network = TrainedNetwork.Load(file);
        var architecture = Assert.IsType<CnnArchitecture>(network.Architecture);
        Assert.Equal((1, 12, 12), (architecture.Channels, architecture.Height, architecture.Width));
        Assert.Equal([8, 16], architecture.BlockChannels);
        Assert.True(architecture.Residual);
        Assert.Equal(model.Network.Architecture, network.Architecture);
        Assert.Equal("CNN 1x12x12, blocks [8, 16] x 2 conv 3x3, Max pooling, residual, global average pooling, head [8] ReLU", architecture.ToString());

        using var onnx = new MemoryStream();
        model.ExportOnnx(onnx);
        onnx.Position = 0;
        Assert.Equal(network.Architecture, TrainedNetwork.Load(onnx).Architecture);
    }

    [Fact]
    public void The_same_seed_gives_a_bit_identical_CNN_with_augmentation_and_mixup()
    {
        RegularizedNetworkModel Train() => _ml.MulticlassClassification.Trainers.RegularizedCnn(Fast(o =>
        {
            o.Augmentation = [new RandomCropOptions { Padding = 1 }, new GaussianNoiseOptions { StdDev = 0.05f }];
            o.MixupProbability = 0.5;
            o.CutMixProbability = 0.3;
        })).Fit(Images(200, 1));
        var a = Train().Network.Members[0].Arrays.SelectMany(x => x).ToArray();
        var b = Train().Network.Members[0].Arrays.SelectMany(x => x).ToArray();
        Assert.Equal(a, b);
    }

    [Fact]
    public void A_warm_start_continues_a_CNN_and_refuses_another_architecture()
    {
        var data = Images(300, 1);
        var initial = _ml.MulticlassClassification.Trainers.RegularizedCnn(Fast(o => o.Epochs = 8)).Fit(data);
        var continued = _ml.MulticlassClassification.Trainers.RegularizedCnn(Fast(o => o.Epochs = 1)).Fit(data, initial.Network);
        var fresh = _ml.MulticlassClassification.Trainers.RegularizedCnn(Fast(o => o.Epochs = 1)).Fit(data);
        Assert.True(continued.TrainingReport.Epochs[0].TrainLoss < fresh.TrainingReport.Epochs[0].TrainLoss * 0.8,
            $"continued {continued.TrainingReport.Epochs[0].TrainLoss}, fresh {fresh.TrainingReport.Epochs[0].TrainLoss}");

        var error = Assert.Throws<ArgumentException>(() =>
            _ml.MulticlassClassification.Trainers.RegularizedCnn(Fast(o => o.BlockChannels = [8, 32])).Fit(data, initial.Network));
        Assert.Contains("BlockChannels", error.Message);
        Assert.Contains("blocks [8, 16]", error.Message);
    }

    [Fact]
    public void The_binary_CNN_trains_and_scores_with_the_binary_columns()
    {
        var data = _ml.Data.LoadFromEnumerable(TestImages.BinaryRows(400, 1));
        var model = _ml.BinaryClassification.Trainers.RegularizedCnn(new RegularizedCnnBinaryTrainer.Options
        {
            BlockChannels = [8, 16], Epochs = 10, LearningRate = 3e-3, NumberOfThreads = 1, Seed = 1, BatchSize = 32,
        }).Fit(data);
        var metrics = _ml.BinaryClassification.Evaluate(model.Transform(_ml.Data.LoadFromEnumerable(TestImages.BinaryRows(200, 2))));
        Assert.True(metrics.Accuracy > 0.9, $"accuracy {metrics.Accuracy}");
        Assert.Equal(PredictionTask.Binary, model.Network.Task);
    }

    [Fact]
    public void Augmentation_in_front_of_the_trainer_read_each_epoch_still_works()
    {
        var data = Images(300, 1);
        var pipeline = new EstimatorChain<ITransformer>()
            .Append(_ml.Transforms.Augment().RandomFlip("Features"), TransformerScope.Training)
            .Append(_ml.MulticlassClassification.Trainers.RegularizedCnn(Fast(o => { o.ReadDataEachEpoch = true; o.Epochs = 8; })));
        var model = pipeline.Fit(data);
        double accuracy = _ml.MulticlassClassification.Evaluate(model.Transform(Images(200, 2))).MacroAccuracy;
        Assert.True(accuracy > 0.8, $"accuracy {accuracy}");
    }
}
