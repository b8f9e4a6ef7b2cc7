using System.Reflection;
using Microsoft.ML.TorchSharp.NasBert;
using Xunit;

namespace MLNet.Regularization.SideBySide.Tests;

/// <summary>The application restores and loads one TorchSharp, 0.107, for the pack and for Microsoft.ML.TorchSharp.</summary>
public class OneTorchSharpTests
{
    [Fact]
    public void The_pack_and_Microsoft_ML_TorchSharp_bind_to_one_TorchSharp_assembly_of_version_0_107()
    {
        var fromPack = typeof(RegularizedNetworkModel).Assembly.GetReferencedAssemblies().Single(a => a.Name == "TorchSharp");
        var fromMicrosoft = typeof(TextClassificationTrainer).Assembly.GetReferencedAssemblies().Single(a => a.Name == "TorchSharp");

        var loadedForPack = Assembly.Load(fromPack);
        var loadedForMicrosoft = Assembly.Load(fromMicrosoft);

        Assert.Same(loadedForPack, loadedForMicrosoft);
        var version = loadedForPack.GetName().Version!;
        Assert.True(version is { Major: 0, Minor: 107 }, $"TorchSharp {version} is loaded; the pack is built for 0.107.");
        Assert.Single(AppDomain.CurrentDomain.GetAssemblies(), a => a.GetName().Name == "TorchSharp");
        Assert.Single(Directory.GetFiles(AppContext.BaseDirectory, "TorchSharp.dll", SearchOption.AllDirectories));
    }
}
