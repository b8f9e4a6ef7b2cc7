using System.Diagnostics;
using System.Globalization;
using MLNet.Regularization.ImageAugmentation;
using MLNet.Regularization.ImageAugmentation.Functional;

namespace MLNet.Regularization.Benchmarks;

/// <summary>
/// Augmentation throughput (images per second) of the pure pixel functions of MLNet.Regularization.ImageAugmentation,
/// one image at a time on a single thread, on 32x32 and 224x224 RGB float images in [0, 1] (planar CHW), with random
/// parameters drawn from a seeded <see cref="Random"/> as the transforms do. Next to them, in the same run:
/// ../shared/bench/torchvision_augment.py (Python torchvision 0.14, child process) and TorchVision for .NET 0.107
/// (see <see cref="AugmentationPeers"/>). Prints the ratios ours / peer (images per second; above 1 we are faster).
/// </summary>
/// <remarks>
///   dotnet run -c Release --project tests/MLNet.Regularization.Benchmarks -- --augment [--budget 0.5] [--threads 1] [--sizes 32,224] [--ops noise,chain7]
/// --budget is the seconds spent per operation per size on our side and on the TorchVision for .NET side; --threads is
/// what the peers get (torch intra-op threads), by default 1 like our side, which always runs on one thread (the peers'
/// README asks for the same number on both sides; torch's spinning worker threads also suffer most on a busy machine).
/// </remarks>
internal static class AugmentationBenchmark
{
    private const int Channels = 3;

    /// <summary>Seconds each operation runs before it is timed, on both .NET sides.</summary>
    internal const double WarmUpSeconds = 0.3;

    /// <summary>Our operation names, in print order. The first seven (and "chain7") are also in the shared Python script; erasing,
    /// affine, blur, the tone, sharpness, grayscale, perspective and elastic ones, chain10 and the four policies in Peers/torchvision_augment_more.py.</summary>
    internal static readonly string[] Operations =
        ["hflip", "vflip", "rotate", "crop", "resized_crop", "noise", "color_jitter", "erasing", "affine", "blur",
         "posterize", "solarize", "equalize", "autocontrast", "sharpness", "invert", "grayscale", "perspective", "elastic",
         "chain7", "chain10", "pipeline_vector", "pipeline_image", "compose_image",
         "randaugment", "trivialaugmentwide", "autoaugment", "augmix"];

    /// <summary>The name the Python scripts print for each of our operations.</summary>
    internal static string PythonName(string op) => op switch
    {
        "chain7" or "pipeline_vector" or "pipeline_image" or "compose_image" => "all",
        "chain10" => "all10",
        _ => op,
    };

    /// <summary>Whether an operation is a chain (compared with a chained peer) rather than a single transform.</summary>
    private static bool IsChain(string op) => PythonName(op) is "all" or "all10";

