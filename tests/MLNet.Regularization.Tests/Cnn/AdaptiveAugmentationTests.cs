using Microsoft.ML;
using MLNet.Regularization.ImageAugmentation;
using MLNet.Regularization.ImageAugmentation.Functional;
using MLNet.Regularization.Training;
using Xunit;

namespace MLNet.Regularization.Tests.Cnn;

/// <summary>The augmentation strength of the CNN trainers, fixed or following the measured overfitting (AdaptiveAugmentation).</summary>
public class AdaptiveAugmentationTests
{
    private readonly MLContext _ml = new(seed: 1);

    private IDataView Images(int count, int seed) =>
        _ml.Transforms.Conversion.MapValueToKey("Label").Fit(_ml.Data.LoadFromEnumerable(TestImages.Rows(count, seed)))
            .Transform(_ml.Data.LoadFromEnumerable(TestImages.Rows(count, seed)));

    private static RegularizedCnnMulticlassTrainer.Options Adaptive(Action<AdaptiveAugmentation>? configure = null, int epochs = 6) =>
        CnnTrainerTests.Small(o =>
        {
            o.Epochs = epochs;
            o.ValidationFraction = 0.25;
            o.Augmentation = [new RandomCropOptions { Padding = 1 }, new RandomFlipOptions()];
            o.AdaptiveAugmentation = new AdaptiveAugmentation();
            configure?.Invoke(o.AdaptiveAugmentation);
        });

    private static EpochReport Epoch(int epoch, double gap) => new(0, epoch, 1.0, 0.5, 1.0 + gap, 0.5, 1e-3, TimeSpan.Zero);

    /// <summary>Runs the controller over epochs with the given gaps, as the training loop does; returns each epoch's strength.</summary>
    private static (double[] Strengths, TrainingState State) Control(AdaptiveAugmentation options, params double[] gaps)
    {
        var state = new TrainingState(null!, null!, 0, 1, true) { AugmentationStrength = options.InitialStrength };
        var controller = new AugmentationController(options);
        var strengths = new double[gaps.Length];
        for (int i = 0; i < gaps.Length; i++)
        {
            strengths[i] = state.AugmentationStrength!.Value;
            controller.EpochEnded(state, Epoch(i + 1, gaps[i]));
        }
        controller.TrainingEnded(state);
        return (strengths, state);
    }

    // ---- The strength in batch augmentation ----

    [Fact]
    public void Strength_scales_each_steps_probability_zero_leaves_the_images_and_one_is_the_steps_as_given()
    {
        var shape = new ImageShape(1, 6, 6);
        var augmentation = new ImageBatchAugmentation([new RandomFlipOptions { Probability = 1 }], shape);
        int count = 2000;
        var source = Enumerable.Range(0, count * shape.Length).Select(i => (float)(i % shape.Length)).ToArray();
        float[] Run(double? strength)
        {
            var destination = new float[source.Length];
            if (strength is double s) augmentation.Apply(source, destination, count, seed: 3, pass: 1, strength: s);
            else augmentation.Apply(source, destination, count, seed: 3, pass: 1);
            return destination;
        }
        int Flipped(float[] images) => Enumerable.Range(0, count).Count(i => images[i * shape.Length] != source[i * shape.Length]);

        Assert.Equal(source, Run(0));
        Assert.Equal(Run(null), Run(1));
        Assert.Equal(count, Flipped(Run(1)));
        Assert.InRange(Flipped(Run(0.3)), 0.3 * count - 100, 0.3 * count + 100);   // binomial SD about 20
        Assert.Throws<ArgumentOutOfRangeException>(() => Run(1.5));
    }

    // ---- The controller ----

    [Fact]
    public void The_strength_rises_while_the_gap_is_above_the_target_and_falls_while_it_is_below_within_the_bounds()
    {
        var options = new AdaptiveAugmentation { TargetGap = 0.1, StepSize = 0.25, Smoothing = 1, InitialStrength = 0.5 };

        var (strengths, _) = Control(options, 0.5, 0.5, 0.5, 0.5, 0.0, 0.0, 0.0, 0.0, 0.0);

        Assert.Equal([0.5, 0.75, 1.0, 1.0, 1.0, 0.75, 0.5, 0.25, 0.0], strengths);
    }

    [Fact]
    public void The_strength_moves_every_Interval_epochs_on_the_moving_average_of_the_gap()
    {
        var options = new AdaptiveAugmentation { TargetGap = 0.1, StepSize = 0.1, Smoothing = 0.5, Interval = 2 };

        // Moving averages: 0.3, 0.15 (update: up), 0, -0.025 (update: down), 0.1875, 0.19375 (update: up).
        var (strengths, _) = Control(options, 0.3, 0.0, -0.15, -0.05, 0.4, 0.2, 0.2);

        Assert.Equal([0.0, 0.0, 0.1, 0.1, 0.0, 0.0, 0.1], strengths.Select(s => Math.Round(s, 10)).ToArray());
    }

    [Fact]
    public void A_noisy_gap_around_the_target_moves_the_strength_by_one_step_at_most_per_update()
    {
        var options = new AdaptiveAugmentation { TargetGap = 0.1, StepSize = 0.05, InitialStrength = 0.5 };
        var noise = new Random(4);
        var gaps = Enumerable.Range(0, 200).Select(_ => 0.1 + (noise.NextDouble() - 0.5)).ToArray();

        var (strengths, _) = Control(options, gaps);

        Assert.All(strengths.Zip(strengths.Skip(1)), p => Assert.True(Math.Abs(p.Second - p.First) <= 0.05 + 1e-12));
        Assert.InRange(strengths.Average(), 0.2, 0.8);   // no drift to a bound when the gap is centred on the target
    }

