using System.Diagnostics;
using System.Text.Json;

namespace MLNet.Regularization.Benchmarks;

/// <summary>What the PyTorch peer printed: its version, seconds per epoch, training seconds and test accuracy.</summary>
internal sealed record PeerResult(string Version, double SecondsPerEpoch, double TrainSeconds, double TestAccuracy);

/// <summary>
/// Runs a PyTorch peer script (../shared/bench/torch_mlp.py for the MLP, Peers/torch_cnn.py for the CNN) with the system
/// Python as a child process and reads its JSON line. Never throws: when the peer cannot run, <see cref="Run"/> returns null
/// and says why.
/// </summary>
internal static class PyTorchPeer
{
    public const string Python = "/usr/bin/python3";
    public const string InstallHint = "apt-get update && apt-get install -y --no-install-recommends python3-torch (as root)";

    /// <summary>Runs <paramref name="script"/> with <paramref name="arguments"/>; null, and why in <paramref name="skipReason"/>, when it cannot run or fails.</summary>
    public static PeerResult? Run(string script, IEnumerable<string> arguments, out string? skipReason)
    {
        try
        {
            if (!File.Exists(script))
            {
                skipReason = $"the peer script {script} was not found";
                return null;
            }
            if (!File.Exists(Python) || Execute(["-c", "import torch"], echo: false).ExitCode != 0)
            {
                skipReason = $"PyTorch is not installed for {Python}; install it with: {InstallHint}";
                return null;
            }
            var (exitCode, output) = Execute([script, .. arguments], echo: true);
            if (exitCode != 0)
            {
                skipReason = $"{Python} {Path.GetFileName(script)} exited with code {exitCode}";
                return null;
            }
            string? line = output.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith('{'));
            if (line is null)
            {
                skipReason = $"{Path.GetFileName(script)} printed no JSON line";
                return null;
            }
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            skipReason = null;
            return new PeerResult(
                root.GetProperty("version").GetString() ?? "?",
                root.GetProperty("s_per_epoch").GetDouble(),
                root.GetProperty("train_s").GetDouble(),
                root.GetProperty("test_accuracy").GetDouble());
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or IOException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            skipReason = $"the peer failed: {e.Message}";
            return null;
        }
    }

    /// <summary>Runs the system Python; returns its exit code and standard output. Standard error is echoed when <paramref name="echo"/>.</summary>
    private static (int ExitCode, string Output) Execute(IEnumerable<string> arguments, bool echo)
    {
        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Python}.");
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            if (echo) Console.Error.WriteLine($"  [pytorch] {e.Data}");
        };
        process.BeginErrorReadLine();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }
}