    public static int Run(string[] args)
    {
        double budget = Option(args, "--budget", 0.5);
        int threads = (int)Option(args, "--threads", 1);
        string[] operations = OptionString(args, "--ops", string.Join(',', Operations)).Split(',');
        if (operations.FirstOrDefault(o => !Operations.Contains(o)) is string unknown)
        {
            Console.Error.WriteLine($"Unknown operation '{unknown}' in --ops; the operations are {string.Join(',', Operations)}.");
            return 2;
        }

        int[] sizes = OptionString(args, "--sizes", "32,224").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        string script = Path.GetFullPath(Path.Combine(FindRepoRoot(), "..", "shared", "bench", "torchvision_augment.py"));
        string moreScript = Path.Combine(FindRepoRoot(), "tests", "MLNet.Regularization.Benchmarks", "Peers", "torchvision_augment_more.py");

        Console.WriteLine("Augmentation throughput, images per second, one image at a time, RGB float in [0,1], planar CHW.");
        Console.WriteLine($"Ours: pure functions, 1 thread, seeded xoshiro256** parameters, ~{budget:0.##} s per op per size. Peers: {threads} torch thread(s).");
        Console.WriteLine($"Machine: {Environment.ProcessorCount} logical cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}.");
        Console.WriteLine("Ops, with the Python script's parameters where it has the op: hflip/vflip (p=1), rotate (RandomRotation(15), nearest),");
        Console.WriteLine("     crop (RandomCrop(size, padding=size/8), constant 0), resized_crop (scale 0.6-1, ratio 3/4-4/3, bilinear, back to size),");
        Console.WriteLine("     noise (sigma 0.1, clamp [0,1]),");
        Console.WriteLine("     color_jitter (b/c/s 0.4, hue 0.1, random order), erasing (RandomErasing p=1, scale 0.02-0.33, ratio 0.3-3.3, value 0),");
        Console.WriteLine("     affine (+-15 deg, translate 0.1, scale 0.9-1.1, shear +-10, bilinear), blur (kernel 5, sigma 0.1-2),");
        Console.WriteLine("     chain7 = hflip,vflip,rotate,crop,resized_crop,noise,color_jitter (the Python script's \"all\"), chain10 = chain7 + erasing,affine,blur;");
        Console.WriteLine("     posterize (4 bits), solarize (threshold 0.5; 128 on uint8), equalize, autocontrast, sharpness (factor 2), invert, grayscale");
        Console.WriteLine("     (3 channels out), all with p=1; perspective (distortion 0.5, p=1, bilinear), elastic (alpha 50, sigma 5, bilinear);");
        Console.WriteLine("     erasing, affine, blur, the nine above and chain10 (\"all10\") are timed in torchvision by Peers/torchvision_augment_more.py, with these parameters.");
        Console.WriteLine("     pipeline_vector / pipeline_image = chain7 as seven mlContext.Transforms.Augment() steps in one ML.NET chain, read with a");
        Console.WriteLine("     cursor from a vector<float, 3, H, W> column / an MLImage (BGRA) column; compose_image = the seven in one Compose step on");
        Console.WriteLine("     the MLImage column. All three are compared with the script's \"all\" too.");
        Console.WriteLine("     randaugment (2 ops, magnitude 9 of 31), trivialaugmentwide, autoaugment (ImageNet policy), augmix (severity 3, width 3,");
        Console.WriteLine("     depth 1-3, alpha 1, bilinear): torchvision's defaults, the steps with p=1 through the batch augmentation on one image and");
        Console.WriteLine("     one thread; timed in torchvision by Peers/torchvision_augment_more.py on uint8 tensors.");
        Console.WriteLine();

        var results = new List<(int Size, string Op, double Ours, double? Python, double? TorchSharp)>();
        foreach (int size in sizes)
        {
            var ours = MeasureOurs(size, budget, operations);
            var sharp = AugmentationPeers.MeasureTorchSharp(size, Channels, budget, threads, operations, out string? sharpSkip);
            int n = size <= 64 ? 1000 : 150;
            var python = AugmentationPeers.RunPython(script, size, Channels, n, threads, out string? pythonSkip);
            var more = AugmentationPeers.RunPython(moreScript, size, Channels, n, threads, out string? moreSkip, operations.Select(PythonName).Distinct());
            if (moreSkip is not null) Console.WriteLine($"  [{size}x{size}] torchvision (Python, erasing/affine/blur/all10) skipped: {moreSkip}");
            if (python is not null && more is not null) foreach (var (name, rate) in more) python[name] = rate;
            else if (python is null && more is not null) (python, pythonSkip) = (more, null);
            if (pythonSkip is not null) Console.WriteLine($"  [{size}x{size}] torchvision (Python) skipped: {pythonSkip}");
            else Console.WriteLine($"  [{size}x{size}] torchvision (Python) reported ops: {string.Join(", ", python!.Keys)} (n={n}, uint8 tensors); matched: "
                + string.Join(", ", Operations.Where(o => python.ContainsKey(PythonName(o))).Select(o => o == PythonName(o) ? o : $"{o}={PythonName(o)}")));
            if (sharpSkip is not null) Console.WriteLine($"  [{size}x{size}] TorchVision for .NET skipped: {sharpSkip}");
            foreach (string op in operations)
            {
                double? py = python is not null && python.TryGetValue(PythonName(op), out double v) ? v : null;
                double? ts = sharp is not null && sharp.TryGetValue(op, out double w) ? w : null;
                results.Add((size, op, ours[op], py, ts));
            }
        }

        Console.WriteLine();
        Console.WriteLine("| size | op | ours img/s | torchvision 0.14 img/s | ours/torchvision | TorchVision .NET img/s | ours/TorchVision .NET |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            Console.WriteLine($"| {r.Size}x{r.Size} | {r.Op} | {F(r.Ours)} | {F(r.Python)} | {Ratio(r.Ours, r.Python)} | {F(r.TorchSharp)} | {Ratio(r.Ours, r.TorchSharp)} |");
        }

        Console.WriteLine();
        Console.WriteLine("Targets (issue 4): every transform faster than torchvision 0.14 per image; the chained set at least 5x faster.");
        foreach (int size in sizes)
        {
            var single = results.Where(r => r.Size == size && r.Python is not null && !IsChain(r.Op)).ToList();
            var chain = results.FirstOrDefault(r => r.Size == size && r.Op == "chain7");
            var others = results.Where(r => r.Size == size && r.Op != "chain7" && IsChain(r.Op) && r.Python is not null).ToList();
            if (single.Count == 0)
            {
                Console.WriteLine($"  {size}x{size}: no torchvision figures, targets not checked.");
                continue;
            }
            var slower = single.Where(r => r.Ours <= r.Python!.Value).Select(r => $"{r.Op} ({r.Ours / r.Python!.Value:0.00}x)").ToList();
            Console.WriteLine($"  {size}x{size}: per transform: {(slower.Count == 0 ? "MET" : "NOT MET, slower: " + string.Join(", ", slower))} ({single.Count} ops compared);"
                + (chain.Python is double c ? $" chain7 vs all: {chain.Ours / c:0.00}x -> {(chain.Ours / c >= 5 ? "MET" : "NOT MET")}" : " chain: no figure")
                + string.Concat(others.Select(r => $"; {r.Op} vs {PythonName(r.Op)}: {r.Ours / r.Python!.Value:0.00}x")));
        }

        Console.WriteLine();
        Console.WriteLine("Cost of the ML.NET path: chain7 img/s / pipeline img/s, i.e. how many times longer an image takes through ML.NET than");
        Console.WriteLine("through the bare chain (timed in alternating slices). Targets: pipeline_image within 2x, compose_image within 1.3x.");
        foreach (int size in sizes)
        {
            var chain = results.FirstOrDefault(r => r.Size == size && r.Op == "chain7");
            var pipelines = results.Where(r => r.Size == size && r.Op is "pipeline_vector" or "pipeline_image" or "compose_image").ToList();
            if (chain.Op is null || pipelines.Count == 0)
            {
                Console.WriteLine($"  {size}x{size}: needs chain7 and at least one pipeline op in --ops.");
                continue;
            }
            Console.WriteLine($"  {size}x{size}: " + string.Join("; ", pipelines.Select(r =>
            {
                double cost = chain.Ours / r.Ours;
                double? target = r.Op switch { "pipeline_image" => 2, "compose_image" => 1.3, _ => null };
                return $"{r.Op} {cost:0.00}x" + (target is double t ? $" -> {(cost <= t ? "MET" : "NOT MET")}" : "");
            })));
        }
        return 0;
    }

