using Microsoft.ML;
using Microsoft.ML.TorchSharp;
using Xunit;
using Xunit.Abstractions;

namespace MLNet.Regularization.SideBySide.Tests;

/// <summary>
/// Which of Microsoft.ML.TorchSharp 0.23.1's trainers can run on TorchSharp 0.107, as far as can be told without their
/// pretrained weights, which each downloads at Fit time (this machine has no network).
/// </summary>
public class MicrosoftTorchSharpTrainerTests(ITestOutputHelper output)
{
    /// <summary>Binds each of Microsoft.ML.TorchSharp's references into TorchSharp against 0.107, as the JIT compiler would:
    /// the only one that fails is <c>torch.nn.functional.interpolate</c> (its parameters changed), called by the forward
    /// pass of object detection's AutoFormerV2 network. The text trainers (text classification, sentence similarity, named
    /// entity recognition, question answering) call nothing that 0.107 lacks.</summary>
    [Fact]
    public void Every_TorchSharp_call_of_Microsoft_ML_TorchSharp_binds_on_0_107_except_interpolate_in_object_detection()
    {
        var (references, unbound, typesNotLoading) = TorchSharpBinding.Check(typeof(TorchSharpCatalog).Assembly);
        output.WriteLine($"{references} references into TorchSharp; {unbound.Count} do not bind on 0.107:");
        foreach (var u in unbound) output.WriteLine($"  {u.Member} ({u.Error}), used by {string.Join(", ", u.UsedBy)}");

        Assert.True(references > 100, $"Only {references} references into TorchSharp were found: the check does not see them.");
        Assert.Empty(typesNotLoading);
        var member = Assert.Single(unbound);
        Assert.Equal("TorchSharp.torch.nn.functional.interpolate", member.Member);
        Assert.NotEmpty(member.UsedBy);
        Assert.All(member.UsedBy, user => Assert.StartsWith("Microsoft.ML.TorchSharp.AutoFormerV2.", user));
    }

    public static TheoryData<string> Trainers => ["TextClassification", "SentenceSimilarity", "NamedEntityRecognition", "QuestionAnswer", "ObjectDetection"];

    /// <summary>Fit builds the trainer's TorchSharp network on 0.107 (every module constructor runs) and then fetches the
    /// pretrained weights: offline it fails there, with ML.NET's "could not be downloaded" error and not with a missing
    /// TorchSharp member. Where the weights can be fetched, Fit goes on to train.</summary>
    [Theory]
    [MemberData(nameof(Trainers))]
    public void Fit_builds_the_network_on_0_107_and_fails_offline_only_where_it_fetches_the_pretrained_weights(string trainer)
    {
        var folder = Directory.CreateTempSubdirectory("mlnet-torchsharp-").FullName;
        try
        {
            var ml = new MLContext(seed: 1) { TempFilePath = folder }; // the weights would be downloaded under TempFilePath/mlnet
            var (estimator, data) = MicrosoftTrainerData.Create(ml, trainer, folder);

            Exception? error = null;
            try
            {
                (estimator.Fit(data) as IDisposable)?.Dispose();
            }
            catch (Exception e)
            {
                error = e;
            }
            output.WriteLine(error is null ? $"{trainer}: trained" : $"{trainer}: {error.GetType().Name}: {error.Message}");

            if (error is null) return; // the weights were fetched, and it trained on 0.107
            var chain = Chain(error).ToArray();
            Assert.DoesNotContain(chain, e => e is MissingMemberException or TypeLoadException);
            Assert.Contains(chain, e => e.Message.Contains("could not be downloaded", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static IEnumerable<Exception> Chain(Exception error)
    {
        yield return error;
        var inner = error is AggregateException aggregate ? aggregate.InnerExceptions : error.InnerException is { } one ? [one] : [];
        foreach (var e in inner)
            foreach (var nested in Chain(e)) yield return nested;
    }
}
