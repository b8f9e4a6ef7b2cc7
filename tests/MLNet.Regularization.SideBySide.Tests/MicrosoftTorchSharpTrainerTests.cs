using Microsoft.ML;
using Microsoft.ML.TorchSharp;
using Xunit;
using Xunit.Abstractions;

namespace MLNet.Regularization.SideBySide.Tests;

/// <summary>
/// Which of Microsoft.ML.TorchSharp 0.23.1's trainers can run on TorchSharp 0.107, as far as can be told without their
/// pretrained weights, which each downloads at Fit time. The tests do not call their Fit: offline, the download can wait
/// for minutes before it fails.
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
}
