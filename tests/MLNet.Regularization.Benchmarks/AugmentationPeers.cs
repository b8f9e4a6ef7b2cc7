using System.Diagnostics;
using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;
using TV = TorchSharp.torchvision.transforms;
using TVF = TorchSharp.torchvision.transforms.functional;

namespace MLNet.Regularization.Benchmarks;

/// <summary>
/// The two peers of <see cref="AugmentationBenchmark"/>: ../shared/bench/torchvision_augment.py (Python torchvision, child
/// process, JSON lines) and TorchVision for .NET 0.107 on float32 CHW tensors. Neither throws: on failure they return null
/// and say why.
/// </summary>
internal static class AugmentationPeers
{
    private const string Python = PyTorchPeer.Python;
    private const string InstallHint = "apt-get update && apt-get install -y --no-install-recommends python3-torch python3-torchvision (as root)";

    /// <summary>Runs the Python script for one size; returns images per second by the script's transform name.</summary>
    public static Dictionary<string, double>? RunPython(string script, int size, int channels, int n, int threads, out string? skipReason,
        IEnumerable<string>? transforms = null)
    {
        try
        {
            if (!File.Exists(script))
            {
                skipReason = $"the peer script {script} was not found";
                return null;
            }
            if (!File.Exists(Python) || Execute(["-c", "import torch, torchvision"], TimeSpan.FromSeconds(60)).ExitCode != 0)
            {
                skipReason = $"torch/torchvision are not installed for {Python}; install them with: {InstallHint}";
                return null;
            }
            string[] arguments = [script, "--size", $"{size}", "--channels", $"{channels}", "--n", $"{n}", "--threads", $"{threads}",
                .. transforms is null ? [] : new[] { "--transforms", string.Join(',', transforms) }];
            var (exitCode, output) = Execute(arguments, TimeSpan.FromMinutes(3));
            if (exitCode != 0)
            {
                skipReason = $"{Python} {Path.GetFileName(script)} exited with code {exitCode}";
                return null;
            }
            var result = new Dictionary<string, double>();
            foreach (string line in output.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith('{')))
            {
                using var json = JsonDocument.Parse(line);
                var root = json.RootElement;
                if (root.TryGetProperty("transform", out var name) && root.TryGetProperty("images_per_s", out var rate))
                {
                    result[name.GetString() ?? "?"] = rate.GetDouble();
                }
            }
            skipReason = result.Count == 0 ? $"{Path.GetFileName(script)} printed no JSON line" : null;
            return result.Count == 0 ? null : result;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or IOException or JsonException or InvalidOperationException or TimeoutException)
        {
            skipReason = $"the peer failed: {e.Message}";
            return null;
        }
    }

    private static (int ExitCode, string Output) Execute(IEnumerable<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Python}.");
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Python} did not finish within {timeout.TotalSeconds:0} s");
        }
        process.WaitForExit();
        if (process.ExitCode != 0 && error.Result.Length > 0) Console.Error.WriteLine($"  [torchvision] {error.Result.Trim()}");
        return (process.ExitCode, output.Result);
    }

    /// <summary>
    /// Images per second of TorchVision for .NET: its own random transforms where it has them (RandomHorizontalFlip,
    /// RandomVerticalFlip, RandomRotation, RandomResizedCrop, ColorJitter, GaussianBlur); for RandomCrop, RandomErasing and
    /// RandomAffine, which TorchVision 0.107 does not have, its functional ops (pad+crop, erase, affine) with parameters
    /// drawn as ours. Noise is randn_like + clamp.
    /// </summary>
    public static Dictionary<string, double>? MeasureTorchSharp(int size, int channels, double budget, int threads, string[] operations, out string? skipReason)
    {
        try
        {
            torch.set_num_threads(threads);
            torch.manual_seed(0);
            var random = new Random(42);
            int poolSize = size <= 64 ? 256 : 16;
            using var pool = torch.rand(poolSize, channels, size, size);
            var images = Enumerable.Range(0, poolSize).Select(i => pool[i].clone()).ToArray();
            int pad = size / 8;
            var hflip = TV.RandomHorizontalFlip(1.0);
            var vflip = TV.RandomVerticalFlip(1.0);
            var rotation = TV.RandomRotation(15, InterpolationMode.Nearest);
            var resizedCrop = TV.RandomResizedCrop(size, 0.6, 1.0);
            var jitter = TV.ColorJitter(0.4f, 0.4f, 0.4f, 0.1f);
            var blur = TV.GaussianBlur(5, 0.1f, 2.0f);
            using var zero = torch.tensor(0f);
            float U(double lo, double hi) => (float)(lo + random.NextDouble() * (hi - lo));
            var table = new Dictionary<string, Func<Tensor, Tensor>>
            {
                ["hflip"] = x => hflip.call(x),
                ["vflip"] = x => vflip.call(x),
                ["rotate"] = x => rotation.call(x),
                ["crop"] = x => TVF.crop(TVF.pad(x, pad, 0, PaddingModes.Constant), random.Next(2 * pad + 1), random.Next(2 * pad + 1), size, size),
                ["resized_crop"] = x => resizedCrop.call(x),
                ["noise"] = x => (x + 0.1f * torch.randn_like(x)).clamp(0f, 1f),
                ["color_jitter"] = x => jitter.call(x),
                ["erasing"] = x =>
                {
                    double target = size * size * U(0.02, 0.33), ratio = Math.Exp(U(Math.Log(0.3), Math.Log(3.3)));
                    int h = Math.Min(size, Math.Max(1, (int)Math.Round(Math.Sqrt(target / ratio))));
                    int w = Math.Min(size, Math.Max(1, (int)Math.Round(Math.Sqrt(target * ratio))));
                    return TVF.erase(x, random.Next(size - h + 1), random.Next(size - w + 1), h, w, zero);
                },
                ["affine"] = x => TVF.affine(x, new List<float> { U(-10, 10), 0f }, U(-15, 15),
                    new List<int> { (int)Math.Round(U(-0.1 * size, 0.1 * size)), (int)Math.Round(U(-0.1 * size, 0.1 * size)) }, U(0.9, 1.1),
                    InterpolationMode.Bilinear),
                ["blur"] = x => blur.call(x),
            };
            string[] chain7 = ["hflip", "vflip", "rotate", "crop", "resized_crop", "noise", "color_jitter"];
            string[] chain10 = [.. chain7, "erasing", "affine", "blur"];
            table["chain7"] = x => chain7.Aggregate(x, (t, op) => table[op](t));
            table["chain10"] = x => chain10.Aggregate(x, (t, op) => table[op](t));

            var result = new Dictionary<string, double>();
            var failures = new List<string>();
            Console.Write($"  [{size}x{size}] TorchVision .NET:");
            foreach (string op in operations.Where(table.ContainsKey))
            {
                var f = table[op];
                try
                {
                    var warmUp = Stopwatch.StartNew();
                    for (int i = 0; i < 5 || warmUp.Elapsed.TotalSeconds < AugmentationBenchmark.WarmUpSeconds; i++)
                    {
                        using var scope = torch.NewDisposeScope();
                        f(images[i % poolSize]);
                    }
                    long count = 0;
                    var watch = Stopwatch.StartNew();
                    while (watch.Elapsed.TotalSeconds < budget)
                    {
                        using var scope = torch.NewDisposeScope();
                        f(images[count % poolSize]);
                        count++;
                    }
                    result[op] = count / watch.Elapsed.TotalSeconds;
                    Console.Write($" {op} {AugmentationBenchmark.F(result[op])}");
                }
                catch (Exception e)
                {
                    failures.Add($"{op}: {e.GetType().Name}: {e.Message.Split('\n')[0]}");
                }
            }
            Console.WriteLine();
            foreach (string failure in failures) Console.WriteLine($"  [{size}x{size}] TorchVision .NET op failed, {failure}");
            foreach (var image in images) image.Dispose();
            skipReason = result.Count == 0 ? "every op failed" : null;
            return result.Count == 0 ? null : result;
        }
        catch (Exception e) when (e is TypeInitializationException or DllNotFoundException or NotSupportedException or InvalidOperationException)
        {
            skipReason = $"TorchSharp could not run: {e.Message}";
            return null;
        }
    }
}
