using System.Diagnostics;
using Microsoft.ML;
using MLNet.Regularization.Tuning.Storage;
using Xunit;

namespace MLNet.Regularization.Tuning.Tests.Search;

/// <summary>
/// Searches against a shared store, the same for SQLite and PostgreSQL: the store gives the same leaderboard as memory, a
/// search resumes and refuses another space, worker processes share the trials, and a worker killed mid-trial loses nothing.
/// </summary>
internal static class SearchStoreScenarios
{
    private static readonly SearchSpace Space = new()
    {
        ["LearningRate"] = SearchRange.LogUniform(1e-3, 3e-2),
        ["Dropout"] = SearchRange.Uniform(0, 0.5),
    };

    private static string Describe(SearchResult result) => string.Join("\n", result.Trials.Select(t =>
        $"{t.Number} {t.State} {t.Value:R} {string.Join(";", t.EpochValues.Select(v => v.ToString("R")))} {string.Join(";", t.Options.Values.Select(SearchValues.Describe))}"));

    public static void Agrees_with_memory(string storage)
    {
        SearchResult Run(string? store)
        {
            var ml = new MLContext(seed: 1);
            return ml.Tuning().CreateSearch(SearchData.QuickMlp(), new SearchOptions
            {
                Name = "agree-" + Guid.NewGuid().ToString("N"), Storage = store, Space = Space, MaxTrials = 4, Seed = 5,
            }).Run(SearchData.Blobs(ml, 240, seed: 3));
        }
        Assert.Equal(Describe(Run(null)), Describe(Run(storage)));
    }

    public static void Resumes_and_refuses_another_space(string storage)
    {
        string name = "resume-" + Guid.NewGuid().ToString("N");
        SearchResult Run(int trials, SearchSpace space)
        {
            var ml = new MLContext(seed: 1);
            return ml.Tuning().CreateSearch(SearchData.QuickMlp(), new SearchOptions
            {
                Name = name, Storage = storage, Space = space, MaxTrials = trials, Seed = 5, Sampler = new RandomSampler(),
            }).Run(SearchData.Blobs(ml, 240, seed: 3));
        }
        var first = Run(2, Space);
        var resumed = Run(4, Space);
        Assert.Equal(4, resumed.Trials.Count);
        Assert.Equal(Describe(first), Describe(new MLContext().Tuning().LoadSearch(storage, name)).Split('\n').Take(2).Aggregate((a, b) => a + "\n" + b));
        Assert.StartsWith(Describe(first), Describe(resumed));

        var other = new SearchSpace(Space) { ["Dropout"] = SearchRange.Uniform(0, 0.3) };
        var error = Assert.Throws<InvalidOperationException>(() => Run(6, other));
        Assert.Contains("search space differs", error.Message);
        Assert.Contains("Dropout: uniform [0, 0.5]", error.Message);
        Assert.Contains("Dropout: uniform [0, 0.3]", error.Message);
    }

    public static void Worker_processes_share_the_trials(string storage)
    {
        var ml = new MLContext(seed: 1);
        var result = ml.Tuning().CreateSearch(SearchData.QuickMlp(epochs: 20), new SearchOptions
        {
            Name = "workers-" + Guid.NewGuid().ToString("N"), Storage = storage, Space = Space, MaxTrials = 8, Seed = 5, Pruner = null, Workers = 2, ThreadsPerTrial = 1,
        }).Run(SearchData.Blobs(ml, 600, seed: 3));

        Assert.Empty(result.Notes);
        Assert.Equal(8, result.Trials.Count);
        Assert.All(result.Trials, t => Assert.Equal(TrialState.Complete, t.State));
        Assert.Equal(8, result.Trials.Select(t => t.Number).Distinct().Count());
        Assert.Equal(2, result.Trials.Select(t => t.Worker).Distinct().Count());
    }

    /// <summary>A worker process is killed while it trains a trial: the trial is failed for its missed heartbeats and queued
    /// again, this process's worker runs the copy, and the search ends with every trial of its budget complete.</summary>
    public static void A_killed_worker_loses_nothing(string storage)
    {
        string name = "kill-" + Guid.NewGuid().ToString("N");
        var ml = new MLContext(seed: 1);
        var search = ml.Tuning().CreateSearch(SearchData.QuickMlp(epochs: 40), new SearchOptions
        {
            Name = name, Storage = storage, Space = Space, MaxTrials = 4, Seed = 5, Pruner = null, ThreadsPerTrial = 1,
            HeartbeatInterval = TimeSpan.FromSeconds(0.5), HeartbeatTimeout = TimeSpan.FromSeconds(4),
        });
        var run = Task.Run(() => search.Run(SearchData.Blobs(ml, 600, seed: 3)));
        using var store = TrialStorage.Open(storage);
        var record = Poll(() => store.Find(name), "the search to be stored");
        using var worker = StartWorker(storage, name);
        string workerName = $"{Environment.MachineName}:{worker.Id}";
        var victim = Poll(() => store.Trials(record.Id).FirstOrDefault(t => t.Worker == workerName && t.State == TrialState.Running && t.EpochValues.Count >= 2),
            "the worker process to train a trial");
        worker.Kill(entireProcessTree: true);
        worker.WaitForExit();

        var result = run.GetAwaiter().GetResult();
        var failed = Assert.Single(result.Trials, t => t.State == TrialState.Failed);
        Assert.Equal(victim.Number, failed.Number);
        Assert.Contains("stopped sending heartbeats", failed.Error);
        Assert.Contains(workerName, failed.Error);
        var retry = Assert.Single(result.Trials, t => t.RetryOf == victim.Number);
        Assert.Equal(TrialState.Complete, retry.State);
        Assert.Equal(failed.Options.Values.Select(SearchValues.Describe), retry.Options.Values.Select(SearchValues.Describe));
        Assert.Equal(4, result.Trials.Count(t => t.State == TrialState.Complete));
    }

    private static Process StartWorker(string storage, string name)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (string argument in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "MLNet.Regularization.Tuning.Worker.dll"), "--storage", storage, "--search", name,
            "--threads", "1", "--heartbeat-interval", "0.5", "--heartbeat-timeout", "4",
        })
            start.ArgumentList.Add(argument);
        var process = Process.Start(start)!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static T Poll<T>(Func<T?> find, string what) where T : class
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(120))
        {
            if (find() is { } found) return found;
            Thread.Sleep(100);
        }
        throw new TimeoutException($"Waited two minutes for {what}.");
    }
}
