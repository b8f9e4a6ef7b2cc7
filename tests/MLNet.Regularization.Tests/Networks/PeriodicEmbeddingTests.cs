using MLNet.Regularization.Networks;
using MLNet.Regularization.Regularization;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace MLNet.Regularization.Tests.Networks;

/// <summary>The periodic embedding of numeric columns: its arithmetic, its output layout and which of its tensors the
/// regularizers act on.</summary>
public class PeriodicEmbeddingTests
{
    private static float[] Values(Tensor t) => t.detach().contiguous().data<float>().ToArray();

    [Fact]
    public void Each_numeric_column_becomes_itself_and_the_ReLU_of_a_dense_layer_over_its_cosines_and_the_other_columns_follow()
    {
        int[] numeric = [0, 2, 3];
        const int inputs = 5, k = 3, d = 4, rows = 6;
        manual_seed(11);
        using var embedding = new PeriodicEmbedding(inputs, numeric, k, d, scale: 1);
        using var input = randn(rows, inputs) * 2;
        using var output = embedding.forward(input);

        Assert.Equal(new long[] { rows, numeric.Length * d + 2 }, output.shape);
        Assert.Equal(numeric.Length * d + 2, embedding.Outputs);
        Assert.Equal([1, 4], embedding.PassthroughColumns);
        var x = Values(input);
        var y = Values(output);
        var f = Values(embedding.Frequencies);
        var b = Values(embedding.Phases);
        var w = Values(embedding.Weight);
        var c = Values(embedding.Bias);
        int width = numeric.Length * d + 2;
        for (int n = 0; n < rows; n++)
        {
            for (int j = 0; j < numeric.Length; j++)
            {
                double value = x[n * inputs + numeric[j]];
                Assert.Equal(value, y[n * width + j * d]);
                for (int o = 0; o < d - 1; o++)
                {
                    double sum = c[j * (d - 1) + o];
                    for (int q = 0; q < k; q++)
                        sum += w[(j * (d - 1) + o) * k + q] * Math.Cos(2 * Math.PI * f[j * k + q] * value + b[j * k + q]);
                    Assert.Equal(Math.Max(0, sum), y[n * width + j * d + 1 + o], tolerance: 1e-5);
                }
            }
            Assert.Equal(x[n * inputs + 1], y[n * width + numeric.Length * d]);
            Assert.Equal(x[n * inputs + 4], y[n * width + numeric.Length * d + 1]);
        }
    }

    [Fact]
    public void Frequencies_start_from_the_scale_and_phases_cover_minus_pi_to_pi()
    {
        manual_seed(3);
        using var embedding = new PeriodicEmbedding(200, Enumerable.Range(0, 200).ToArray(), 16, 4, scale: 0.1);
        var frequencies = Values(embedding.Frequencies);
        var phases = Values(embedding.Phases);
        double std = Math.Sqrt(frequencies.Average(v => (double)v * v));

        Assert.InRange(std, 0.095, 0.105);
        Assert.All(phases, p => Assert.InRange(p, -Math.PI, Math.PI));
        Assert.True(phases.Min() < -3 && phases.Max() > 3);
        Assert.All(Values(embedding.Weight), v => Assert.InRange(v, -0.25f, 0.25f));   // U(-1/sqrt(k), 1/sqrt(k)), k = 16
    }

    [Fact]
    public void Without_numeric_columns_the_embedding_passes_every_column_through()
    {
        using var embedding = new PeriodicEmbedding(4, [], 8, 3, scale: 0.1);
        using var input = randn(5, 4);
        using var output = embedding.forward(input);

        Assert.Equal(4, embedding.Outputs);
        Assert.True(output.eq(input).all().item<bool>());
    }

    [Fact]
    public void The_embedding_matrices_are_network_weights_but_the_frequencies_phases_and_biases_are_not()
    {
        var options = Quick.Binary(o => { o.HiddenLayers = [8]; o.NumericEmbedding = NumericEmbedding.Periodic; o.NumericEmbeddingSize = 4; });
        manual_seed(5);
        using var network = TestNetworks.Mlp(TestData.FeatureCount, 1, options, numericColumns: [0, 3, 5]);
        var embedding = network.Embedding!;
        Assert.Equal(new long[] { 3 * 3, 16 }, embedding.Weight.shape);   // a row per output unit: 3 columns x (d - 1)
        Assert.Same(embedding.Weight, network.Weights.First());
        Assert.Equal(3, network.Weights.Count());
        Assert.Equal(3 * 4 + 7, network.Linears[0].weight!.shape[1]);
        // Registered once, inside the layers: the best-weights snapshot and the optimizer see each tensor once.
        Assert.Equal(["layers.embedding.bias", "layers.embedding.frequencies", "layers.embedding.numeric", "layers.embedding.passthrough",
            "layers.embedding.phases", "layers.embedding.weight"],
            network.state_dict().Keys.Where(k => k.Contains("embedding", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.All(network.state_dict().Keys, key => Assert.StartsWith("layers.", key));

        var penalty = new WeightPenalty(l1: 0.5, l2: 0).Penalty(network)!.item<float>();
        Assert.Equal(network.Weights.Sum(w => 0.5 * w.abs().sum().item<float>()), penalty, 3);

        var (frequencies, phases, bias, weight) = (Values(embedding.Frequencies), Values(embedding.Phases), Values(embedding.Bias), Values(embedding.Weight));
        new DecoupledWeightDecay(decay: 1).AfterStep(network, learningRate: 0.5);
        Assert.Equal(weight.Select(v => v * 0.5f), Values(embedding.Weight));
        new MaxNormConstraint(maxNorm: 0.1).AfterStep(network, learningRate: 0.5);
        using (no_grad())
            Assert.True(embedding.Weight.norm(1, keepdim: false).le(0.1 + 1e-6).all().item<bool>(), "each unit's incoming weights are bounded");

        Assert.Equal(frequencies, Values(embedding.Frequencies));
        Assert.Equal(phases, Values(embedding.Phases));
        Assert.Equal(bias, Values(embedding.Bias));
    }
}
