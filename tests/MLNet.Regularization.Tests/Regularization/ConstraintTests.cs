using Microsoft.ML;
using MLNet.Regularization.Networks;
using MLNet.Regularization.Regularization;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace MLNet.Regularization.Tests.Regularization;

public class ConstraintTests
{
    private readonly MLContext _ml = new(seed: 1);

    private static float LargestRowNorm(Network network) =>
        network.Weights.Max(w => w.norm(1, keepdim: false).max().item<float>());

    private float LargestRowNormOverTraining(RegularizedMlpBinaryTrainer.Options options, out int steps)
    {
        var trainer = _ml.BinaryClassification.Trainers.RegularizedMlp(options);
        float largest = 0;
        int count = 0;
        trainer.AfterStep = network =>
        {
            using var _ = no_grad();
            largest = Math.Max(largest, LargestRowNorm(network));
            count++;
        };
        trainer.Fit(TestData.Binary(_ml, 300));
        steps = count;
        return largest;
    }

    [Fact]
    public void Max_norm_holds_after_every_step()
    {
        float unconstrained = LargestRowNormOverTraining(Quick.Binary(o => o.Epochs = 5), out _);
        float constrained = LargestRowNormOverTraining(Quick.Binary(o => { o.Epochs = 5; o.MaxNorm = 0.5; }), out int steps);

        Assert.True(unconstrained > 1, $"without the constraint some unit's norm exceeds the limit ({unconstrained})");
        Assert.True(constrained <= 0.5f + 1e-5f, $"largest incoming-weight norm after any step: {constrained}");
        Assert.Equal(5 * (300 / 32 + 1), steps);
    }

    [Fact]
    public void Gradient_clipping_caps_the_global_gradient_norm()
    {
        manual_seed(5);
        using var network = TestNetworks.Mlp(TestData.FeatureCount, 1, Quick.Binary());
        using var x = randn(64, TestData.FeatureCount) * 100;
        network.forward(x).square().sum().backward();
        double before = GradientNorm(network);

        new GradientClipping(1.0).AfterBackward(network);

        Assert.True(before > 10, $"the test gradient is large ({before})");
        Assert.InRange(GradientNorm(network), 0.99, 1.0 + 1e-4);
    }

    private static double GradientNorm(MlpNetwork network) =>
        Math.Sqrt(network.parameters().Sum(p => Math.Pow(p.grad!.norm().item<float>(), 2)));
}