    /// <summary>Images per second of each of our operations on one size.</summary>
    private static Dictionary<string, double> MeasureOurs(int size, double budget, string[] operations)
    {
        var shape = new ImageShape(Channels, size, size);
        var random = SeededRandom.Create(0);
        int poolSize = size <= 64 ? 256 : 16;
        var pool = new float[poolSize][];
        for (int i = 0; i < poolSize; i++)
        {
            pool[i] = new float[shape.Length];
            for (int j = 0; j < pool[i].Length; j++) pool[i][j] = random.NextSingle();
        }
        var ops = new OurOps(shape, SeededRandom.Create(42));
        var chain7 = new OpDelegate[] { ops.HFlip, ops.VFlip, ops.Rotate, ops.Crop, ops.ResizedCrop, ops.Noise, ops.ColorJitter };
        var chain10 = chain7.Concat(new OpDelegate[] { ops.Erasing, ops.Affine, ops.Blur }).ToArray();
        var a = new float[shape.Length];
        var b = new float[shape.Length];
        var table = new Dictionary<string, OpDelegate>
        {
            ["hflip"] = ops.HFlip, ["vflip"] = ops.VFlip, ["rotate"] = ops.Rotate, ["crop"] = ops.Crop, ["resized_crop"] = ops.ResizedCrop,
            ["noise"] = ops.Noise, ["color_jitter"] = ops.ColorJitter, ["erasing"] = ops.Erasing, ["affine"] = ops.Affine, ["blur"] = ops.Blur,
            ["posterize"] = ops.Posterize, ["solarize"] = ops.Solarize, ["equalize"] = ops.Equalize, ["autocontrast"] = ops.AutoContrast,
            ["sharpness"] = ops.Sharpness, ["invert"] = ops.Invert, ["grayscale"] = ops.Grayscale, ["perspective"] = ops.Perspective,
            ["elastic"] = ops.Elastic,
            ["randaugment"] = ops.RandAugment, ["trivialaugmentwide"] = ops.TrivialAugmentWide, ["autoaugment"] = ops.AutoAugment, ["augmix"] = ops.AugMix,
            ["chain7"] = (s, d) => Chain(chain7, s, d, a, b),
            ["chain10"] = (s, d) => Chain(chain10, s, d, a, b),
        };
        var destination = new float[shape.Length];
        var result = new Dictionary<string, double>();
        Console.Write($"  [{size}x{size}] ours:");
        // chain7 and the runs of it through ML.NET are timed in alternating slices, so that a change of load on a busy
        // machine falls on all of them alike and their ratios (the cost of the ML.NET path) hold.
        string[] interleaved = operations.Where(o => o is "chain7" or "pipeline_vector" or "pipeline_image" or "compose_image").ToArray();
        if (interleaved.Length > 1)
        {
            var passes = interleaved.Select(op => op == "chain7"
                ? (Func<long>)(() => { for (int i = 0; i < 16; i++) table[op](pool[i % poolSize], destination); return 16; })
                : new AugmentationPipelineBenchmark(size, images: op != "pipeline_vector", compose: op == "compose_image").ReadAll).ToArray();
            var rates = MeasureInterleaved(passes, budget);
            for (int k = 0; k < interleaved.Length; k++) result[interleaved[k]] = rates[k];
        }

        foreach (string op in operations)
        {
            if (result.ContainsKey(op))
            {
                Console.Write($" {op} {F(result[op])}");
                continue;
            }

            if (op is "pipeline_vector" or "pipeline_image" or "compose_image")
            {
                result[op] = MeasureInterleaved([new AugmentationPipelineBenchmark(size, images: op != "pipeline_vector", compose: op == "compose_image").ReadAll], budget)[0];
                Console.Write($" {op} {F(result[op])}");
                continue;
            }

            var f = table[op];
            // Warm-up: the JIT first compiles quickly and recompiles hot methods with full optimization (and vector
            // instructions inlined) after ~30 calls and a delay, so a fixed time rather than a fixed count.
            var warmUp = Stopwatch.StartNew();
            for (int i = 0; i < 50 || warmUp.Elapsed.TotalSeconds < WarmUpSeconds; i++) f(pool[i % poolSize], destination);
            long count = 0;
            var watch = Stopwatch.StartNew();
            while (watch.Elapsed.TotalSeconds < budget)
            {
                for (int i = 0; i < 16; i++, count++) f(pool[count % poolSize], destination);
            }
            result[op] = count / watch.Elapsed.TotalSeconds;
            Console.Write($" {op} {F(result[op])}");
        }
        Console.WriteLine();
        return result;
    }

