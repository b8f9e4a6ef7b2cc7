using System.Diagnostics;
using Xunit;

namespace MLNet.Regularization.Tests.Scoring;

/// <summary>Runs tests/MLNet.Regularization.LoadProbe, a stand-alone application built next to this test assembly, in a new process.</summary>
public static class LoadProbeApplication
{
    /// <summary>Runs the probe with <paramref name="arguments"/> and the extra <paramref name="environment"/> variables; returns its output lines.</summary>
    public static string[] Run(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var probe = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory.Replace("MLNet.Regularization.Tests", "MLNet.Regularization.LoadProbe"),
            "MLNet.Regularization.LoadProbe.dll"));
        Assert.True(File.Exists(probe), $"The load probe application was not built: {probe}");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(probe);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(300_000), "the load probe did not finish in five minutes");
        Assert.True(process.ExitCode == 0, $"the load probe failed: {error.Result}");
        return output.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}
