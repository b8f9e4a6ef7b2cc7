using Microsoft.ML;
using Microsoft.ML.Data;
using Xunit;

namespace MLNet.Regularization.Tests.Scoring;

public class TrainingScopeTests
{
    private readonly MLContext _ml = new(seed: 1);

    private sealed class FeatureRow
    {
        [VectorType(TestData.FeatureCount)] public float[] Features { get; set; } = [];
    }

    [Fact]
    public void A_training_only_step_runs_in_training_and_is_left_out_of_the_saved_scoring_model()
    {
        int rowsSeen = 0;
        // An unsaveable mapping (no contract name) that jitters the features: it may run only while training.
        var jitter = _ml.Transforms.CustomMapping<FeatureRow, FeatureRow>((input, output) =>
        {
            Interlocked.Increment(ref rowsSeen);
            output.Features = input.Features.Select(v => v * 1.01f).ToArray();
        }, contractName: null);
        var data = TestData.Binary(_ml, 200);
        var model = _ml.Transforms.CopyColumns("Raw", "Features")
            .Append(jitter, TransformerScope.Training)
            .Append(_ml.BinaryClassification.Trainers.RegularizedMlp(Quick.Binary(o => o.Epochs = 3)))
            .Fit(data);
        Assert.True(rowsSeen >= 200, "the training-only step fed the trainer");

        var scoring = model.GetModelFor(TransformerScope.Scoring);
        Assert.Equal(2, scoring.Count());
        using var stream = new MemoryStream();
        _ml.Model.Save(scoring, data.Schema, stream);
        stream.Position = 0;
        var loaded = new MLContext().Model.Load(stream, out _);

        rowsSeen = 0;
        Assert.Equal(scoring.Transform(data).GetColumn<float>("Score"), loaded.Transform(data).GetColumn<float>("Score"));
        Assert.Equal(0, rowsSeen);
    }
}
