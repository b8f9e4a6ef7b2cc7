using System.Globalization;

namespace MLNet.Regularization.Benchmarks;

/// <summary>Command-line arguments of the <c>--cnn</c> benchmark.</summary>
/// <param name="Epochs">Epochs of every contender (also the length of the cosine schedule).</param>
/// <param name="Threads">libtorch threads of every contender.</param>
/// <param name="Data">The folder of the four Fashion-MNIST IDX gz files.</param>
/// <param name="TrainRows">The first rows of the training file to train on; null for all.</param>
/// <param name="TestRows">The first rows of the test file to measure accuracy on; null for all.</param>
/// <param name="PeerScript">The PyTorch peer's script.</param>
internal sealed record CnnSettings(int Epochs, int Threads, string Data, int? TrainRows, int? TestRows, string PeerScript)
{
    public const string Usage =
        "Usage: dotnet run -c Release --project tests/MLNet.Regularization.Benchmarks -- --cnn [--epochs 2] [--threads 2] [--data <folder>] [--train-rows N] [--test-rows N]\n" +
        "  --data        folder with the Fashion-MNIST IDX gz files; default ../shared/data/fashion-mnist relative to the repository root if present,\n" +
        "                else samples/data/fashion-mnist-small\n" +
        "  --train-rows  train on the first N training rows (a subset, for short runs); default all\n" +
        "  --test-rows   measure test accuracy on the first N test rows; default all";

    /// <summary>The settings, or null with <paramref name="error"/> null for --help and set for a bad argument.</summary>
    public static CnnSettings? Parse(string[] args, string repoRoot, out string? error)
    {
        int epochs = 2, threads = 2, trainRows = 0, testRows = 0;
        string data = Path.Combine(repoRoot, "..", "shared", "data", "fashion-mnist");
        if (!FashionMnistFolder.IsComplete(data)) data = Path.Combine(repoRoot, "samples", "data", "fashion-mnist-small");
        for (int i = 0; i < args.Length; i++)
        {
            string name = args[i];
            if (name == "--cnn") continue;
            if (name is "-h" or "--help")
            {
                error = null;
                return null;
            }
            if (i + 1 >= args.Length)
            {
                error = $"Argument {name} needs a value.";
                return null;
            }
            string value = args[++i];
            bool ok = name switch
            {
                "--epochs" => int.TryParse(value, CultureInfo.InvariantCulture, out epochs) && epochs > 0,
                "--threads" => int.TryParse(value, CultureInfo.InvariantCulture, out threads) && threads > 0,
                "--train-rows" => int.TryParse(value, CultureInfo.InvariantCulture, out trainRows) && trainRows > 1,
                "--test-rows" => int.TryParse(value, CultureInfo.InvariantCulture, out testRows) && testRows > 0,
                "--data" => (data = value).Length > 0,
                _ => false,
            };
            if (!ok)
            {
                error = $"Unknown argument or bad value: {name} {value}";
                return null;
            }
        }
        error = null;
        return new CnnSettings(epochs, threads, Path.GetFullPath(data), trainRows > 0 ? trainRows : null, testRows > 0 ? testRows : null,
            Path.Combine(repoRoot, "tests", "MLNet.Regularization.Benchmarks", "Peers", "torch_cnn.py"));
    }
}