    /// <summary>Images per second of each of <paramref name="passes"/> (each call runs some images and returns how many):
    /// warmed up in turn, then timed in ten alternating slices of a tenth of <paramref name="budget"/> each.</summary>
    private static double[] MeasureInterleaved(Func<long>[] passes, double budget)
    {
        const int Slices = 10;
        foreach (var pass in passes)
        {
            var warmUp = Stopwatch.StartNew();
            while (warmUp.Elapsed.TotalSeconds < WarmUpSeconds) pass();
        }

        var images = new long[passes.Length];
        var seconds = new double[passes.Length];
        for (int slice = 0; slice < Slices; slice++)
        {
            for (int k = 0; k < passes.Length; k++)
            {
                var watch = Stopwatch.StartNew();
                do images[k] += passes[k](); while (watch.Elapsed.TotalSeconds < budget / Slices);
                seconds[k] += watch.Elapsed.TotalSeconds;
            }
        }

        return images.Zip(seconds, (n, s) => n / s).ToArray();
    }

    private static void Chain(OpDelegate[] chain, float[] source, float[] destination, float[] a, float[] b)
    {
        chain[0](source, a);
        float[] from = a, to = b;
        for (int i = 1; i < chain.Length - 1; i++)
        {
            chain[i](from, to);
            (from, to) = (to, from);
        }
        chain[^1](from, destination);
    }

