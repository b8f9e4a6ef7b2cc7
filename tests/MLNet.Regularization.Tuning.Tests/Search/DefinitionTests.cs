using MLNet.Regularization.ImageAugmentation;
using Xunit;

namespace MLNet.Regularization.Tuning.Tests.Search;

/// <summary>What is stored with a search comes back the same in a worker: options (with augmentation steps), spaces, and the
/// difference a resumed search is refused for.</summary>
public class DefinitionTests
{
    [Fact]
    public void Options_with_augmentation_steps_and_a_preset_come_back_the_same()
    {
        var cnn = new RegularizedCnnMulticlassTrainer.Options
        {
            ImageChannels = 1, ImageHeight = 28, ImageWidth = 28, BlockChannels = [8, 16], Dropout = 0.25, LearningRate = null,
            Augmentation = [new RandomCropOptions { Padding = 3, Probability = 0.5 }, new TrivialAugmentWideOptions { Seed = 4 }],
            AdaptiveAugmentation = new AdaptiveAugmentation { TargetGap = 0.07 }, MaxNorm = 3,
        };
        var back = (RegularizedCnnMulticlassTrainer.Options)OptionsJson.Read(OptionsJson.Write(cnn));
        Assert.Equal(OptionsJson.Write(cnn).ToJsonString(), OptionsJson.Write(back).ToJsonString());
        Assert.Equal(3, Assert.IsType<RandomCropOptions>(back.Augmentation[0]).Padding);
        Assert.Equal(4, Assert.IsType<TrivialAugmentWideOptions>(back.Augmentation[1]).Seed);
        Assert.Equal(0.07, back.AdaptiveAugmentation!.TargetGap);
        Assert.Null(back.LearningRate);

        var pixels = new RegularizedMlpMulticlassTrainer.Options(MlpPreset.Pixels) { HiddenLayers = [64, 32], Dropout = [0.1, 0.2] };
        var mlp = (RegularizedMlpMulticlassTrainer.Options)OptionsJson.Read(OptionsJson.Write(pixels));
        Assert.Equal(MlpPreset.Pixels, mlp.Preset);
        Assert.Equal([64, 32], mlp.HiddenLayers);
        Assert.Equal([0.1, 0.2], mlp.Dropout);
    }

    [Fact]
    public void Spaces_of_every_kind_come_back_the_same()
    {
        var space = new SearchSpace
        {
            ["LearningRate"] = SearchRange.LogUniform(1e-4, 0.1 + 0.2),
            ["EnsembleSize"] = SearchRange.Integer(1, 4),
            ["HiddenLayerSize"] = SearchRange.Integer(16, 512, log: true),
            ["Activation"] = SearchRange.Categorical(Activation.ReLU, Activation.SiLU),
            ["HiddenLayers"] = SearchRange.Categorical(new[] { 64, 64 }, new[] { 128 }),
            ["BatchNormalization"] = SearchRange.Categorical(false, true),
            ["Momentum"] = SearchRange.Uniform(0.5, 0.99).When("BatchNormalization", true),
        };
        var back = SpaceJson.Read(SpaceJson.Write(space));
        Assert.Equal(space.ToString(), back.ToString());
        Assert.Equal(Activation.SiLU, back["Activation"].ToValue(1));
        Assert.Equal(0.1 + 0.2, back["LearningRate"].High);
    }

    [Fact]
    public void A_definition_names_what_differs()
    {
        SearchDefinition Definition(double dropout, int seed) => new()
        {
            Options = SearchData.QuickMlp(), Space = new SearchSpace { ["Dropout"] = SearchRange.Uniform(0, dropout) }, Metric = "MicroAccuracy",
            Sampler = new TpeSampler(), Pruner = new AshaPruner(), ValidationFraction = 0.2, Folds = null, Seed = seed, MaxTrials = 20, DataHash = "00",
        };
        var stored = SearchDefinition.FromJson(Definition(0.5, 1).ToJson(), "s");
        Assert.Null(Definition(0.5, 1).Difference(stored));
        Assert.Contains("Dropout: uniform [0, 0.4]", Definition(0.4, 1).Difference(stored));
        Assert.Contains("seed", Definition(0.5, 2).Difference(stored));
        var other = Definition(0.5, 1);
        other.Options.WeightDecay = 0.5;
        Assert.Contains("WeightDecay", other.Difference(stored));
    }
}
