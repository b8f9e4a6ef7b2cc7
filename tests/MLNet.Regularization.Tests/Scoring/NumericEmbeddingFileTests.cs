using Google.Protobuf;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Regularization.Networks;
using MLNet.Regularization.Scoring;
using Onnx;
using Xunit;

namespace MLNet.Regularization.Tests.Scoring;

/// <summary>A network with a numeric embedding in its files: saved and loaded as it was, described by its metadata, refused
/// when its embedding is malformed; a network without one writes no trace of it.</summary>
public class NumericEmbeddingFileTests
{
    private const string Prefix = "mlnet_regularization.";

    private readonly MLContext _ml = new(seed: 1);

    private static readonly MlpArchitecture Expected = new([8], Activation.ReLU, NumericEmbedding.Periodic, 16, 8, 1);

    /// <summary>An ensemble of two embedded regression networks on the mixed table, trained once per test run.</summary>
    private static readonly Lazy<RegularizedNetworkModel> Model = new(() =>
    {
        var ml = new MLContext(seed: 1);
        return ml.Regression.Trainers.RegularizedMlp(Quick.Regression(o =>
        {
            o.HiddenLayers = [8];
            o.Epochs = 3;
            o.EnsembleSize = 2;
            o.FeatureScaling = FeatureScaling.Robust;
            o.NumericEmbedding = NumericEmbedding.Periodic;
        })).Fit(ml.Data.LoadFromEnumerable(TestData.MixedRegressionRows(200)));
    });

    private IDataView Data => _ml.Data.LoadFromEnumerable(TestData.MixedRegressionRows(100, seed: 2));

    private static byte[] Onnx(RegularizedNetworkModel model)
    {
        using var stream = new MemoryStream();
        model.ExportOnnx(stream);
        return stream.ToArray();
    }

    private static void AssertSameEmbeddings(TrainedNetwork expected, TrainedNetwork actual)
    {
        for (int m = 0; m < expected.EnsembleSize; m++)
        {
            var (e, a) = (((MlpWeights)expected.Members[m]).Embedding!, ((MlpWeights)actual.Members[m]).Embedding!);
            Assert.Equal(e.Columns, a.Columns);
            Assert.Equal(e.Arrays.SelectMany(v => v), a.Arrays.SelectMany(v => v));
        }
    }

    [Fact]
    public void A_model_with_a_numeric_embedding_saves_and_loads_with_bit_identical_scores_and_Load_reports_the_embedding()
    {
        var model = Model.Value;
        using var zip = new MemoryStream();
        _ml.Model.Save(model, Data.Schema, zip);

        var loaded = new MLContext().Model.Load(new MemoryStream(zip.ToArray()), out _);
        try
        {
            Assert.Equal(model.Transform(Data).GetColumn<float>("Score"), loaded.Transform(Data).GetColumn<float>("Score"));
        }
        finally
        {
            (loaded as IDisposable)?.Dispose();
        }

        var network = TrainedNetwork.Load(new MemoryStream(zip.ToArray()));
        Assert.Equal(Expected, network.Architecture);
        Assert.Equal("MLP [8] ReLU, Periodic numeric embedding (16 frequencies, size 8, scale 1)", network.Architecture.ToString());
        Assert.All(network.Members, m => Assert.Equal(TestData.MixedNumericColumns, m.NumericColumns));
        AssertSameEmbeddings(model.Network, network);
        Assert.True(TinyModel.Same(model.Network, network), "the loaded network writes the same ONNX model, byte for byte");
    }

    [Fact]
    public void An_exported_ONNX_model_with_a_numeric_embedding_reads_back_as_the_same_network()
    {
        var network = TrainedNetwork.Load(new MemoryStream(Onnx(Model.Value)));

        Assert.Equal(Expected, network.Architecture);
        AssertSameEmbeddings(Model.Value.Network, network);
        var proto = TinyModel.Proto(Onnx(Model.Value));
        Assert.Equal("Periodic", proto.MetadataProps.Single(p => p.Key == Prefix + "numeric_embedding").Value);
        Assert.Equal("1", proto.MetadataProps.Single(p => p.Key == Prefix + "numeric_embedding_scale").Value);
        Assert.Equal(TestData.MixedNumericColumns.Select(c => (long)c), proto.Graph.Initializer.Single(t => t.Name == "m1_emb_columns").Int64Data);
    }

    [Fact]
    public void A_network_without_an_embedding_writes_no_embedding_nodes_tensors_or_metadata()
    {
        var proto = TinyModel.Proto(TinyModel.Onnx);

        Assert.DoesNotContain(proto.MetadataProps, p => p.Key.Contains("embedding"));
        Assert.DoesNotContain(proto.Graph.Initializer, t => t.Name.Contains("_emb_"));
        Assert.Equal(["Sub", "Div", "Gemm", "Relu", "Gemm", "Mul", "Add"], proto.Graph.Node.Select(n => n.OpType));
    }

    public static TheoryData<string, string> MalformedEmbeddings => new()
    {
        { "columns descending", "ascending order" },
        { "column out of range", "not a list of distinct input columns (0 to 9)" },
        { "columns as floats", "not int64" },
        { "no columns", "lacks the column list 'm1_emb_columns'" },
        { "no frequencies", "lacks the weights 'm0_emb_frequencies'" },
        { "numeric_embedding Fourier", "not a known NumericEmbedding" },
        { "numeric_embedding_size 1", "not a number of at least 2" },
        { "numeric_embedding_frequencies 17", "needs [7, 17]" },
        { "numeric_embedding_scale 0", "not a positive number" },
        { "numeric_embedding_scale NaN", "not a positive number" },
        { "no numeric_embedding", "m0_w0" },
    };

    [Theory]
    [MemberData(nameof(MalformedEmbeddings))]
    public void A_malformed_embedding_with_a_valid_digest_is_refused_with_InvalidDataException(string change, string message)
    {
        var proto = TinyModel.Proto(Onnx(Model.Value));
        TensorProto Tensor(string name) => proto.Graph.Initializer.Single(t => t.Name == name);
        var columns = Tensor("m0_emb_columns");
        var words = change.Split(' ', 2);
        switch (change)
        {
            case "columns descending": (columns.Int64Data[0], columns.Int64Data[1]) = (columns.Int64Data[1], columns.Int64Data[0]); break;
            case "column out of range": columns.Int64Data[^1] = TestData.FeatureCount; break;
            case "columns as floats": columns.DataType = (int)TensorProto.Types.DataType.Float; break;
            case "no columns": proto.Graph.Initializer.Remove(Tensor("m1_emb_columns")); break;
            case "no frequencies": proto.Graph.Initializer.Remove(Tensor("m0_emb_frequencies")); break;
            case "no numeric_embedding": proto.MetadataProps.Remove(proto.MetadataProps.Single(p => p.Key == Prefix + "numeric_embedding")); break;
            default: proto.MetadataProps.Single(p => p.Key == Prefix + words[0]).Value = words[1]; break;
        }

        var error = Assert.Throws<InvalidDataException>(() => TrainedNetwork.Load(new MemoryStream(TinyModel.Resign(proto))));
        Assert.Contains(message, error.Message);
    }
}