    internal delegate void OpDelegate(float[] source, float[] destination);

    /// <summary>Our operations with torchvision's random-parameter rules, drawn from one seeded <see cref="Random"/>.</summary>
    private sealed class OurOps(ImageShape shape, Random random)
    {
        private readonly int[] _order = [0, 1, 2, 3];
        private int Size => shape.Height;

        public void HFlip(float[] s, float[] d) => ImageFunctions.HorizontalFlip(s, shape, d);

        public void VFlip(float[] s, float[] d) => ImageFunctions.VerticalFlip(s, shape, d);

        public void Rotate(float[] s, float[] d) => ImageFunctions.Rotate(s, shape, d, Uniform(-15, 15), Interpolation.Nearest);

        public void Crop(float[] s, float[] d)
        {
            int pad = Size / 8;
            ImageFunctions.Crop(s, shape, d, random.Next(2 * pad + 1) - pad, random.Next(2 * pad + 1) - pad, Size, Size, PaddingMode.Constant);
        }

        public void ResizedCrop(float[] s, float[] d)
        {
            var (top, left, h, w) = RandomBox(0.6, 1.0, 3.0 / 4, 4.0 / 3, fallbackCenter: true);
            ImageFunctions.ResizedCrop(s, shape, d, top, left, h, w, Size, Size, Interpolation.Bilinear);
        }

        public void Noise(float[] s, float[] d) => ImageFunctions.AddGaussianNoise(s, shape, d, random, 0f, 0.1f, 0f, 1f);

        public void ColorJitter(float[] s, float[] d)
        {
            s.CopyTo(d, 0);
            random.Shuffle(_order);
            foreach (int step in _order)
            {
                switch (step)
                {
                    case 0: ImageFunctions.AdjustBrightness(d, shape, d, Factor(0.4)); break;
                    case 1: ImageFunctions.AdjustContrast(d, shape, d, Factor(0.4)); break;
                    case 2: ImageFunctions.AdjustSaturation(d, shape, d, Factor(0.4)); break;
                    default: ImageFunctions.AdjustHue(d, shape, d, Uniform(-0.1, 0.1)); break;
                }
            }
        }

        public void Erasing(float[] s, float[] d)
        {
            var (top, left, h, w) = RandomBox(0.02, 0.33, 0.3, 3.3, fallbackCenter: false);
            if (h == 0) s.CopyTo(d, 0);
            else ImageFunctions.Erase(s, shape, d, top, left, h, w, 0f);
        }

        public void Affine(float[] s, float[] d)
        {
            float max = 0.1f * Size;
            ImageFunctions.Affine(s, shape, d, Uniform(-15, 15), MathF.Round(Uniform(-max, max)), MathF.Round(Uniform(-max, max)),
                Uniform(0.9, 1.1), Uniform(-10, 10), 0f, Interpolation.Bilinear);
        }

        public void Blur(float[] s, float[] d)
        {
            float sigma = Uniform(0.1, 2.0);
            ImageFunctions.GaussianBlur(s, shape, d, 5, 5, sigma, sigma);
        }

        public void Posterize(float[] s, float[] d) => ImageFunctions.Posterize(s, shape, d, 4);

        public void Solarize(float[] s, float[] d) => ImageFunctions.Solarize(s, shape, d, 0.5f);

        public void Equalize(float[] s, float[] d) => ImageFunctions.Equalize(s, shape, d);

        public void AutoContrast(float[] s, float[] d) => ImageFunctions.AutoContrast(s, shape, d);

        public void Sharpness(float[] s, float[] d) => ImageFunctions.AdjustSharpness(s, shape, d, 2f);

        public void Invert(float[] s, float[] d) => ImageFunctions.Invert(s, shape, d);

        /// <summary>The RandomGrayscale step with p=1: the luma in all three channels.</summary>
        public void Grayscale(float[] s, float[] d) => _grayscale.Apply(s, d, 1, 0, 0, maxDegreeOfParallelism: 1);

