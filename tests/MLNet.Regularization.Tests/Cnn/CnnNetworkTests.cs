using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Regularization.Networks;
using MLNet.Regularization.Scoring;
using MLNet.Regularization.Tasks;
using MLNet.Regularization.Training;
using Xunit;
using static TorchSharp.torch;

namespace MLNet.Regularization.Tests.Cnn;

/// <summary>The CNN module by its effects: spatial dropout, batch normalization, the weights the regularizers see, and its ONNX form.</summary>
public class CnnNetworkTests
{
    private static CnnNetwork Build(RegularizedCnnMulticlassTrainer.Options options, int channels = 1, int size = 12, int outputs = 3)
    {
        var architecture = (CnnArchitecture)options.CreateArchitecture(new DataViewSchemaBuilderColumn(channels, size).Column);
        return (CnnNetwork)architecture.Build(architecture.InputSize, outputs, null, options.LayerRegularization(), []);
    }

    [Fact]
    public void Spatial_dropout_zeroes_whole_feature_maps_in_training_and_is_the_identity_at_prediction()
    {
        manual_seed(1);
        using var network = Build(CnnTrainerTests.Small(o => { o.BatchNormalization = false; o.SpatialDropout = 0.5; o.BlockChannels = [16]; o.Pooling = CnnPooling.None; }));
        var block = network.Blocks[0];
        using var input = rand(4, 1, 12, 12) + 1;

        block.eval();
        using var kept = block.forward(input);
        using var again = block.forward(input);
        Assert.Equal(kept.data<float>().ToArray(), again.data<float>().ToArray());

        block.train();
        using var dropped = block.forward(input);
        int zeroed = 0, scaled = 0;
        for (int n = 0; n < 4; n++)
            for (int c = 0; c < 16; c++)
            {
                var map = dropped[n, c].data<float>().ToArray();
                var reference = kept[n, c].data<float>().ToArray();
                if (map.All(v => v == 0)) zeroed++;
                else
                {
                    // A kept map is the whole map scaled by 1 / (1 - p), never partly zeroed.
                    Assert.Equal(reference.Select(v => v * 2), map, (a, b) => Math.Abs(a - b) <= 1e-5f * Math.Max(1, Math.Abs(a)));
                    scaled++;
                }
            }
        Assert.InRange(zeroed, 16, 48);   // about half of 64 maps
        Assert.Equal(64, zeroed + scaled);
    }

    [Fact]
    public void Batch_normalization_uses_running_statistics_at_prediction()
    {
        manual_seed(2);
        using var network = Build(CnnTrainerTests.Small(o => { o.Dropout = 0; o.SpatialDropout = 0; }));
        using var batch = rand(16, 144);
        network.train();
        for (int i = 0; i < 3; i++) network.forward(batch).Dispose();

        network.eval();
        using var alone = network.forward(batch[..1]);
        using var together = network.forward(batch);
        Assert.Equal(alone.data<float>().ToArray(), together[..1].data<float>().ToArray(), (a, b) => Math.Abs(a - b) < 1e-5);

        network.train();
        using var trainAlone = network.forward(batch[..2]);
        using var trainTogether = network.forward(batch);
        Assert.NotEqual(trainAlone[..1].data<float>().ToArray(), trainTogether[..1].data<float>().ToArray());
    }

    [Fact]
    public void Penalties_max_norm_and_decay_act_on_convolution_kernels_and_dense_weights_only()
    {
        using var network = Build(CnnTrainerTests.Small(o => { o.Residual = true; o.HeadLayers = [8]; }));
        var weights = network.Weights.ToList();
        // Two blocks of two convolutions, one 1x1 shortcut per block (the channels change: 1 -> 8 -> 16), a hidden and an output layer.
        Assert.Equal(2 * 2 + 2 + 2, weights.Count);
        Assert.Equal(6, weights.Count(w => w.dim() == 4));
        Assert.All(weights, w => Assert.True(w.dim() is 2 or 4));
        var all = network.parameters().ToList();
        Assert.All(weights, w => Assert.Contains(all, p => ReferenceEquals(p, w)));
        // Every other parameter is a bias or a batch-norm scale or shift (one dimension).
        Assert.All(all.Where(p => !weights.Any(w => ReferenceEquals(w, p))), p => Assert.Equal(1, p.dim()));
    }

    public static TheoryData<bool, CnnPooling, bool, int[]> Architectures() => new()
    {
        { false, CnnPooling.Max, true, [] },
        { true, CnnPooling.Average, true, [8] },
        { true, CnnPooling.None, false, [] },
        { false, CnnPooling.Max, false, [8, 4] },
    };

    [Theory]
    [MemberData(nameof(Architectures))]
    public void The_ONNX_graph_computes_what_the_torch_network_computes(bool residual, CnnPooling pooling, bool globalPooling, int[] head)
    {
        var options = CnnTrainerTests.Small(o =>
        {
            o.Residual = residual;
            o.Pooling = pooling;
            o.GlobalAveragePooling = globalPooling;
            o.HeadLayers = head;
            o.BlockChannels = [4, 6];
            o.ImageChannels = 3;
            o.ImageHeight = 10;
            o.ImageWidth = 10;
            o.Activation = Activation.GELU;
        });
        var ml = new MLContext(seed: 1);
        manual_seed(3);
        var architecture = options.CreateArchitecture(new DataViewSchemaBuilderColumn(3, 10).Column);
        var mean = Enumerable.Range(0, 300).Select(i => i < 100 ? 0.5f : i < 200 ? 0.4f : 0.3f).ToArray();
        var scale = Enumerable.Range(0, 300).Select(i => i < 100 ? 0.2f : i < 200 ? 0.25f : 0.3f).ToArray();
        using var network = (CnnNetwork)architecture.Build(300, 3, new InputStandardization(new Standardization(mean, scale)), options.LayerRegularization(), []);
        using var input = rand(20, 300);
        network.train();
        for (int i = 0; i < 5; i++) network.forward(input).Dispose(); // nontrivial batch-norm running statistics
        network.eval();
        using var expected = network.forward(input).softmax(1);

        var onnx = NetworkOnnx.Write("Features", architecture, new Standardization(mean, scale), [architecture.Export(network)], new MulticlassObjective(3, 0), null);
        var rows = Enumerable.Range(0, 20).Select(i => new Row { Features = input[i].data<float>().ToArray() }).ToArray();
        var data = ml.Data.LoadFromEnumerable(rows);
        using var stream = new MemoryStream(Google.Protobuf.MessageExtensions.ToByteArray(onnx));
        var scored = ml.Transforms.ApplyOnnxModel([NetworkOnnx.ScoreOutput], ["Features"], stream).Fit(data).Transform(data);
        var actual = scored.GetColumn<float[]>(NetworkOnnx.ScoreOutput).SelectMany(s => s).ToArray();

        Assert.Equal(expected.data<float>().ToArray(), actual, (a, b) => Math.Abs(a - b) < 1e-5);
    }

    private sealed class Row
    {
        [Microsoft.ML.Data.VectorType(300)] public float[] Features { get; set; } = [];
    }

    /// <summary>A feature column of images of the given channels and size, for building architectures without data.</summary>
    private sealed class DataViewSchemaBuilderColumn(int channels, int size)
    {
        public DataViewSchema.Column Column
        {
            get
            {
                var builder = new DataViewSchema.Builder();
                builder.AddColumn("Features", new Microsoft.ML.Data.VectorDataViewType(Microsoft.ML.Data.NumberDataViewType.Single, channels, size, size));
                return builder.ToSchema()["Features"];
            }
        }
    }
}
