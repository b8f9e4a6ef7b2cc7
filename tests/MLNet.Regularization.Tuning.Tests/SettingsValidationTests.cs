using System.Text.Json;
using Xunit;

namespace MLNet.Regularization.Tuning.Tests;

/// <summary>Every sampler and pruner accepts its defaults and refuses a setting out of range, naming it.</summary>
public class SettingsValidationTests
{
    public static TheoryData<string, Action> BadSettings => new()
    {
        { "StartupTrials", () => new TpeSampler { StartupTrials = -1 }.Validate() },
        { "Candidates", () => new TpeSampler { Candidates = 0 }.Validate() },
        { "PriorWeight", () => new TpeSampler { PriorWeight = -0.5 }.Validate() },
        { "PriorWeight", () => new TpeSampler { PriorWeight = double.NaN }.Validate() },
        { "PointsPerRange", () => new GridSampler { PointsPerRange = 1 }.Validate() },
        { "StartupTrials", () => new MedianPruner { StartupTrials = -1 }.Validate() },
        { "WarmupEpochs", () => new MedianPruner { WarmupEpochs = -1 }.Validate() },
        { "Interval", () => new MedianPruner { Interval = 0 }.Validate() },
        { "MinimumTrials", () => new MedianPruner { MinimumTrials = 0 }.Validate() },
        { "MinimumEpochs", () => new AshaPruner { MinimumEpochs = 0 }.Validate() },
        { "ReductionFactor", () => new AshaPruner { ReductionFactor = 1 }.Validate() },
        { "MinimumEarlyStoppingRate", () => new AshaPruner { MinimumEarlyStoppingRate = -1 }.Validate() },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void Settings_out_of_range_are_refused_naming_the_setting(string setting, Action validate)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(validate);
        Assert.Equal(setting, error.ParamName);
        Assert.Contains($"Setting {setting} must be", error.Message);
        Assert.Contains("got", error.Message);
    }

    [Fact]
    public void Defaults_are_valid()
    {
        new RandomSampler().Validate();
        new GridSampler().Validate();
        new TpeSampler().Validate();
        new MedianPruner().Validate();
        new AshaPruner().Validate();
        new TpeSampler { StartupTrials = 0, PriorWeight = 0 }.Validate();
    }

    [Fact]
    public void Settings_survive_a_json_round_trip_with_their_kind()
    {
        string json = JsonSerializer.Serialize<Sampler>(new TpeSampler { Candidates = 7, ConstantLiar = false });
        var sampler = Assert.IsType<TpeSampler>(JsonSerializer.Deserialize<Sampler>(json));
        Assert.Equal((7, false, TpeSampler.Defaults.StartupTrials), (sampler.Candidates, sampler.ConstantLiar, sampler.StartupTrials));
        var pruner = Assert.IsType<AshaPruner>(JsonSerializer.Deserialize<Pruner>(JsonSerializer.Serialize<Pruner>(new AshaPruner { ReductionFactor = 4 })));
        Assert.Equal(4, pruner.ReductionFactor);
    }
}
