using Google.Protobuf;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Regularization.Networks;
using MLNet.Regularization.Scoring;
using MLNet.Regularization.Tasks;
using MLNet.Regularization.Training;
using Xunit;
using static TorchSharp.torch;

namespace MLNet.Regularization.Tests.Training;

/// <summary>Robust scaling (<see cref="FeatureScaling.Robust"/>): median and interquartile range with a smooth clip, binary
/// columns only mapped to 0 and 1; the same arithmetic in the network, in its ONNX graph and after a reload.</summary>
public class FeatureScalingTests
{
    private readonly MLContext _ml = new(seed: 1);

    /// <summary>Columns: 0..99 with two huge outliers; one-hot (0/1); binary 1/2; constant 5.</summary>
    private static float[] Table(int rows, out int columns)
    {
        columns = 4;
        var values = new float[rows * columns];
        for (int r = 0; r < rows; r++)
        {
            values[r * columns] = r == 7 ? 1e6f : r == 8 ? -1e6f : r;
            values[r * columns + 1] = r % 3 == 0 ? 1 : 0;
            values[r * columns + 2] = r % 2 == 0 ? 1 : 2;
            values[r * columns + 3] = 5;
        }
        return values;
    }

    private static Standardization FitRobust(float[] values, int columns, int[] rows)
    {
        using var store = new MemoryRowStore(values.Length / columns, columns);
        store.Write(0, values);
        return FeatureStatistics.FitRobust(store, rows);
    }

