using System.IO.Compression;
using Google.Protobuf;
using Microsoft.ML;
using Microsoft.ML.Data;
using Onnx;
using Xunit;

namespace MLNet.Regularization.Tests.Scoring;

public class TrainedNetworkTests
{
    private readonly MLContext _ml = new(seed: 1);

    private RegularizedNetworkModel Train(int members = 2) => _ml.Regression.Trainers
        .RegularizedMlp(Quick.Regression(o => { o.HiddenLayers = [16, 8]; o.Epochs = 3; o.EnsembleSize = members; o.BatchNormalization = true; }))
        .Fit(TestData.Regression(_ml, 200));

    private static byte[] Onnx(RegularizedNetworkModel model)
    {
        using var stream = new MemoryStream();
        model.ExportOnnx(stream);
        return stream.ToArray();
    }

    private static void AssertSameNetwork(TrainedNetwork expected, TrainedNetwork actual)
    {
        Assert.Equal(expected.Task, actual.Task);
        Assert.Equal(expected.HiddenLayers(), actual.HiddenLayers());
        Assert.Equal(expected.EnsembleSize, actual.EnsembleSize);
        Assert.Equal(expected.Features.Mean, actual.Features.Mean);
        Assert.Equal(expected.Label!.Scale, actual.Label!.Scale);
        for (int m = 0; m < expected.EnsembleSize; m++)
            for (int l = 0; l < expected.Members[m].Layers().Count; l++)
            {
                Assert.Equal(expected.Members[m].Layers()[l].Weight, actual.Members[m].Layers()[l].Weight);
                Assert.Equal(expected.Members[m].Layers()[l].Bias, actual.Members[m].Layers()[l].Bias);
            }
    }

    [Fact]
    public void An_exported_ONNX_model_reads_back_as_the_same_network_with_its_description()
    {
        var model = Train();
        var loaded = TrainedNetwork.Load(new MemoryStream(Onnx(model)));

        AssertSameNetwork(model.Network, loaded);
        Assert.Equal(PredictionTask.Regression, loaded.Task);
        Assert.Equal(TestData.FeatureCount, loaded.FeatureCount);
        Assert.Equal(new MlpArchitecture([16, 8], Activation.ReLU), loaded.Architecture);
        Assert.Equal("MLP [16, 8] ReLU", loaded.Architecture.ToString());
        Assert.Equal(model.Network.PackageVersion, loaded.PackageVersion);
        Assert.Contains("\"HiddenLayers\":[16,8]", loaded.Options);
        Assert.Contains("\"BatchNormalization\":true", loaded.Options);
    }

    [Fact]
    public void An_ML_NET_model_file_reads_back_as_the_network_it_holds()
    {
        var model = Train();
        var data = TestData.Regression(_ml, 10);
        var pipeline = _ml.Transforms.CopyColumns("Copy", "Features").Fit(data).Append(model);
        using var zip = new MemoryStream();
        _ml.Model.Save(pipeline, data.Schema, zip);

        AssertSameNetwork(model.Network, TrainedNetwork.Load(new MemoryStream(zip.ToArray())));
    }

    [Fact]
    public void A_file_of_a_newer_format_version_is_refused_with_a_clear_message()
    {
        var proto = ModelProto.Parser.ParseFrom(Onnx(Train(1)));
        proto.MetadataProps.Single(p => p.Key == "mlnet_regularization.format_version").Value = "99";

        var error = Assert.Throws<NotSupportedException>(() => TrainedNetwork.Load(new MemoryStream(TinyModel.Resign(proto))));
        Assert.Contains("format version 99", error.Message);
        Assert.Contains("Update the package", error.Message);
    }

    [Fact]
    public void Weights_that_do_not_match_the_recorded_architecture_are_refused()
    {
        var proto = ModelProto.Parser.ParseFrom(Onnx(Train(1)));
        proto.MetadataProps.Single(p => p.Key == "mlnet_regularization.hidden_layers").Value = "16,9";

        var error = Assert.Throws<InvalidDataException>(() => TrainedNetwork.Load(new MemoryStream(TinyModel.Resign(proto))));
        Assert.Contains("m0_w1", error.Message);
        Assert.Contains("[9, 16]", error.Message);
    }

    [Fact]
    public void Truncated_or_corrupted_files_are_refused_with_InvalidDataException()
    {
        var model = Train(1);
        var onnx = Onnx(model);
        using var zip = new MemoryStream();
        _ml.Model.Save(model, TestData.Regression(_ml, 10).Schema, zip);
        var zipBytes = zip.ToArray();

        var truncatedZip = Assert.Throws<InvalidDataException>(() => TrainedNetwork.Load(new MemoryStream(zipBytes[..(zipBytes.Length / 2)])));
        Assert.Contains("truncated or corrupted", truncatedZip.Message);
        var truncatedOnnx = Assert.Throws<InvalidDataException>(() => TrainedNetwork.Load(new MemoryStream(onnx[..(onnx.Length / 2)])));
        Assert.Contains("truncated or corrupted", truncatedOnnx.Message);
        var garbage = Enumerable.Range(0, 500).Select(i => (byte)(i * 37 % 251)).ToArray();
        Assert.Throws<InvalidDataException>(() => TrainedNetwork.Load(new MemoryStream(garbage)));
    }

    [Fact]
    public void Files_without_a_network_of_this_pack_are_refused()
    {
        var data = TestData.Regression(_ml, 10);
        using var zip = new MemoryStream();
        _ml.Model.Save(_ml.Transforms.NormalizeMinMax("Features").Fit(data), data.Schema, zip);
        var noNetwork = Assert.Throws<InvalidDataException>(() => TrainedNetwork.Load(new MemoryStream(zip.ToArray())));
        Assert.Contains("holds no network", noNetwork.Message);

        var proto = ModelProto.Parser.ParseFrom(Onnx(Train(1)));
        proto.ProducerName = "someone else";
        proto.MetadataProps.Clear();
        var foreign = Assert.Throws<InvalidDataException>(() => TrainedNetwork.Load(new MemoryStream(proto.ToByteArray())));
        Assert.Contains("someone else", foreign.Message);
    }

    [Fact]
    public void ML_NET_refuses_to_load_a_truncated_model_file_or_one_whose_network_is_corrupted()
    {
        var model = Train(1);
        var data = TestData.Regression(_ml, 10);
        using var zip = new MemoryStream();
        _ml.Model.Save(model, data.Schema, zip);
        var bytes = zip.ToArray();

        Assert.ThrowsAny<Exception>(() => new MLContext().Model.Load(new MemoryStream(bytes[..(bytes.Length / 2)]), out _));

        // Overwrite the start of the stored ONNX graph: loading fails instead of giving a silently wrong model.
        using var corrupted = new MemoryStream();
        corrupted.Write(bytes);
        using (var archive = new ZipArchive(corrupted, ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = archive.Entries.Single(e => e.Name == "OnnxModel");
            byte[] content;
            using (var read = entry.Open()) { using var copy = new MemoryStream(); read.CopyTo(copy); content = copy.ToArray(); }
            for (int i = 4; i < 40; i++) content[i] = 0xFF;
            using var write = entry.Open();
            write.SetLength(0);
            write.Write(content);
        }
        Assert.ThrowsAny<Exception>(() => new MLContext().Model.Load(new MemoryStream(corrupted.ToArray()), out _)
            .Transform(data).GetColumn<float>("Score").ToArray());
    }
}