        /// <summary>The RandomPerspective step's draws (distortion 0.5), through the batch augmentation on one image and one thread.</summary>
        public void Perspective(float[] s, float[] d) => _perspective.Apply(s, d, 1, random.Next(), 0, maxDegreeOfParallelism: 1);

        /// <summary>The ElasticTransform step (alpha 50, sigma 5): the field drawn and blurred, then the sampling.</summary>
        public void Elastic(float[] s, float[] d) => _elastic.Apply(s, d, 1, random.Next(), 0, maxDegreeOfParallelism: 1);

        /// <summary>The RandAugment step with torchvision's defaults, on one image and one thread.</summary>
        public void RandAugment(float[] s, float[] d) => _randAugment.Apply(s, d, 1, random.Next(), 0, maxDegreeOfParallelism: 1);

        /// <summary>The TrivialAugmentWide step with torchvision's defaults.</summary>
        public void TrivialAugmentWide(float[] s, float[] d) => _trivialAugment.Apply(s, d, 1, random.Next(), 0, maxDegreeOfParallelism: 1);

        /// <summary>The AutoAugment step with the ImageNet policy.</summary>
        public void AutoAugment(float[] s, float[] d) => _autoAugment.Apply(s, d, 1, random.Next(), 0, maxDegreeOfParallelism: 1);

        /// <summary>The AugMix step with torchvision's defaults.</summary>
        public void AugMix(float[] s, float[] d) => _augMix.Apply(s, d, 1, random.Next(), 0, maxDegreeOfParallelism: 1);

        private readonly ImageBatchAugmentation _randAugment = new([new RandAugmentOptions()], shape);
        private readonly ImageBatchAugmentation _trivialAugment = new([new TrivialAugmentWideOptions()], shape);
        private readonly ImageBatchAugmentation _autoAugment = new([new AutoAugmentOptions()], shape);
        private readonly ImageBatchAugmentation _augMix = new([new AugMixOptions()], shape);
        private readonly ImageBatchAugmentation _grayscale = new([new RandomGrayscaleOptions { Probability = 1 }], shape);
        private readonly ImageBatchAugmentation _perspective = new([new RandomPerspectiveOptions { Probability = 1 }], shape);
        private readonly ImageBatchAugmentation _elastic = new([new ElasticTransformOptions()], shape);

        private float Uniform(double low, double high) => (float)(low + random.NextDouble() * (high - low));

        private float Factor(double amount) => Uniform(Math.Max(0, 1 - amount), 1 + amount);

        /// <summary>torchvision's RandomResizedCrop.get_params / RandomErasing.get_params: 10 tries of area x log-uniform ratio.</summary>
        private (int Top, int Left, int Height, int Width) RandomBox(double scaleMin, double scaleMax, double ratioMin, double ratioMax, bool fallbackCenter)
        {
            int size = Size;
            double area = size * size;
            for (int attempt = 0; attempt < 10; attempt++)
            {
                double target = area * (scaleMin + random.NextDouble() * (scaleMax - scaleMin));
                double ratio = Math.Exp(Math.Log(ratioMin) + random.NextDouble() * (Math.Log(ratioMax) - Math.Log(ratioMin)));
                int w = (int)Math.Round(Math.Sqrt(target * ratio));
                int h = (int)Math.Round(Math.Sqrt(target / ratio));
                if (w > 0 && h > 0 && w <= size && h <= size)
                {
                    return (random.Next(size - h + 1), random.Next(size - w + 1), h, w);
                }
            }
            return fallbackCenter ? (0, 0, size, size) : (0, 0, 0, 0);
        }
    }

    internal static string F(double? value) => value switch
    {
        null => "-",
        >= 1000 => value.Value.ToString("N0", CultureInfo.InvariantCulture),
        _ => value.Value.ToString("0.0", CultureInfo.InvariantCulture),
    };

    private static string Ratio(double ours, double? peer) => peer is double p && p > 0 ? (ours / p).ToString("0.00", CultureInfo.InvariantCulture) : "-";

    private static double Option(string[] args, string name, double fallback) =>
        Array.IndexOf(args, name) is int i && i >= 0 && i + 1 < args.Length ? double.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;

    private static string OptionString(string[] args, string name, string fallback) =>
        Array.IndexOf(args, name) is int i && i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Directory.Packages.props"))) return dir.FullName;
        }
        return Directory.GetCurrentDirectory();
    }
}