    [Fact]
    public void A_target_out_of_reach_is_said_in_the_notes_and_a_reachable_one_is_not()
    {
        var above = Control(new AdaptiveAugmentation { TargetGap = -10, InitialStrength = 1 }, 0.2, 0.2, 0.2, 0.2).State;
        var below = Control(new AdaptiveAugmentation { TargetGap = 10 }, 0.2, 0.2, 0.2, 0.2).State;
        var reached = Control(new AdaptiveAugmentation { TargetGap = 0.1, Smoothing = 1, InitialStrength = 0.5 }, 0.2, 0.0, 0.2, 0.0).State;

        Assert.Contains("stayed above the target (-10) at the maximum strength (1)", Assert.Single(above.Notes));
        Assert.Contains("stayed below the target (10) at the minimum strength (0)", Assert.Single(below.Notes));
        Assert.Empty(reached.Notes);
    }

    // ---- In a fit ----

    [Fact]
    public void A_fit_records_each_epochs_strength_repeats_with_the_same_seed_and_saves_the_controller_with_the_options()
    {
        RegularizedNetworkModel Train() => _ml.MulticlassClassification.Trainers.RegularizedCnn(
            Adaptive(a => { a.TargetGap = -1; a.StepSize = 0.25; })).Fit(Images(120, 1));

        var model = Train();
        var strengths = model.TrainingReport.Epochs.Select(e => e.AugmentationStrength).ToArray();

        Assert.Equal([0, 0.25, 0.5, 0.75, 1, 1], strengths);   // a gap above -1 raises the strength every epoch, from 0 to the bound
        Assert.Equal(model.Network.Members[0].Arrays.SelectMany(x => x), Train().Network.Members[0].Arrays.SelectMany(x => x));
        Assert.Contains("\"AdaptiveAugmentation\":{\"TargetGap\":-1,\"StepSize\":0.25", model.Network.Options);
        Assert.Contains("augmentation 0.25", model.TrainingReport.ToString());
    }

    [Fact]
    public void A_fixed_strength_is_recorded_and_zero_trains_as_without_augmentation()
    {
        RegularizedCnnMulticlassTrainer.Options Options(double strength, bool steps) => CnnTrainerTests.Small(o =>
        {
            o.Epochs = 2;
            if (steps) o.Augmentation = [new RandomCropOptions { Padding = 1 }, new RandomFlipOptions()];
            o.AugmentationStrength = strength;
        });
        var data = Images(120, 1);

        var zero = _ml.MulticlassClassification.Trainers.RegularizedCnn(Options(0, steps: true)).Fit(data);
        var none = _ml.MulticlassClassification.Trainers.RegularizedCnn(Options(1, steps: false)).Fit(data);
        var half = _ml.MulticlassClassification.Trainers.RegularizedCnn(Options(0.5, steps: true)).Fit(data);

        Assert.All(zero.TrainingReport.Epochs, e => Assert.Equal(0, e.AugmentationStrength));
        Assert.All(none.TrainingReport.Epochs, e => Assert.True(double.IsNaN(e.AugmentationStrength)));
        Assert.All(half.TrainingReport.Epochs, e => Assert.Equal(0.5, e.AugmentationStrength));
        Assert.Equal(none.Network.Members[0].Arrays.SelectMany(x => x), zero.Network.Members[0].Arrays.SelectMany(x => x));
        Assert.NotEqual(none.Network.Members[0].Arrays.SelectMany(x => x), half.Network.Members[0].Arrays.SelectMany(x => x));
    }

    // ---- Bad input ----

    [Fact]
    public void Without_validation_data_the_error_names_the_option_before_training()
    {
        var options = Adaptive();
        options.ValidationFraction = 0;

        var e = Assert.Throws<ArgumentException>(() => _ml.MulticlassClassification.Trainers.RegularizedCnn(options).Fit(Images(60, 1)));

        Assert.Contains("Option AdaptiveAugmentation needs validation data", e.Message);
    }

    [Theory]
    [InlineData("StepSize", "AdaptiveAugmentation.StepSize")]
    [InlineData("Interval", "AdaptiveAugmentation.Interval")]
    [InlineData("Smoothing", "AdaptiveAugmentation.Smoothing")]
    [InlineData("MaximumStrength", "AdaptiveAugmentation.MaximumStrength")]
    [InlineData("InitialStrength", "AdaptiveAugmentation.InitialStrength")]
    [InlineData("TargetGap", "AdaptiveAugmentation.TargetGap")]
    [InlineData("NoSteps", "needs batch augmentation steps")]
    [InlineData("Strength", "AugmentationStrength")]
    public void Out_of_range_settings_are_refused_when_the_trainer_is_created_naming_the_option(string setting, string expected)
    {
        var options = Adaptive();
        var a = options.AdaptiveAugmentation!;
        switch (setting)
        {
            case "StepSize": a.StepSize = 0; break;
            case "Interval": a.Interval = 0; break;
            case "Smoothing": a.Smoothing = 1.5; break;
            case "MaximumStrength": a.MinimumStrength = 0.5; a.MaximumStrength = 0.4; break;
            case "InitialStrength": a.InitialStrength = 2; break;
            case "TargetGap": a.TargetGap = double.NaN; break;
            case "NoSteps": options.Augmentation = []; break;
            case "Strength": options.AugmentationStrength = -0.1; break;
        }

        var e = Assert.ThrowsAny<ArgumentException>(() => _ml.MulticlassClassification.Trainers.RegularizedCnn(options));

        Assert.Contains(expected, e.Message);
    }
}
