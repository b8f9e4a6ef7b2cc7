using Microsoft.ML;
using Microsoft.ML.Data;
using Xunit;

namespace MLNet.Regularization.Tests.Scoring;

public class BatchScoringTests
{
    private readonly MLContext _ml = new(seed: 1);

    [Fact]
    public void Transform_scores_rows_in_batches_with_the_values_of_row_by_row_scoring()
    {
        var model = _ml.MulticlassClassification.Trainers.RegularizedMlp(Quick.Multiclass(o => o.Epochs = 2)).Fit(TestData.Multiclass(_ml, 300));
        var data = TestData.Multiclass(_ml, 2500, seed: 5);

        var batched = model.Transform(data);
        var scores = batched.GetColumn<float[]>("Score").ToArray();
        var labels = batched.GetColumn<uint>("PredictedLabel").ToArray();
        Assert.Equal(2 * 3, model.BatchesScored); // two passes over 2,500 rows in batches of 1,024

        var engine = _ml.Model.CreatePredictionEngine<TestData.MulticlassRow, Prediction>(model);
        var rows = TestData.MulticlassRows(2500, seed: 5);
        for (int i = 0; i < rows.Length; i += 97)
        {
            var one = engine.Predict(rows[i]);
            Assert.Equal(one.Score, scores[i]);
            Assert.Equal(one.PredictedLabel, labels[i]);
        }
    }

    [Fact]
    public void Reading_only_input_columns_does_not_run_the_network()
    {
        var model = _ml.BinaryClassification.Trainers.RegularizedMlp(Quick.Binary(o => o.Epochs = 1)).Fit(TestData.Binary(_ml, 100));
        var labels = model.Transform(TestData.Binary(_ml, 100)).GetColumn<bool>("Label").ToArray();
        Assert.Equal(100, labels.Length);
        Assert.Equal(0, model.BatchesScored);
    }

    private sealed class Prediction
    {
        public float[] Score { get; set; } = [];
        [KeyType(3)] public uint PredictedLabel { get; set; }
    }
}
