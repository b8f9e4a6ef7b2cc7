using Microsoft.ML;
using Xunit;

namespace MLNet.Regularization.Tuning.Tests.Search;

/// <summary>Searches that train real networks: what the trials record, reproducibility, failures, budgets and the best model.</summary>
public class SearchTests
{
    private static readonly SearchSpace LearningRateAndDropout = new()
    {
        ["LearningRate"] = SearchRange.LogUniform(1e-4, 3e-2),
        ["Dropout"] = SearchRange.Uniform(0, 0.5),
    };

    [Fact]
    public void A_search_records_every_trial_and_its_best_options_train_an_ordinary_model()
    {
        var ml = new MLContext(seed: 1);
        var data = SearchData.Blobs(ml, 300, seed: 1);
        var result = ml.Tuning().CreateSearch(SearchData.QuickMlp(), new SearchOptions
        {
            Space = LearningRateAndDropout, Sampler = new RandomSampler(), Pruner = null, MaxTrials = 5, Seed = 3,
        }).Run(data);

        Assert.Equal(5, result.Trials.Count);
        Assert.All(result.Trials, t =>
        {
            Assert.Equal(TrialState.Complete, t.State);
            Assert.Equal(6, t.Epochs);
            Assert.InRange(t.Value!.Value, 0, 1);
            Assert.InRange((double)t.Options["LearningRate"], 1e-4, 3e-2);
        });
        Assert.Equal(result.Trials.Max(t => t.Value), result.BestTrial.Value);
        Assert.Equal(result.Leaderboard[0], result.BestTrial);
        Assert.Equal((double)result.BestTrial.Options["LearningRate"], result.BestOptions.LearningRate);
        Assert.Equal([(double)result.BestTrial.Options["Dropout"]], ((RegularizedMlpOptions)result.BestOptions).Dropout);

        using var model = result.FitBest(data);
        double accuracy = ml.MulticlassClassification.Evaluate(model.Transform(data)).MicroAccuracy;
        Assert.True(accuracy > 0.6, $"the best options trained to {accuracy} on the training rows");
        Assert.StartsWith("number,state,MicroAccuracy,epochs,seconds,worker,LearningRate,Dropout,error", result.ToCsv());

        string folder = Directory.CreateTempSubdirectory("search-plots-").FullName;
        try
        {
            result.SaveLearningCurves(Path.Combine(folder, "curves.png"));
            result.SaveOptimizationHistory(Path.Combine(folder, "history.png"));
            result.SaveCsv(Path.Combine(folder, "leaderboard.csv"));
            foreach (string png in new[] { "curves.png", "history.png" })
                Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(Path.Combine(folder, png)).Take(4));
            Assert.Equal(6, File.ReadAllLines(Path.Combine(folder, "leaderboard.csv")).Length);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void The_same_seed_with_one_worker_runs_the_same_trials()
    {
        string Run()
        {
            var ml = new MLContext(seed: 1);
            var result = ml.Tuning().CreateSearch(SearchData.QuickMlp(), new SearchOptions { Space = LearningRateAndDropout, MaxTrials = 4, Seed = 7 })
                .Run(SearchData.Blobs(ml, 300, seed: 1));
            return string.Join("\n", result.Trials.Select(t => $"{t.State} {t.Value:R} {string.Join(";", t.EpochValues.Select(v => v.ToString("R")))} {string.Join(";", t.Options.Values.Select(SearchValues.Describe))}"));
        }
        Assert.Equal(Run(), Run());
    }

    [Fact]
    public void A_failing_trial_is_recorded_with_its_error_and_the_search_goes_on()
    {
        var ml = new MLContext(seed: 1);
        // Nesterov momentum needs a momentum above 0: trials that pick 0 fail when their trainer is created; the others train.
        var result = ml.Tuning().CreateSearch(NesterovSgd(), new SearchOptions
        {
            Space = new SearchSpace { ["Momentum"] = SearchRange.Categorical(0.0, 0.9) },
            Sampler = new GridSampler(), Pruner = null, MaxTrials = 10, Seed = 1,
        }).Run(SearchData.Blobs(ml, 120, seed: 2));

        Assert.Equal(2, result.Trials.Count);   // the grid's size caps the budget
        var failed = Assert.Single(result.Trials, t => t.State == TrialState.Failed);
        Assert.Equal(0.0, failed.Options["Momentum"]);
        Assert.Contains("Nesterov", failed.Error);
        Assert.Equal(0.9, result.BestTrial.Options["Momentum"]);
    }

    [Fact]
    public void A_search_whose_every_trial_fails_says_so()
    {
        var ml = new MLContext(seed: 1);
        var error = Assert.Throws<InvalidOperationException>(() => ml.Tuning().CreateSearch(NesterovSgd(), new SearchOptions
        {
            Space = new SearchSpace { ["Momentum"] = SearchRange.Categorical(0.0) }, MaxTrials = 2, Seed = 1,
        }).Run(SearchData.Blobs(ml, 60, seed: 2)));
        Assert.Contains("Every trial", error.Message);
        Assert.Contains("Nesterov", error.Message);
    }

    private static RegularizedMlpMulticlassTrainer.Options NesterovSgd()
    {
        var options = SearchData.QuickMlp();
        options.Optimizer = Optimizer.Sgd;
        options.Nesterov = true;
        options.Momentum = 0.9;
        return options;
    }

    [Fact]
    public void The_time_budget_stops_new_trials()
    {
        var ml = new MLContext(seed: 1);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = ml.Tuning().CreateSearch(SearchData.QuickMlp(epochs: 4), new SearchOptions
        {
            Space = LearningRateAndDropout, MaxTrials = null, MaxTime = TimeSpan.FromSeconds(2), Seed = 1,
        }).Run(SearchData.Blobs(ml, 300, seed: 1));
        Assert.NotEmpty(result.Trials);
        // No trial starts after the budget; the last one may finish after it, and none is left running.
        Assert.All(result.Trials, t => Assert.NotEqual(TrialState.Running, t.State));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2) + TimeSpan.FromSeconds(result.Trials.Max(t => t.Seconds)) + TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void Asha_prunes_trials_whose_learning_rate_cannot_learn_and_keeps_the_best()
    {
        var ml = new MLContext(seed: 1);
        var result = ml.Tuning().CreateSearch(SearchData.QuickMlp(epochs: 9), new SearchOptions
        {
            // Half of the learning rates are far too small to learn anything in 9 epochs.
            Space = new SearchSpace { ["LearningRate"] = SearchRange.Categorical(1e-7, 2e-7, 5e-7, 0.01, 0.02, 0.03) },
            Sampler = new GridSampler(), Pruner = new AshaPruner(), Seed = 1,
        }).Run(SearchData.Blobs(ml, 300, seed: 1));

        var pruned = result.Trials.Where(t => t.State == TrialState.Pruned).ToArray();
        Assert.NotEmpty(pruned);
        Assert.All(pruned, t => Assert.True(t.Epochs < 9));
        // A hopeless trial that follows a good one stops at the first rung (epoch 1), at chance accuracy.
        Assert.All(result.Trials.Where(t => t.Number > 0 && (double)t.Options["LearningRate"] < 1e-6), t =>
        {
            Assert.Equal(TrialState.Pruned, t.State);
            Assert.Equal(1, t.Epochs);
        });
        Assert.True((double)result.BestTrial.Options["LearningRate"] >= 0.01);
    }
}
