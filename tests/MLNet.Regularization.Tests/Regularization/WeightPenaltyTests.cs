using Microsoft.ML;
using MLNet.Regularization.Networks;
using MLNet.Regularization.Regularization;
using TorchSharp;
using Xunit;

namespace MLNet.Regularization.Tests.Regularization;

public class WeightPenaltyTests
{
    private readonly MLContext _ml = new(seed: 1);

    private float[] FirstLayerWeights(RegularizedMlpBinaryTrainer.Options options) =>
        _ml.BinaryClassification.Trainers.RegularizedMlp(options).Fit(TestData.Binary(_ml, 400)).Networks[0].Layers()[0].Weight;

    private static double Norm(float[] w) => Math.Sqrt(w.Sum(v => (double)v * v));

    private static double NearZeroShare(float[] w) => w.Count(v => Math.Abs(v) < 0.01) / (double)w.Length;

    [Fact]
    public void L1_makes_many_more_first_layer_weights_near_zero_than_no_penalty()
    {
        var plain = FirstLayerWeights(Quick.Binary());
        var l1 = FirstLayerWeights(Quick.Binary(o => o.L1 = 3e-3));

        Assert.True(NearZeroShare(l1) > 0.5, $"near-zero share with L1 {NearZeroShare(l1):F3}");
        Assert.True(NearZeroShare(l1) > 4 * NearZeroShare(plain), $"L1 {NearZeroShare(l1):F3} vs none {NearZeroShare(plain):F3}");
    }

    [Fact]
    public void Elastic_net_with_full_L1_ratio_makes_weights_sparse()
    {
        var plain = FirstLayerWeights(Quick.Binary());
        var elastic = FirstLayerWeights(Quick.Binary(o => { o.ElasticNet = 3e-3; o.ElasticNetL1Ratio = 1; }));

        Assert.True(NearZeroShare(elastic) > 4 * NearZeroShare(plain), $"elastic {NearZeroShare(elastic):F3} vs none {NearZeroShare(plain):F3}");
    }

    [Fact]
    public void L2_shrinks_the_weight_norm()
    {
        var plain = FirstLayerWeights(Quick.Binary());
        var l2 = FirstLayerWeights(Quick.Binary(o => o.L2 = 1e-2));

        Assert.True(Norm(l2) < 0.6 * Norm(plain), $"L2 {Norm(l2):F3} vs none {Norm(plain):F3}");
    }

    [Fact]
    public void Decoupled_weight_decay_shrinks_the_weight_norm_for_every_optimizer()
    {
        foreach (var optimizer in new[] { Optimizer.AdamW, Optimizer.Sgd, Optimizer.RmsProp })
        {
            var plain = FirstLayerWeights(Quick.Binary(o => o.Optimizer = optimizer));
            var decayed = FirstLayerWeights(Quick.Binary(o => { o.Optimizer = optimizer; o.WeightDecay = 3; }));
            Assert.True(Norm(decayed) < 0.7 * Norm(plain), $"{optimizer}: decay {Norm(decayed):F3} vs none {Norm(plain):F3}");
        }
    }

    [Fact]
    public void Penalty_counts_weight_matrices_only_not_biases_or_batch_norm()
    {
        var options = Quick.Binary(o => { o.HiddenLayers = [8, 4]; o.BatchNormalization = true; });
        using var network = TestNetworks.Mlp(TestData.FeatureCount, 1, options);
        var penalty = new WeightPenalty(l1: 0.5, l2: 0.25);
        double expected = network.Weights.Sum(w => 0.5 * w.abs().sum().item<float>() + 0.25 * w.square().sum().item<float>());

        using (torch.no_grad())
            foreach (var linear in network.Linears) linear.bias!.fill_(100);

        Assert.Equal(expected, penalty.Penalty(network)!.item<float>(), 3);
        Assert.Equal(3, network.Weights.Count());
    }
}
