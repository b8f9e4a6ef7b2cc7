using Microsoft.ML;
using Microsoft.ML.Data;
using Xunit;

namespace MLNet.Regularization.Tests.Scoring;

/// <summary>A saved model loads in a fresh process, as a user's scoring application would load it, with the same scores.</summary>
public class NewProcessLoadTests
{
    private readonly MLContext _ml = new(seed: 1);

    public static TheoryData<string> Tasks => ["binary", "multiclass", "regression", "cnn"];

    [Theory]
    [MemberData(nameof(Tasks))]
    public void A_saved_model_loaded_by_another_process_gives_bit_identical_scores(string task)
    {
        var (model, data) = Train(task);
        var folder = Directory.CreateTempSubdirectory("mlnet-regularization-").FullName;
        try
        {
            var modelPath = Path.Combine(folder, "model.zip");
            _ml.Model.Save(model, data.Schema, modelPath);
            var features = data.GetColumn<float[]>("Features").ToArray();
            int featureCount = features[0].Length;
            var bytes = new byte[features.Length * featureCount * sizeof(float)];
            Buffer.BlockCopy(features.SelectMany(f => f).ToArray(), 0, bytes, 0, bytes.Length);
            File.WriteAllBytes(Path.Combine(folder, "features.bin"), bytes);

            var scored = model.Transform(data);
            var expected = scored.Schema["Score"].Type is VectorDataViewType
                ? scored.GetColumn<float[]>("Score").Select(s => s[0]).ToArray()
                : scored.GetColumn<float>("Score").ToArray();
            var actual = LoadProbeApplication.Run([modelPath, Path.Combine(folder, "features.bin"), featureCount.ToString()]);

            Assert.Equal(expected.Select(v => BitConverter.SingleToInt32Bits(v).ToString("X8")), actual);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private (ITransformer, IDataView) Train(string task) => task switch
    {
        "binary" => (_ml.BinaryClassification.Trainers.RegularizedMlp(Quick.Binary(o => o.Epochs = 2)).Fit(TestData.Binary(_ml, 100)), TestData.Binary(_ml, 50, seed: 3)),
        "multiclass" => (_ml.MulticlassClassification.Trainers.RegularizedMlp(Quick.Multiclass(o => o.Epochs = 2)).Fit(TestData.Multiclass(_ml, 100)), TestData.Multiclass(_ml, 50, seed: 3)),
        "regression" => (_ml.Regression.Trainers.RegularizedMlp(Quick.Regression(o => o.Epochs = 2)).Fit(TestData.Regression(_ml, 100)), TestData.Regression(_ml, 50, seed: 3)),
        _ => TrainCnn(),
    };

    /// <summary>A CNN with residual blocks, batch normalization (folded when saved) and a dense head, on generated images.</summary>
    private (ITransformer, IDataView) TrainCnn()
    {
        var images = _ml.Data.LoadFromEnumerable(Cnn.TestImages.Rows(100, 1));
        var keys = _ml.Transforms.Conversion.MapValueToKey("Label").Fit(images);
        var model = _ml.MulticlassClassification.Trainers.RegularizedCnn(Cnn.CnnTrainerTests.Small(o => { o.Epochs = 2; o.Residual = true; o.HeadLayers = [8]; }))
            .Fit(keys.Transform(images));
        return (model, keys.Transform(_ml.Data.LoadFromEnumerable(Cnn.TestImages.Rows(50, 3))));
    }
}
