using Microsoft.ML;
using Xunit;

namespace MLNet.Regularization.Tuning.Tests.Search;

/// <summary>Bad input gets an error naming the option or the store, before any trial.</summary>
public class SearchBadInputTests
{
    private static readonly MLContext Ml = new(seed: 1);

    private static Exception CreateError(SearchOptions search) =>
        Assert.ThrowsAny<ArgumentException>(() => Ml.Tuning().CreateSearch(SearchData.QuickMlp(), search));

    [Fact]
    public void An_unknown_option_is_refused_naming_it_and_the_trainers_options()
    {
        var error = CreateError(new SearchOptions { Space = new SearchSpace { ["Dropuot"] = SearchRange.Uniform(0, 0.5) } });
        Assert.Contains("Dropuot", error.Message);
        Assert.Contains("Dropout", error.Message);
    }

    [Fact]
    public void A_range_outside_the_options_valid_values_is_refused_naming_both()
    {
        var error = CreateError(new SearchOptions { Space = new SearchSpace { ["Dropout"] = SearchRange.Uniform(0, 1) } });
        Assert.Contains("Dropout", error.Message);
        Assert.Contains("[0, 1)", error.Message);
        Assert.Contains("Momentum", CreateError(new SearchOptions { Space = new SearchSpace { ["Momentum"] = SearchRange.Categorical(0.5, 1.5) } }).Message);
        Assert.Contains("HiddenLayers", CreateError(new SearchOptions { Space = new SearchSpace { ["HiddenLayers"] = SearchRange.Categorical(new[] { 8, 0 }) } }).Message);
    }

    [Fact]
    public void A_range_of_the_wrong_kind_for_the_option_is_refused()
    {
        Assert.Contains("Integer", CreateError(new SearchOptions { Space = new SearchSpace { ["EnsembleSize"] = SearchRange.Uniform(1, 3) } }).Message);
        Assert.Contains("BatchNormalization", CreateError(new SearchOptions { Space = new SearchSpace { ["BatchNormalization"] = SearchRange.Categorical(0.5) } }).Message);
    }

    [Fact]
    public void A_zero_budget_and_a_search_without_budget_are_refused()
    {
        Assert.Equal("MaxTrials", Assert.Throws<ArgumentOutOfRangeException>(() => Ml.Tuning().CreateSearch(SearchData.QuickMlp(), new SearchOptions { MaxTrials = 0 })).ParamName);
        Assert.Equal("MaxTime", Assert.Throws<ArgumentOutOfRangeException>(() => Ml.Tuning().CreateSearch(SearchData.QuickMlp(), new SearchOptions { MaxTime = TimeSpan.Zero })).ParamName);
        Assert.Contains("budget", Assert.Throws<ArgumentOutOfRangeException>(() => Ml.Tuning().CreateSearch(SearchData.QuickMlp(), new SearchOptions { MaxTrials = null })).Message);
    }

    [Fact]
    public void A_metric_the_task_does_not_produce_is_refused_naming_the_tasks_metrics()
    {
        var error = CreateError(new SearchOptions { Metric = "RSquared" });
        Assert.Contains("RSquared", error.Message);
        Assert.Contains("MicroAccuracy", error.Message);
    }

    [Fact]
    public void A_storage_that_does_not_parse_or_cannot_be_reached_fails_before_any_trial()
    {
        var data = SearchData.Blobs(Ml, 60, seed: 1);
        var garbage = Assert.Throws<ArgumentException>(() => Ml.Tuning().CreateSearch(SearchData.QuickMlp(), new SearchOptions { Storage = "mysql://nowhere" }).Run(data));
        Assert.Contains("mysql://nowhere", garbage.Message);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var unreachable = Assert.Throws<InvalidOperationException>(() => Ml.Tuning().CreateSearch(SearchData.QuickMlp(),
            new SearchOptions { Storage = "postgresql://tuner:secret@127.0.0.1:1/search" }).Run(data));
        Assert.Contains("127.0.0.1:1", unreachable.Message);
        Assert.DoesNotContain("secret", unreachable.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void Data_without_the_options_columns_is_refused_naming_the_column()
    {
        var options = SearchData.QuickMlp();
        options.LabelColumnName = "Species";
        var error = Assert.Throws<ArgumentException>(() => Ml.Tuning().CreateSearch(options).Run(SearchData.Blobs(Ml, 30, seed: 1)));
        Assert.Contains("Species", error.Message);
    }

    [Fact]
    public void An_empty_space_is_refused()
    {
        Assert.Contains("empty", CreateError(new SearchOptions { Space = new SearchSpace() }).Message);
    }
}
