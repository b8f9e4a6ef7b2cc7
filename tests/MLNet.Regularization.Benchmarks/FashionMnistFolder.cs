namespace MLNet.Regularization.Benchmarks;

/// <summary>The folder of Fashion-MNIST's four IDX gz files that the side-by-side benchmarks read.</summary>
internal static class FashionMnistFolder
{
    /// <summary>The four files: training and test images and labels.</summary>
    public static readonly string[] Files = ["train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"];

    /// <summary>Whether <paramref name="folder"/> holds the four files.</summary>
    public static bool IsComplete(string folder) => Files.All(f => File.Exists(Path.Combine(folder, f)));

    /// <summary>Writes to standard error which files <paramref name="folder"/> lacks and returns false; true when it has them all.</summary>
    public static bool Check(string folder)
    {
        var missing = Files.Where(f => !File.Exists(Path.Combine(folder, f))).ToArray();
        if (missing.Length == 0) return true;
        Console.Error.WriteLine($"Fashion-MNIST data not found: the folder {folder} does not hold {string.Join(", ", missing)}.");
        Console.Error.WriteLine("Pass --data <folder> with the four IDX gz files (train-/t10k- images and labels).");
        return false;
    }
}
