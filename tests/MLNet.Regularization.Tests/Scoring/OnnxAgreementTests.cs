using MLNet.Regularization.Tasks;
using Google.Protobuf;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Regularization.Networks;
using MLNet.Regularization.Scoring;
using MLNet.Regularization.Training;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace MLNet.Regularization.Tests.Scoring;

/// <summary>The ONNX graph scored by ML.NET gives what the TorchSharp network computes in evaluation mode.</summary>
public class OnnxAgreementTests
{
    private readonly MLContext _ml = new(seed: 1);

    [Theory]
    [InlineData(Activation.ReLU)]
    [InlineData(Activation.LeakyReLU)]
    [InlineData(Activation.ELU)]
    [InlineData(Activation.GELU)]
    [InlineData(Activation.SiLU)]
    [InlineData(Activation.Tanh)]
    [InlineData(Activation.Sigmoid)]
    public void Every_activation_scores_like_the_torch_network(Activation activation)
    {
        var rows = TestData.MulticlassRows(50);
        var data = _ml.Data.LoadFromEnumerable(rows);
        var x = rows.SelectMany(r => r.Features).ToArray();
        var features = FeatureStatistics.Fit(x, TestData.FeatureCount, Enumerable.Range(0, rows.Length).ToArray());

        manual_seed(9);
        using var network = TestNetworks.Mlp(TestData.FeatureCount, 3, Quick.Multiclass(o =>
        {
            o.HiddenLayers = [16, 8];
            o.Activation = activation;
            o.BatchNormalization = true;
            o.Dropout = [0.5];
        }));
        var standardized = x.ToArray();
        features.ApplyInPlace(standardized);
        using var input = tensor(standardized, [rows.Length, TestData.FeatureCount]);
        network.train();
        for (int i = 0; i < 5; i++) network.forward(input).Dispose(); // nontrivial batch-norm running statistics
        network.eval();
        using var expected = network.forward(input).softmax(1);

        var onnx = NetworkOnnx.Write("Features", new MlpArchitecture([16, 8], activation), features, [MlpWeights.From(network)], new MulticlassObjective(3, 0), null).ToByteArray();
        var scored = _ml.Transforms.ApplyOnnxModel([NetworkOnnx.ScoreOutput], ["Features"], new MemoryStream(onnx)).Fit(data).Transform(data);
        var actual = scored.GetColumn<float[]>(NetworkOnnx.ScoreOutput).SelectMany(s => s).ToArray();

        Assert.Equal(expected.data<float>().ToArray(), actual, (a, b) => Math.Abs(a - b) < 1e-5);
    }

    [Fact]
    public void A_periodic_numeric_embedding_over_numeric_and_binary_columns_scores_like_the_torch_network_in_every_member()
    {
        var rows = TestData.MixedRegressionRows(60);
        var data = _ml.Data.LoadFromEnumerable(rows);
        var x = rows.SelectMany(r => r.Features).ToArray();
        using var store = new MemoryRowStore(rows.Length, TestData.FeatureCount);
        store.Write(0, x);
        var all = Enumerable.Range(0, rows.Length).ToArray();
        var features = FeatureStatistics.FitRobust(store, all);   // the smooth clip in front of the embedding, binary columns mapped to 0 and 1
        var numeric = FeatureStatistics.NumericColumns(store, all);
        Assert.Equal(TestData.MixedNumericColumns, numeric);
        var options = Quick.Multiclass(o =>
        {
            o.HiddenLayers = [16, 8];
            o.BatchNormalization = true;
            o.NumericEmbedding = NumericEmbedding.Periodic;
            o.NumericEmbeddingScale = 1;
            o.NumericEmbeddingSize = 3;
        });

        using var input = tensor(x, [rows.Length, TestData.FeatureCount]);
        using var expected = zeros(rows.Length, 3);
        var members = new List<NetworkWeights>();
        foreach (int seed in new[] { 9, 10 })
        {
            manual_seed(seed);
            using var network = TestNetworks.Mlp(TestData.FeatureCount, 3, options, new InputStandardization(features), numeric);
            network.train();
            for (int i = 0; i < 5; i++) network.forward(input).Dispose(); // nontrivial batch-norm running statistics
            network.eval();
            using (no_grad())
            using (var probabilities = network.forward(input).softmax(1))
                expected.add_(probabilities / 2);   // the head averages the members' probabilities
            members.Add(MlpWeights.From(network));
        }

        var onnx = NetworkOnnx.Write("Features", TestNetworks.Architecture(options), features, members, new MulticlassObjective(3, 0), null).ToByteArray();
        var scored = _ml.Transforms.ApplyOnnxModel([NetworkOnnx.ScoreOutput], ["Features"], new MemoryStream(onnx)).Fit(data).Transform(data);
        var actual = scored.GetColumn<float[]>(NetworkOnnx.ScoreOutput).SelectMany(s => s).ToArray();

        Assert.Equal(expected.data<float>().ToArray(), actual, (a, b) => Math.Abs(a - b) < 1e-5);
    }

    [Fact]
    public void Trainer_catalogs_expose_the_ML_NET_environment_for_logging()
    {
        Assert.NotNull(CatalogEnvironment.Of(_ml.BinaryClassification.Trainers));
        Assert.NotNull(CatalogEnvironment.Of(_ml.MulticlassClassification.Trainers));
        Assert.NotNull(CatalogEnvironment.Of(_ml.Regression.Trainers));
    }
}
