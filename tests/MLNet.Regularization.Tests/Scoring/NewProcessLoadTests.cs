using Microsoft.ML;
using Microsoft.ML.Data;
using Xunit;

namespace MLNet.Regularization.Tests.Scoring;

/// <summary>A saved model loads in a fresh process, as a user's scoring application would load it, with the same scores.</summary>
public class NewProcessLoadTests
{
    private readonly MLContext _ml = new(seed: 1);

    public static TheoryData<string> Tasks => ["binary", "multiclass", "regression"];

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
            var bytes = new byte[features.Length * TestData.FeatureCount * sizeof(float)];
            Buffer.BlockCopy(features.SelectMany(f => f).ToArray(), 0, bytes, 0, bytes.Length);
            File.WriteAllBytes(Path.Combine(folder, "features.bin"), bytes);

            var scored = model.Transform(data);
            var expected = scored.Schema["Score"].Type is VectorDataViewType
                ? scored.GetColumn<float[]>("Score").Select(s => s[0]).ToArray()
                : scored.GetColumn<float>("Score").ToArray();
            var actual = RunProbe(modelPath, Path.Combine(folder, "features.bin"));

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
        _ => (_ml.Regression.Trainers.RegularizedMlp(Quick.Regression(o => o.Epochs = 2)).Fit(TestData.Regression(_ml, 100)), TestData.Regression(_ml, 50, seed: 3)),
    };

    private static string[] RunProbe(string model, string features) =>
        LoadProbeApplication.Run([model, features, TestData.FeatureCount.ToString()]);
}
