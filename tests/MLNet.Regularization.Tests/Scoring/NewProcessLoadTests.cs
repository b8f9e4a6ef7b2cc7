using System.Diagnostics;
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

    private static string[] RunProbe(string model, string features)
    {
        // The probe application is built next to this test assembly's own build output.
        var probe = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory.Replace("MLNet.Regularization.Tests", "MLNet.Regularization.LoadProbe"),
            "MLNet.Regularization.LoadProbe.dll"));
        Assert.True(File.Exists(probe), $"The load probe application was not built: {probe}");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { probe, model, features, TestData.FeatureCount.ToString() }) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(120_000), "the load probe did not finish in two minutes");
        Assert.True(process.ExitCode == 0, $"the load probe failed: {error.Result}");
        return output.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}
