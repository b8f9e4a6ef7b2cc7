using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using Xunit;

namespace MLNet.Regularization.Tests.Training;

/// <summary>The trainers use the host MLContext: its cancel flag, its random source when no seed is given, and its log.</summary>
public class HostEnvironmentTests
{
    /// <summary><c>MLContext.CancelExecution</c> is internal in ML.NET 5 (AutoML calls it); users reach it by reflection.</summary>
    private static void CancelExecution(MLContext ml) =>
        typeof(MLContext).GetMethod("CancelExecution", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)!.Invoke(ml, null);

    private sealed class OnEpoch(Action<EpochReport> action) : IProgress<EpochReport>
    {
        public void Report(EpochReport value) => action(value);
    }

    [Fact]
    public void The_cancel_flag_of_the_MLContext_is_found()
    {
        var ml = new MLContext(seed: 1);
        var environment = CatalogEnvironment.Of(ml.Regression.Trainers)!;
        Assert.False(CatalogEnvironment.IsCanceled(environment));

        CancelExecution(ml);

        Assert.True(CatalogEnvironment.IsCanceled(environment));
    }

    [Fact]
    public void CancelExecution_stops_Fit_at_the_next_batch_with_OperationCanceledException()
    {
        var ml = new MLContext(seed: 1);
        int epochs = 0, steps = 0, stepsAtCancel = 0;
        var trainer = ml.Regression.Trainers.RegularizedMlp(Quick.Regression(o =>
        {
            o.Epochs = 1000;
            o.Progress = new OnEpoch(_ =>
            {
                epochs++;
                stepsAtCancel = steps;
                CancelExecution(ml);
            });
        }));
        trainer.AfterStep = _ => steps++;

        var error = Assert.ThrowsAny<OperationCanceledException>(() => trainer.Fit(TestData.Regression(ml, 200)));

        Assert.Equal(1, epochs);
        Assert.Equal(stepsAtCancel, steps);     // not one more optimizer step after the cancel
        Assert.Contains("canceled", error.Message);
    }

    [Fact]
    public void CancelExecution_from_another_thread_ends_a_long_Fit_promptly()
    {
        var ml = new MLContext(seed: 1);
        var trainer = ml.Regression.Trainers.RegularizedMlp(Quick.Regression(o => o.Epochs = 100_000));
        var data = TestData.Regression(ml, 200);
        var fit = Task.Run(() => trainer.Fit(data));
        Thread.Sleep(1000);
        var canceledAt = System.Diagnostics.Stopwatch.StartNew();

        CancelExecution(ml);

        Assert.ThrowsAny<OperationCanceledException>(() => fit.GetAwaiter().GetResult());
        Assert.True(canceledAt.Elapsed < TimeSpan.FromSeconds(5), $"Fit ended {canceledAt.Elapsed} after the cancel");
    }

    private static (float[] Scores, int Seed) TrainWithoutSeed(int contextSeed)
    {
        var ml = new MLContext(seed: contextSeed);
        var data = TestData.Regression(ml, 200);
        var model = ml.Regression.Trainers.RegularizedMlp(Quick.Regression(o =>
        {
            o.Seed = null;
            o.Epochs = 3;
            o.Dropout = [0.2];
            o.ValidationFraction = 0.2;
        })).Fit(data);
        return (model.Transform(data).GetColumn<float>("Score").ToArray(), model.TrainingReport.Seed);
    }

    [Fact]
    public void Without_a_seed_the_MLContext_seed_makes_training_reproducible_and_another_context_seed_changes_it()
    {
        var first = TrainWithoutSeed(5);
        var again = TrainWithoutSeed(5);
        var other = TrainWithoutSeed(6);

        Assert.Equal(first.Seed, again.Seed);
        Assert.Equal(first.Scores, again.Scores);
        Assert.NotEqual(first.Seed, other.Seed);
        Assert.NotEqual(first.Scores, other.Scores);
    }

    [Fact]
    public void A_given_seed_is_used_as_it_is_whatever_the_MLContext_seed()
    {
        var a = new MLContext(seed: 5).Regression.Trainers.RegularizedMlp(Quick.Regression(o => { o.Seed = 42; o.Epochs = 1; }))
            .Fit(TestData.Regression(new MLContext(), 100));
        var b = new MLContext(seed: 6).Regression.Trainers.RegularizedMlp(Quick.Regression(o => { o.Seed = 42; o.Epochs = 1; }))
            .Fit(TestData.Regression(new MLContext(), 100));

        Assert.Equal(42, a.TrainingReport.Seed);
        Assert.Equal(a.Network.Members[0].Layers()[0].Weight, b.Network.Members[0].Layers()[0].Weight);
    }

    [Fact]
    public void The_network_records_the_seed_drawn_from_the_MLContext_among_its_options()
    {
        var ml = new MLContext(seed: 5);
        var model = ml.Regression.Trainers.RegularizedMlp(Quick.Regression(o => { o.Seed = null; o.Epochs = 1; })).Fit(TestData.Regression(ml, 50));

        Assert.Contains($"\"Seed\":{model.TrainingReport.Seed}", model.Network.Options);
    }

    [Fact]
    public void The_simple_catalog_overload_draws_its_seed_from_the_MLContext()
    {
        static int SeedOf(int contextSeed)
        {
            var ml = new MLContext(seed: contextSeed);
            return ml.Regression.Trainers.RegularizedMlp(hiddenLayers: [4], epochs: 1).Fit(TestData.Regression(ml, 50)).TrainingReport.Seed;
        }

        Assert.Equal(SeedOf(5), SeedOf(5));
        Assert.NotEqual(SeedOf(5), SeedOf(6));
    }

    [Fact]
    public void Training_messages_reach_the_MLContext_log_of_the_host()
    {
        var ml = new MLContext(seed: 1);
        var messages = new List<LoggingEventArgs>();
        ml.Log += (_, e) => { lock (messages) messages.Add(e); };

        ml.MulticlassClassification.Trainers.RegularizedMlp(Quick.Multiclass(o => o.Epochs = 2)).Fit(TestData.Multiclass(ml, 100));

        lock (messages)
            Assert.Equal(2, messages.Count(m => m.Source == nameof(RegularizedMlpMulticlassTrainer) && m.Kind == ChannelMessageKind.Info
                && m.RawMessage.Contains("train loss")));
    }
}
