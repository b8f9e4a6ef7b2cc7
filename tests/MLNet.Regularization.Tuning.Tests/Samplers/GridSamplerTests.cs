using Xunit;

namespace MLNet.Regularization.Tuning.Tests;

public class GridSamplerTests
{
    private static readonly SearchSpace TwoByThree = new()
    {
        ["BatchNormalization"] = SearchRange.Categorical(false, true),
        ["Dropout"] = SearchRange.Uniform(0, 0.5),
    };

    [Fact]
    public void Every_point_is_tried_once_before_any_repeats()
    {
        var sampler = new GridSampler { PointsPerRange = 3 };
        var history = SearchDriver.Run(sampler, TwoByThree, _ => 0, 7, seed: 1);
        var keys = history.Select(t => $"{t.Parameters["BatchNormalization"]}/{t.Parameters["Dropout"]}").ToList();
        Assert.Equal(6, keys.Take(6).Distinct().Count());
        Assert.Equal(keys[0], keys[6]); // the second round starts again from the start of the order
        Assert.Equal([0, 0.25, 0.5], history.Select(t => t.Parameters["Dropout"]).Distinct().Order());
        // Another seed, another order over the same points.
        var other = SearchDriver.Run(sampler, TwoByThree, _ => 0, 6, seed: 2).Select(t => $"{t.Parameters["BatchNormalization"]}/{t.Parameters["Dropout"]}").ToList();
        Assert.NotEqual(keys.Take(6), other);
        Assert.Equal(keys.Take(6).Order(), other.Order());
    }

    [Fact]
    public void Parallel_workers_skip_the_points_of_running_and_failed_trials()
    {
        var sampler = new GridSampler { PointsPerRange = 3 };
        var first = sampler.Propose(TwoByThree, [], 0, Direction.Minimize, 1);
        var second = sampler.Propose(TwoByThree, [SearchDriver.Running(0, first)], 1, Direction.Minimize, 1);
        var failed = new TrialRecord(1, 1, TrialState.Failed, second, null, [], 0, "diverged", "test", null);
        var third = sampler.Propose(TwoByThree, [SearchDriver.Running(0, first), failed], 2, Direction.Minimize, 1);
        Assert.Equal(3, new[] { first, second, third }.Select(p => $"{p["BatchNormalization"]}/{p["Dropout"]}").Distinct().Count());
    }

    [Fact]
    public void Log_ranges_are_spaced_geometrically_and_integer_ranges_keep_distinct_integers()
    {
        var log = GridPoints.Of(SearchRange.LogUniform(1e-4, 1), 5);
        double[] expected = [1e-4, 1e-3, 1e-2, 1e-1, 1];
        for (int i = 0; i < 5; i++) Assert.Equal(expected[i], log[i], expected[i] * 1e-12);
        Assert.Equal([1, 2, 3], GridPoints.Of(SearchRange.Integer(1, 3), 5));
        Assert.Equal([1, 4, 16, 64], GridPoints.Of(SearchRange.Integer(1, 64, log: true), 4));
        Assert.Equal([0, 25, 50, 75, 100], GridPoints.Of(SearchRange.Integer(0, 100), 5));
        Assert.Equal([0, 1, 2], GridPoints.Of(SearchRange.Categorical("a", "b", "c"), 5));
    }

    [Fact]
    public void Conditional_ranges_add_points_only_where_they_are_active()
    {
        var space = new SearchSpace
        {
            ["Dropout"] = SearchRange.Categorical(false, true),
            ["DropoutRate"] = SearchRange.Uniform(0.1, 0.5).When("Dropout", true),
            ["LearningRate"] = SearchRange.LogUniform(1e-4, 1e-1),
        };
        var sampler = new GridSampler { PointsPerRange = 3 };
        Assert.Equal((1 + 3) * 3, sampler.GridSize(space));
        Assert.Equal(6, sampler.GridSize(TwoByThree));
        var history = SearchDriver.Run(sampler, space, _ => 0, 12, seed: 3);
        Assert.All(history, t => Assert.Equal(t.Parameters["Dropout"] == 1, t.Parameters.ContainsKey("DropoutRate")));
        Assert.Equal(12, history.Select(t => string.Join("/", t.Parameters.OrderBy(p => p.Key).Select(p => $"{p.Key}={p.Value}"))).Distinct().Count());
    }

    [Fact]
    public void Grids_too_large_are_refused_with_a_clear_message()
    {
        var space = new SearchSpace();
        for (int i = 0; i < 9; i++) space[$"X{i}"] = SearchRange.Uniform(0, 1);
        var error = Assert.Throws<ArgumentException>(() => new GridSampler().GridSize(space));
        Assert.Contains("PointsPerRange", error.Message);
    }
}