    [Fact]
    public void Robust_statistics_are_the_median_and_interquartile_range_and_binary_columns_only_map_to_0_and_1()
    {
        var values = Table(100, out int columns);
        var scaling = FitRobust(values, columns, Enumerable.Range(0, 100).ToArray());

        // Column 0 is 0..99 with 7 and 8 replaced by ±1e6: sorted (-1e6, 0..6, 9..99, 1e6), NumPy's linear quantiles give
        // the median 50.5 and the quartiles 25.75 and 75.25.
        Assert.Equal(50.5f, scaling.Mean[0]);
        Assert.Equal(49.5f, scaling.Scale[0]);
        Assert.Equal(1 / 3f, scaling.Clip![0]);
        Assert.Equal((0f, 1f, 0f), (scaling.Mean[1], scaling.Scale[1], scaling.Clip[1]));
        Assert.Equal((1f, 1f, 0f), (scaling.Mean[2], scaling.Scale[2], scaling.Clip[2]));
        Assert.Equal((5f, 1f, 0f), (scaling.Mean[3], scaling.Scale[3], scaling.Clip[3]));

        var scaled = values.ToArray();
        scaling.ApplyInPlace(scaled);
        var first = Enumerable.Range(0, 100).Select(r => scaled[r * columns]).ToArray();
        Assert.All(first, v => Assert.InRange(v, -3f, 3f));        // the outliers bend towards ±3
        Assert.True(first[8] < -2.99f && first[7] > 2.99f);
        float z = (0 - 50.5f) / 49.5f;
        Assert.Equal(z / MathF.Sqrt(1 + z * z / 9), first[0], 1e-6f);   // ordinary values are clipped only a little
        Assert.Equal(values.Where((_, i) => i % columns == 1), scaled.Where((_, i) => i % columns == 1));   // one-hot untouched
        Assert.Equal(Enumerable.Range(0, 100).Select(r => (float)(r % 2)), scaled.Where((_, i) => i % columns == 2));
        Assert.All(scaled.Where((_, i) => i % columns == 3), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void Robust_statistics_read_only_the_training_rows()
    {
        var values = Table(100, out int columns);
        var even = Enumerable.Range(0, 50).Select(r => 2 * r).ToArray();   // 0, 2, ..., 98: binary column 2 is constant there
        var scaling = FitRobust(values, columns, even);
        Assert.Equal(49f, scaling.Mean[0]);
        Assert.Equal((1f, 1f, 0f), (scaling.Mean[2], scaling.Scale[2], scaling.Clip![2]));
    }

    [Fact]
    public void The_network_and_its_ONNX_graph_scale_and_clip_alike()
    {
        var rows = TestData.MulticlassRows(60);
        rows[3].Features[0] = 1e5f;   // an outlier, far into the clip
        rows[4].Features[1] = -1e5f;
        var data = _ml.Data.LoadFromEnumerable(rows);
        var x = rows.SelectMany(r => r.Features).ToArray();
        var scaling = FitRobust(x, TestData.FeatureCount, Enumerable.Range(0, rows.Length).ToArray());
        Assert.NotNull(scaling.Clip);

        manual_seed(3);
        using var network = TestNetworks.Mlp(TestData.FeatureCount, 3, Quick.Multiclass(o => o.HiddenLayers = [16]), new InputStandardization(scaling));
        network.eval();
        using var input = tensor(x, [rows.Length, TestData.FeatureCount]);
        using var expected = network.forward(input).softmax(1);

        var onnx = NetworkOnnx.Write("Features", new MlpArchitecture([16], Activation.ReLU), scaling, [MlpWeights.From(network)],
            new MulticlassObjective(3, 0), null).ToByteArray();
        var scored = _ml.Transforms.ApplyOnnxModel([NetworkOnnx.ScoreOutput], ["Features"], new MemoryStream(onnx)).Fit(data).Transform(data);
        var actual = scored.GetColumn<float[]>(NetworkOnnx.ScoreOutput).SelectMany(s => s).ToArray();
        Assert.Equal(expected.data<float>().ToArray(), actual, (a, b) => Math.Abs(a - b) < 1e-5);
    }

    [Fact]
    public void Robust_scaling_learns_through_outliers_that_standardization_lets_swamp_the_signal_and_reloads_bit_identically()
    {
        // The sign of x0 decides the class; 3% of the rows carry x0 a million times larger (same sign). Their variance
        // makes standardization shrink every ordinary row to about 0.0002; robust scaling keeps them near ±1.
        var random = new Random(5);
        var rows = Enumerable.Range(0, 600).Select(i =>
        {
            var features = Enumerable.Range(0, TestData.FeatureCount).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
            if (i % 33 == 0) features[0] *= 1e6f;
            return new TestData.ClassRow { Features = features, Label = features[0] > 0 };
        }).ToArray();
        var train = _ml.Data.LoadFromEnumerable(rows.Take(400));
        var test = _ml.Data.LoadFromEnumerable(rows.Skip(400));

        double Accuracy(FeatureScaling scaling, out ITransformer model)
        {
            model = _ml.BinaryClassification.Trainers.RegularizedMlp(Quick.Binary(o =>
            {
                o.FeatureScaling = scaling;
                o.Epochs = 10;
            })).Fit(train);
            return _ml.BinaryClassification.Evaluate(model.Transform(test)).Accuracy;
        }

        double standard = Accuracy(FeatureScaling.Standard, out _), robust = Accuracy(FeatureScaling.Robust, out var model);
        Assert.True(robust >= 0.95, $"robust scaling: accuracy {robust} (standard {standard})");
        Assert.True(robust - standard >= 0.15, $"robust {robust} against standard {standard}");

        var stream = new MemoryStream();
        _ml.Model.Save(model, train.Schema, stream);
        stream.Position = 0;
        var loaded = _ml.Model.Load(stream, out _);
        Assert.Equal(model.Transform(test).GetColumn<float>("Score"), loaded.Transform(test).GetColumn<float>("Score"));
        Assert.NotNull(((RegularizedNetworkModel)model).Network.Features.Clip);   // the test rows with outliers pass through it
    }

    [Fact]
    public void The_CNN_refuses_robust_scaling_naming_the_option()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => _ml.MulticlassClassification.Trainers.RegularizedCnn(
            new RegularizedCnnMulticlassTrainer.Options { FeatureScaling = FeatureScaling.Robust }));
        Assert.Contains("FeatureScaling", error.Message);
        Assert.Contains("Robust", error.Message);
    }
}
