namespace MLNet.Regularization.Benchmarks;

/// <summary>
/// The CNN and training every contender of the <c>--cnn</c> benchmark uses: <c>RegularizedCnn</c>'s defaults, read from its
/// <c>Defaults</c> classes so that the hand-written loop and the PyTorch peer follow them, on 1x28x28 Fashion-MNIST images.
/// </summary>
internal static class CnnSetup
{
    public const int ImageSize = 28;
    public static readonly IReadOnlyList<int> BlockChannels = RegularizedCnnOptions.Defaults.BlockChannels;
    public const double SpatialDropout = RegularizedCnnOptions.Defaults.SpatialDropout;
    public const double Dropout = RegularizedCnnOptions.Defaults.Dropout;
    public const int BatchSize = RegularizedCnnOptions.Defaults.BatchSize;
    public const double LearningRate = RegularizedTrainerOptions.Defaults.LearningRate;
    public const double WeightDecay = RegularizedTrainerOptions.Defaults.WeightDecay;
    public const double LabelSmoothing = RegularizedTrainerOptions.Defaults.LabelSmoothing;
    public const int Seed = 0;

    public static string Description =>
        $"CNN 1x{ImageSize}x{ImageSize}, blocks [{string.Join(", ", BlockChannels)}] x 2 conv 3x3 + BatchNorm + ReLU, max pooling, spatial dropout {SpatialDropout}, " +
        $"global average pooling, dropout {Dropout}; AdamW lr {LearningRate} (cosine per epoch), weight decay {WeightDecay} on kernels and weights, " +
        $"label smoothing {LabelSmoothing}, batch {BatchSize}";

    /// <summary>The cosine schedule of the pack (minimum 0): the learning rate of 1-based <paramref name="epoch"/> of <paramref name="epochs"/>.</summary>
    public static double CosineLearningRate(int epoch, int epochs) => LearningRate * (1 + Math.Cos(Math.PI * (epoch - 1) / epochs)) / 2;
}
