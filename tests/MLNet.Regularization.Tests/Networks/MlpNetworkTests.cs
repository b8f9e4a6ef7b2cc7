using MLNet.Regularization.Networks;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace MLNet.Regularization.Tests.Networks;

public class MlpNetworkTests
{
    private static Tensor Input(int rows = 64) { manual_seed(3); return randn(rows, TestData.FeatureCount); }

    [Fact]
    public void The_first_module_standardizes_raw_inputs_bit_for_bit_as_standardizing_them_beforehand_does()
    {
        var mean = Enumerable.Range(0, TestData.FeatureCount).Select(i => 5f * i).ToArray();
        var scale = Enumerable.Range(0, TestData.FeatureCount).Select(i => 1f + i).ToArray();
        using var raw = Input() * tensor(scale) + tensor(mean);
        var standardized = raw.data<float>().ToArray();
        for (int i = 0; i < standardized.Length; i++)
            standardized[i] = (standardized[i] - mean[i % mean.Length]) / scale[i % scale.Length];
        using var before = tensor(standardized, raw.shape);

        manual_seed(4);
        using var plain = TestNetworks.Mlp(TestData.FeatureCount, 3, Quick.Multiclass());
        manual_seed(4);
        using var withModule = TestNetworks.Mlp(TestData.FeatureCount, 3, Quick.Multiclass(), new InputStandardization(new Standardization(mean, scale)));
        plain.eval();
        withModule.eval();

        using var expected = plain.forward(before);
        using var actual = withModule.forward(raw);
        Assert.True(expected.eq(actual).all().item<bool>(), "the module must compute (x - mean) / scale exactly");
        Assert.DoesNotContain(withModule.parameters(), p => p.shape.SequenceEqual(new long[] { TestData.FeatureCount }));
    }

    [Fact]
    public void Dropout_is_active_in_training_mode_and_off_in_evaluation_mode()
    {
        manual_seed(1);
        using var network = TestNetworks.Mlp(TestData.FeatureCount, 3, Quick.Multiclass(o => o.Dropout = [0.5]));
        using var x = Input();

        network.train();
        using var first = network.forward(x);
        using var second = network.forward(x);
        Assert.False(first.allclose(second), "two training-mode passes should draw different dropout masks");

        network.eval();
        using var third = network.forward(x);
        using var fourth = network.forward(x);
        Assert.True(third.eq(fourth).all().item<bool>(), "evaluation-mode passes must be identical");
    }

    [Fact]
    public void Per_layer_dropout_builds_one_dropout_after_each_hidden_layer_with_its_own_rate()
    {
        using var network = TestNetworks.Mlp(TestData.FeatureCount, 1, Quick.Binary(o => { o.HiddenLayers = [8, 8]; o.Dropout = [0.1, 0.6]; o.InputDropout = 0.2; }));
        var rates = network.modules().OfType<TorchSharp.Modules.Dropout>().Select(d => d.p).ToArray();
        Assert.Equal([0.2, 0.1, 0.6], rates);
    }

    [Fact]
    public void Gaussian_input_noise_perturbs_training_passes_only()
    {
        using var noise = new GaussianNoise(0.5);
        using var x = Input(1000);
        noise.train();
        using var noisy = noise.forward(x);
        double std = (noisy - x).std().item<float>();
        Assert.InRange(std, 0.45, 0.55);
        noise.eval();
        using var clean = noise.forward(x);
        Assert.True(clean.eq(x).all().item<bool>());
    }

    [Fact]
    public void Batch_norm_predicts_with_running_statistics_so_rows_do_not_depend_on_their_batch()
    {
        manual_seed(2);
        using var network = TestNetworks.Mlp(TestData.FeatureCount, 1, Quick.Binary(o => { o.HiddenLayers = [16]; o.BatchNormalization = true; }));
        using var x = Input() * 3 + 2;
        network.train();
        for (int i = 0; i < 20; i++) network.forward(x).Dispose(); // updates the running statistics
        Assert.True(network.Norms[0].running_mean!.abs().sum().item<float>() > 0.1, "running mean was updated");

        network.eval();
        using var batch = network.forward(x);
        using var single = network.forward(x.narrow(0, 5, 1));
        Assert.True(batch.narrow(0, 5, 1).allclose(single, rtol: 1e-5, atol: 1e-6), "a row predicts the same alone or in a batch");

        network.train();
        using var trainingMode = network.forward(x);
        Assert.False(trainingMode.allclose(batch, rtol: 1e-3, atol: 1e-4), "training mode uses batch statistics instead");
    }

    [Fact]
    public void Folded_prediction_weights_reproduce_the_evaluation_mode_network()
    {
        manual_seed(4);
        using var network = TestNetworks.Mlp(TestData.FeatureCount, 3, Quick.Multiclass(o => { o.HiddenLayers = [16, 8]; o.BatchNormalization = true; o.Activation = Activation.Tanh; }));
        using var x = Input();
        network.train();
        for (int i = 0; i < 10; i++) network.forward(x * 2 + 1).Dispose();
        network.eval();
        using var expected = network.forward(x);

        var weights = MlpWeights.From(network);
        var h = x.data<float>().ToArray();
        int rows = (int)x.shape[0];
        for (int l = 0; l < weights.Layers().Count; l++)
        {
            var layer = weights.Layers()[l];
            var next = new float[rows * layer.Outputs];
            for (int r = 0; r < rows; r++)
                for (int o = 0; o < layer.Outputs; o++)
                {
                    double sum = layer.Bias[o];
                    for (int k = 0; k < layer.Inputs; k++) sum += layer.Weight[o * layer.Inputs + k] * h[r * layer.Inputs + k];
                    next[r * layer.Outputs + o] = (float)(l < weights.Layers().Count - 1 ? Math.Tanh(sum) : sum);
                }
            h = next;
        }
        Assert.Equal(expected.data<float>().ToArray(), h, (a, b) => Math.Abs(a - b) < 1e-4);
    }
}
