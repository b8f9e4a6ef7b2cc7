using Microsoft.ML;
using TorchSharp;
using Xunit;

namespace MLNet.Regularization.Tests.Training;

public class NativeMemoryTests
{
    private readonly MLContext _ml = new(seed: 1);

    private long LiveTensorsAfterFit(int epochs)
    {
        var data = TestData.Multiclass(_ml, 200);
        var trainer = _ml.MulticlassClassification.Trainers.RegularizedMlp(Quick.Multiclass(o =>
        {
            o.Epochs = epochs;
            o.Dropout = [0.2];
            o.BatchNormalization = true;
            o.L1 = 1e-4;
            o.L2 = 1e-4;
            o.WeightDecay = 1e-3;
            o.MaxNorm = 3;
            o.GradientClipNorm = 1;
            o.InputNoiseStdDev = 0.1;
            o.ValidationFraction = 0.2;
            o.EarlyStopping = true;
            o.EarlyStoppingPatience = 100;
            o.EnsembleSize = 2;
            o.EnsembleBootstrap = true;
        }));
        long before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        trainer.Fit(data).Dispose();
        return DisposeScopeManager.Statistics.ThreadTotalLiveCount - before;
    }

    [Fact]
    public void Training_leaves_no_live_tensors_behind_however_many_epochs_it_runs()
    {
        long a = LiveTensorsAfterFit(epochs: 2), b = LiveTensorsAfterFit(epochs: 12);
        Assert.Equal((0L, 0L), (a, b));
    }
}
