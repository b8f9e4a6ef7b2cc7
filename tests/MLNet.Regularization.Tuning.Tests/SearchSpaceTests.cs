using Xunit;

namespace MLNet.Regularization.Tuning.Tests;

public class SearchSpaceTests
{
    [Fact]
    public void Ranges_refuse_bad_bounds_naming_them()
    {
        Assert.Contains("inverted", Assert.Throws<ArgumentException>(() => SearchRange.Uniform(1, 0)).Message);
        Assert.Contains("empty", Assert.Throws<ArgumentException>(() => SearchRange.Uniform(0.5, 0.5)).Message);
        Assert.Contains("empty", Assert.Throws<ArgumentException>(() => SearchRange.Integer(3, 3)).Message);
        Assert.Contains("log range", Assert.Throws<ArgumentException>(() => SearchRange.LogUniform(0, 1)).Message);
        Assert.Contains("log range", Assert.Throws<ArgumentException>(() => SearchRange.Integer(0, 8, log: true)).Message);
        Assert.Contains("none", Assert.Throws<ArgumentException>(() => SearchRange.Categorical()).Message);
        Assert.Contains("repeat", Assert.Throws<ArgumentException>(() => SearchRange.Categorical(1, 1)).Message);
    }

    [Fact]
    public void Samples_stay_in_their_ranges_and_log_ranges_spread_over_the_decades()
    {
        var random = new Random(1);
        var log = SearchRange.LogUniform(1e-5, 1e-1);
        var samples = Enumerable.Range(0, 4000).Select(_ => log.Sample(random)).ToArray();
        Assert.All(samples, s => Assert.InRange(s, 1e-5, 1e-1));
        // A quarter of the draws in each decade, not nine tenths in the top one.
        Assert.InRange(samples.Count(s => s < 1e-4) / 4000.0, 0.2, 0.3);

        var integers = SearchRange.Integer(1, 4, log: true);
        var counts = Enumerable.Range(0, 4000).Select(_ => integers.ToValue(integers.Sample(random))).Cast<int>().GroupBy(v => v).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal([1, 2, 3, 4], counts.Keys.Order());
    }

    [Fact]
    public void Conditional_ranges_are_active_only_when_their_condition_holds()
    {
        var space = new SearchSpace
        {
            ["BatchNormalization"] = SearchRange.Categorical(false, true),
            ["Momentum"] = SearchRange.Uniform(0.5, 0.99).When("BatchNormalization", true),
        };
        Assert.Equal(["BatchNormalization"], space.Active(new Dictionary<string, double> { ["BatchNormalization"] = 0 }).Select(a => a.Name));
        Assert.Equal(["BatchNormalization", "Momentum"], space.Active(new Dictionary<string, double> { ["BatchNormalization"] = 1 }).Select(a => a.Name));
        Assert.Throws<ArgumentException>(() => new SearchSpace { ["Dropout"] = SearchRange.Uniform(0, 0.5).When("Missing", true) });
        Assert.True(space.Remove("BatchNormalization"));
        Assert.Equal(0, space.Count);
    }
}
