using static TorchSharp.torch;

namespace MLNet.Regularization.Training;

/// <summary>Features and targets of a set of rows as tensors on the training device.</summary>
internal sealed class TensorDataset : IDisposable
{
    public TensorDataset(float[] features, int featureCount, float[] labels, PredictionTask task, Device device)
    {
        Rows = labels.Length;
        using var x = tensor(features, [Rows, featureCount]);
        using var y = task.Targets(labels);
        Features = x.to(device);
        Targets = y.to(device);
    }

    public Tensor Features { get; }
    public Tensor Targets { get; }
    public int Rows { get; }

    public void Dispose()
    {
        Features.Dispose();
        Targets.Dispose();
    }
}
