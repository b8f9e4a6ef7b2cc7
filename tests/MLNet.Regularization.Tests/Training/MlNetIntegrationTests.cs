using Microsoft.ML;
using Microsoft.ML.Data;
using Xunit;

namespace MLNet.Regularization.Tests.Training;

/// <summary>Models of the three trainers, fitted once for the tests of <see cref="MlNetIntegrationTests"/> that only read them.</summary>
public sealed class TrainedModelsFixture
{
    public const int TrainRows = 400;
    public const int TestRows = 300;

    public TrainedModelsFixture()
    {
        var ml = new MLContext(seed: 1);
        BinaryTrain = TestData.Binary(ml, TrainRows, seed: 1);
        BinaryTest = TestData.Binary(ml, TestRows, seed: 2);
        Binary = ml.BinaryClassification.Trainers.RegularizedMlp(MlNetIntegrationTests.Small<RegularizedMlpBinaryTrainer.Options>()).Fit(BinaryTrain);

        // Raw string labels; the pipeline maps them to keys in front of the trainer, as an ML.NET user would.
        MulticlassTrain = ml.Data.LoadFromEnumerable(TestData.MulticlassRows(TrainRows, seed: 1));
        MulticlassTest = ml.Data.LoadFromEnumerable(TestData.MulticlassRows(TestRows, seed: 2));
        Multiclass = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.MulticlassClassification.Trainers.RegularizedMlp(MlNetIntegrationTests.Small<RegularizedMlpMulticlassTrainer.Options>()))
            .Fit(MulticlassTrain);

        RegressionTrain = TestData.Regression(ml, TrainRows, seed: 1);
        RegressionTest = TestData.Regression(ml, TestRows, seed: 2);
        Regression = ml.Regression.Trainers.RegularizedMlp(MlNetIntegrationTests.Small<RegularizedMlpRegressionTrainer.Options>(o => o.HiddenLayers = [32, 16]))
            .Fit(RegressionTrain);
    }

    public IDataView BinaryTrain { get; }
    public IDataView BinaryTest { get; }
    public RegularizedNetworkModel Binary { get; }

    public IDataView MulticlassTrain { get; }
    public IDataView MulticlassTest { get; }
    /// <summary>MapValueToKey("Label") followed by the trainer's model.</summary>
    public TransformerChain<RegularizedNetworkModel> Multiclass { get; }

    public IDataView RegressionTrain { get; }
    public IDataView RegressionTest { get; }
    public RegularizedNetworkModel Regression { get; }
}

/// <summary>The fitted models work with ML.NET unchanged: evaluators, key mapping, prediction engines, cross-validation,
/// schema propagation, logging, progress, cancellation, saving and loading, and the ONNX export.</summary>
public class MlNetIntegrationTests(TrainedModelsFixture models) : IClassFixture<TrainedModelsFixture>
{
    private static readonly string[] ClassNames = ["cat", "dog", "fox"];

    private readonly MLContext _ml = new(seed: 1);

    /// <summary>Small, fast options: one hidden layer of 16, 20 epochs, mild regularization, one thread.</summary>
    internal static T Small<T>(Action<T>? configure = null) where T : RegularizedMlpOptions, new() => Quick.Options<T>(o =>
    {
        o.HiddenLayers = [16];
        o.Epochs = 20;
        o.Dropout = [0.1];
        o.WeightDecay = 1e-3;
        o.Seed = 1;
        configure?.Invoke(o);
    });

    private sealed class SynchronousProgress(Action<EpochReport>? onReport = null) : IProgress<EpochReport>
    {
        public List<EpochReport> Reports { get; } = [];

        public void Report(EpochReport value)
        {
            Reports.Add(value);
            onReport?.Invoke(value);
        }
    }

    private static float[] Floats(IDataView data, string column) => data.GetColumn<float>(column).ToArray();

    private static float[][] Vectors(IDataView data, string column) => data.GetColumn<float[]>(column).ToArray();

    // ---- Evaluators ----

    [Fact]
    public void Binary_model_passes_calibrated_and_non_calibrated_Evaluate_with_high_accuracy_and_AUC()
    {
        var scored = models.Binary.Transform(models.BinaryTest);

        var plain = _ml.BinaryClassification.EvaluateNonCalibrated(scored);
        Assert.True(plain.Accuracy > 0.9, $"accuracy {plain.Accuracy:F3}");
        Assert.True(plain.AreaUnderRocCurve > 0.95, $"AUC {plain.AreaUnderRocCurve:F3}");

        var calibrated = _ml.BinaryClassification.Evaluate(scored);
        Assert.True(calibrated.Accuracy > 0.9, $"accuracy {calibrated.Accuracy:F3}");
        Assert.True(calibrated.AreaUnderRocCurve > 0.95, $"AUC {calibrated.AreaUnderRocCurve:F3}");
        Assert.True(double.IsFinite(calibrated.LogLoss) && calibrated.LogLoss < 0.5, $"log-loss {calibrated.LogLoss:F3}");
        Assert.True(calibrated.LogLossReduction > 0.5, $"log-loss reduction {calibrated.LogLossReduction:F3}");
        Assert.Equal(plain.Accuracy, calibrated.Accuracy, 12);
    }

    [Fact]
    public void Binary_Probability_is_in_0_1_and_PredictedLabel_is_Probability_above_one_half()
    {
        var scored = models.Binary.Transform(models.BinaryTest);
        var score = Floats(scored, "Score");
        var probability = Floats(scored, "Probability");
        var predicted = scored.GetColumn<bool>("PredictedLabel").ToArray();

        Assert.Equal(TrainedModelsFixture.TestRows, probability.Length);
        for (int i = 0; i < probability.Length; i++)
        {
            Assert.InRange(probability[i], 0f, 1f);
            Assert.Equal(probability[i] > 0.5f, predicted[i]);
            // One network: Score is its logit, Probability its sigmoid.
            Assert.Equal(1 / (1 + Math.Exp(-score[i])), probability[i], 1e-5);
        }
        Assert.Contains(true, predicted);
        Assert.Contains(false, predicted);
    }

    [Fact]
    public void Multiclass_model_passes_Evaluate_with_high_accuracy()
    {
        var metrics = _ml.MulticlassClassification.Evaluate(models.Multiclass.Transform(models.MulticlassTest));
        Assert.True(metrics.MicroAccuracy > 0.85, $"micro accuracy {metrics.MicroAccuracy:F3}");
        Assert.True(metrics.MacroAccuracy > 0.85, $"macro accuracy {metrics.MacroAccuracy:F3}");
        Assert.True(double.IsFinite(metrics.LogLoss) && metrics.LogLoss < 0.5, $"log-loss {metrics.LogLoss:F3}");
        Assert.Equal(3, metrics.ConfusionMatrix.NumberOfClasses);
    }

    [Fact]
    public void Multiclass_MapKeyToValue_of_PredictedLabel_gives_the_class_names_of_the_Score_argmax_and_Score_sums_to_1()
    {
        var scored = models.Multiclass.Transform(models.MulticlassTest);
        var named = _ml.Transforms.Conversion.MapKeyToValue("PredictedLabel").Fit(scored).Transform(scored);

        var labelKeys = default(VBuffer<ReadOnlyMemory<char>>);
        scored.Schema["Label"].GetKeyValues(ref labelKeys);
        var keyNames = labelKeys.DenseValues().Select(v => v.ToString()).ToArray();
        Assert.Equal(ClassNames, keyNames.Order().ToArray());

        var predicted = named.GetColumn<string>("PredictedLabel").ToArray();
        var truth = TestData.MulticlassRows(TrainedModelsFixture.TestRows, seed: 2).Select(r => r.Label).ToArray();
        var scores = Vectors(named, "Score");

        Assert.Equal(TrainedModelsFixture.TestRows, predicted.Length);
        Assert.All(predicted, p => Assert.Contains(p, ClassNames));
        Assert.Equal(ClassNames, predicted.Distinct().Order().ToArray());
        for (int i = 0; i < scores.Length; i++)
        {
            Assert.Equal(3, scores[i].Length);
            Assert.Equal(1.0, scores[i].Sum(), 4);
            Assert.All(scores[i], s => Assert.InRange(s, 0f, 1f));
            int argmax = Array.IndexOf(scores[i], scores[i].Max());
            Assert.Equal(keyNames[argmax], predicted[i]);
        }
        double accuracy = predicted.Zip(truth).Count(p => p.First == p.Second) / (double)predicted.Length;
        Assert.True(accuracy > 0.85, $"accuracy {accuracy:F3}");
    }

    [Fact]
    public void Regression_model_passes_Evaluate_with_RSquared_above_0_9_on_labels_around_100()
    {
        var scored = models.Regression.Transform(models.RegressionTest);
        var metrics = _ml.Regression.Evaluate(scored);
        Assert.True(metrics.RSquared > 0.9, $"R^2 {metrics.RSquared:F3}, RMSE {metrics.RootMeanSquaredError:F2}");

        // The label standardization is undone at prediction: scores are in label units, not standardized ones.
        var labels = Floats(scored, "Label");
        var scores = Floats(scored, "Score");
        Assert.InRange(scores.Average(), labels.Average() - 10, labels.Average() + 10);
        Assert.InRange(labels.Average(), 80, 120);
    }

    // ---- Prediction engines ----

    private sealed class FeaturesOnly
    {
        [VectorType(TestData.FeatureCount)] public float[] Features { get; set; } = [];
    }

    private sealed class BinaryPrediction
    {
        public float Score { get; set; }
        public float Probability { get; set; }
        public bool PredictedLabel { get; set; }
    }

    private sealed class MulticlassPrediction
    {
        public float[] Score { get; set; } = [];
        public string PredictedLabel { get; set; } = "";
    }

    private sealed class RegressionPrediction
    {
        public float Score { get; set; }
    }

    [Fact]
    public void Binary_PredictionEngine_gives_the_same_Score_Probability_and_PredictedLabel_as_Transform()
    {
        var rows = TestData.BinaryRows(12, seed: 5);
        var scored = models.Binary.Transform(_ml.Data.LoadFromEnumerable(rows));
        var score = Floats(scored, "Score");
        var probability = Floats(scored, "Probability");
        var predicted = scored.GetColumn<bool>("PredictedLabel").ToArray();

        // The input type holds the features only: scoring needs no label.
        var engine = _ml.Model.CreatePredictionEngine<FeaturesOnly, BinaryPrediction>(models.Binary);
        for (int i = 0; i < rows.Length; i++)
        {
            var p = engine.Predict(new FeaturesOnly { Features = rows[i].Features });
            Assert.Equal(score[i], p.Score);
            Assert.Equal(probability[i], p.Probability);
            Assert.Equal(predicted[i], p.PredictedLabel);
        }
    }

    [Fact]
    public void Multiclass_PredictionEngine_gives_the_same_Score_and_class_name_as_Transform()
    {
        var pipeline = models.Multiclass.Append(_ml.Transforms.Conversion.MapKeyToValue("PredictedLabel").Fit(models.Multiclass.Transform(models.MulticlassTrain)));
        var rows = TestData.MulticlassRows(12, seed: 5);
        var scored = pipeline.Transform(_ml.Data.LoadFromEnumerable(rows));
        var scores = Vectors(scored, "Score");
        var predicted = scored.GetColumn<string>("PredictedLabel").ToArray();

        var engine = _ml.Model.CreatePredictionEngine<TestData.MulticlassRow, MulticlassPrediction>(pipeline);
        for (int i = 0; i < rows.Length; i++)
        {
            var p = engine.Predict(rows[i]);
            Assert.Equal(scores[i], p.Score);
            Assert.Equal(predicted[i], p.PredictedLabel);
            Assert.Contains(p.PredictedLabel, ClassNames);
        }
    }

    [Fact]
    public void Regression_PredictionEngine_gives_the_same_Score_as_Transform()
    {
        var rows = TestData.RegressionRows(12, seed: 5);
        var score = Floats(models.Regression.Transform(_ml.Data.LoadFromEnumerable(rows)), "Score");

        var engine = _ml.Model.CreatePredictionEngine<TestData.RegressionRow, RegressionPrediction>(models.Regression);
        for (int i = 0; i < rows.Length; i++)
            Assert.Equal(score[i], engine.Predict(rows[i]).Score);
    }

    // ---- Cross-validation ----

    [Fact]
    public void Binary_CrossValidate_and_CrossValidateNonCalibrated_with_3_folds_train_and_evaluate_every_fold()
    {
        var data = TestData.Binary(_ml, 300);
        var trainer = _ml.BinaryClassification.Trainers.RegularizedMlp(Small<RegularizedMlpBinaryTrainer.Options>(o => o.Epochs = 20));

        var calibrated = _ml.BinaryClassification.CrossValidate(data, trainer, numberOfFolds: 3);
        Assert.Equal(3, calibrated.Count);
        Assert.All(calibrated, fold =>
        {
            Assert.IsType<RegularizedNetworkModel>(fold.Model);
            Assert.True(fold.Metrics.Accuracy > 0.85, $"fold {fold.Fold} accuracy {fold.Metrics.Accuracy:F3}");
            Assert.True(double.IsFinite(fold.Metrics.LogLoss), $"fold {fold.Fold} log-loss {fold.Metrics.LogLoss}");
        });

        var plain = _ml.BinaryClassification.CrossValidateNonCalibrated(data, trainer, numberOfFolds: 3);
        Assert.Equal(3, plain.Count);
        Assert.All(plain, fold => Assert.True(fold.Metrics.AreaUnderRocCurve > 0.9, $"fold {fold.Fold} AUC {fold.Metrics.AreaUnderRocCurve:F3}"));
    }

    [Fact]
    public void Multiclass_CrossValidate_with_3_folds_trains_and_evaluates_every_fold()
    {
        var data = TestData.Multiclass(_ml, 300);
        var trainer = _ml.MulticlassClassification.Trainers.RegularizedMlp(Small<RegularizedMlpMulticlassTrainer.Options>(o => o.Epochs = 20));

        var folds = _ml.MulticlassClassification.CrossValidate(data, trainer, numberOfFolds: 3);
        Assert.Equal(3, folds.Count);
        Assert.All(folds, fold =>
        {
            Assert.IsType<RegularizedNetworkModel>(fold.Model);
            Assert.True(fold.Metrics.MicroAccuracy > 0.8, $"fold {fold.Fold} accuracy {fold.Metrics.MicroAccuracy:F3}");
        });
    }

    [Fact]
    public void Regression_CrossValidate_with_3_folds_trains_and_evaluates_every_fold()
    {
        var data = TestData.Regression(_ml, 300);
        var trainer = _ml.Regression.Trainers.RegularizedMlp(Small<RegularizedMlpRegressionTrainer.Options>(o => o.Epochs = 20));

        var folds = _ml.Regression.CrossValidate(data, trainer, numberOfFolds: 3);
        Assert.Equal(3, folds.Count);
        Assert.All(folds, fold =>
        {
            Assert.IsType<RegularizedNetworkModel>(fold.Model);
            Assert.True(fold.Metrics.RSquared > 0.75, $"fold {fold.Fold} R^2 {fold.Metrics.RSquared:F3}");
        });
    }

    // ---- Schema propagation (estimator GetOutputSchema vs. the fitted model's schema) ----

    /// <summary>A text loader with the generated data's columns: the label (of <paramref name="labelKind"/>) in column 0 and the features in 1..10.
    /// <c>loader.Append(estimator).GetOutputSchema()</c> is the public way to get a <see cref="SchemaShape"/> without data.</summary>
    private TextLoader Loader(DataKind labelKind) => _ml.Data.CreateTextLoader(
    [
        new TextLoader.Column("Label", labelKind, 0),
        new TextLoader.Column("Features", DataKind.Single, 1, TestData.FeatureCount),
    ]);

    private static SchemaShape.Column? Find(SchemaShape shape, string name) =>
        shape.Where(c => c.Name == name).Select(c => (SchemaShape.Column?)c).FirstOrDefault();

    /// <summary>Checks that every column of <paramref name="shape"/> is in <paramref name="schema"/> with the same kind, item type and
    /// key-ness, and that the visible columns of <paramref name="schema"/> are exactly those of the shape.</summary>
    private static void AssertShapeMatches(SchemaShape shape, DataViewSchema schema, params string[] predictionColumns)
    {
        foreach (var name in predictionColumns) Assert.True(Find(shape, name).HasValue, $"estimator output schema lacks {name}");
        foreach (var column in shape)
        {
            var actual = schema.GetColumnOrNull(column.Name);
            Assert.True(actual.HasValue, $"fitted model output lacks {column.Name}");
            var type = actual.Value.Type;
            var kind = type is VectorDataViewType v
                ? v.IsKnownSize ? SchemaShape.Column.VectorKind.Vector : SchemaShape.Column.VectorKind.VariableVector
                : SchemaShape.Column.VectorKind.Scalar;
            var item = type is VectorDataViewType vector ? vector.ItemType : type;
            bool isKey = item is KeyDataViewType;
            if (isKey) item = NumberDataViewType.UInt32;
            Assert.True(column.Kind == kind, $"{column.Name}: shape kind {column.Kind}, model {kind}");
            Assert.True(column.ItemType.Equals(item), $"{column.Name}: shape item type {column.ItemType}, model {item}");
            Assert.True(column.IsKey == isKey, $"{column.Name}: shape key {column.IsKey}, model {isKey}");
        }
        var visible = schema.Where(c => !c.IsHidden).Select(c => c.Name).Order().ToArray();
        Assert.Equal(shape.Select(c => c.Name).Order().ToArray(), visible);
    }

    [Fact]
    public void Binary_estimator_output_schema_matches_the_fitted_model_output_schema()
    {
        var trainer = _ml.BinaryClassification.Trainers.RegularizedMlp(Small<RegularizedMlpBinaryTrainer.Options>());
        var shape = Loader(DataKind.Boolean).Append(trainer).GetOutputSchema();
        AssertShapeMatches(shape, models.Binary.GetOutputSchema(models.BinaryTrain.Schema), "Score", "Probability", "PredictedLabel");
    }

    [Fact]
    public void Multiclass_estimator_output_schema_matches_the_fitted_model_output_schema()
    {
        var estimator = _ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(_ml.MulticlassClassification.Trainers.RegularizedMlp(Small<RegularizedMlpMulticlassTrainer.Options>()));
        var shape = Loader(DataKind.String).Append(estimator).GetOutputSchema();
        AssertShapeMatches(shape, models.Multiclass.GetOutputSchema(models.MulticlassTrain.Schema), "Score", "PredictedLabel");

        var predicted = Find(shape, "PredictedLabel");
        Assert.True(predicted.HasValue);
        Assert.True(Find(predicted.Value.Annotations, "KeyValues").HasValue, "PredictedLabel shape should carry the label's key values");
    }

    [Fact]
    public void Regression_estimator_output_schema_matches_the_fitted_model_output_schema()
    {
        var trainer = _ml.Regression.Trainers.RegularizedMlp(Small<RegularizedMlpRegressionTrainer.Options>());
        var shape = Loader(DataKind.Single).Append(trainer).GetOutputSchema();
        AssertShapeMatches(shape, models.Regression.GetOutputSchema(models.RegressionTrain.Schema), "Score");
    }

    // ---- Log, progress, cancellation ----

    [Fact]
    public void MLContext_Log_receives_one_epoch_message_per_epoch_from_the_trainer()
    {
        var ml = new MLContext(seed: 1);
        var messages = new List<LoggingEventArgs>();
        ml.Log += (_, e) => { lock (messages) messages.Add(e); };

        ml.BinaryClassification.Trainers.RegularizedMlp(Small<RegularizedMlpBinaryTrainer.Options>(o => o.Epochs = 5)).Fit(TestData.Binary(ml, 200));

        List<LoggingEventArgs> epochMessages;
        lock (messages)
            epochMessages = messages.Where(m => m.Source == nameof(RegularizedMlpBinaryTrainer) && m.RawMessage.Contains("epoch")).ToList();
        Assert.Equal(5, epochMessages.Count);
        Assert.All(epochMessages, m => Assert.Equal(Microsoft.ML.Runtime.ChannelMessageKind.Info, m.Kind));
        Assert.Contains("train loss", epochMessages[0].RawMessage);
    }

    [Fact]
    public void Progress_receives_one_EpochReport_per_epoch_in_order()
    {
        var progress = new SynchronousProgress();
        var model = _ml.Regression.Trainers.RegularizedMlp(Small<RegularizedMlpRegressionTrainer.Options>(o =>
        {
            o.Epochs = 6;
            o.ValidationFraction = 0.2;
            o.Progress = progress;
        })).Fit(TestData.Regression(_ml, 200));

        Assert.Equal([1, 2, 3, 4, 5, 6], progress.Reports.Select(r => r.Epoch));
        Assert.All(progress.Reports, r =>
        {
            Assert.Equal(0, r.Member);
            Assert.True(double.IsFinite(r.TrainLoss) && double.IsFinite(r.ValidationLoss), r.ToString());
        });
        Assert.Equal(model.TrainingReport.Epochs, progress.Reports);
    }

    [Fact]
    public void Progress_receives_the_epochs_of_every_ensemble_member()
    {
        var progress = new SynchronousProgress();
        _ml.BinaryClassification.Trainers.RegularizedMlp(Small<RegularizedMlpBinaryTrainer.Options>(o =>
        {
            o.Epochs = 3;
            o.EnsembleSize = 2;
            o.Progress = progress;
        })).Fit(TestData.Binary(_ml, 200));

        Assert.Equal([(0, 1), (0, 2), (0, 3), (1, 1), (1, 2), (1, 3)], progress.Reports.Select(r => (r.Member, r.Epoch)));
    }

    [Fact]
    public void CancellationToken_canceled_from_the_Progress_callback_makes_Fit_throw_OperationCanceledException()
    {
        using var cancellation = new CancellationTokenSource();
        var progress = new SynchronousProgress(r => { if (r.Epoch == 2) cancellation.Cancel(); });
        var trainer = _ml.BinaryClassification.Trainers.RegularizedMlp(Small<RegularizedMlpBinaryTrainer.Options>(o =>
        {
            o.Epochs = 10;
            o.Progress = progress;
            o.CancellationToken = cancellation.Token;
        }));

        var e = Assert.ThrowsAny<OperationCanceledException>(() => trainer.Fit(TestData.Binary(_ml, 200)));
        Assert.Equal(cancellation.Token, e.CancellationToken);
        Assert.Equal(2, progress.Reports.Count);
    }

    [Fact]
    public void CancellationToken_canceled_before_Fit_makes_Fit_throw_OperationCanceledException_before_any_epoch()
    {
        var progress = new SynchronousProgress();
        var trainer = _ml.Regression.Trainers.RegularizedMlp(Small<RegularizedMlpRegressionTrainer.Options>(o =>
        {
            o.Progress = progress;
            o.CancellationToken = new CancellationToken(canceled: true);
        }));

        Assert.ThrowsAny<OperationCanceledException>(() => trainer.Fit(TestData.Regression(_ml, 100)));
        Assert.Empty(progress.Reports);
    }

    // ---- Save / Load ----

    private static ITransformer SaveAndLoad(ITransformer model, DataViewSchema inputSchema, out DataViewSchema loadedSchema)
    {
        using var stream = new MemoryStream();
        new MLContext(seed: 1).Model.Save(model, inputSchema, stream);
        Assert.True(stream.Length > 0);
        stream.Position = 0;
        return new MLContext(seed: 1).Model.Load(stream, out loadedSchema);
    }

    [Fact]
    public void Binary_model_saved_and_loaded_in_a_new_MLContext_gives_identical_scores()
    {
        var loaded = SaveAndLoad(models.Binary, models.BinaryTrain.Schema, out var schema);
        Assert.Equal(TestData.FeatureCount, ((VectorDataViewType)schema["Features"].Type).Size);

        var before = models.Binary.Transform(models.BinaryTest);
        var after = loaded.Transform(models.BinaryTest);
        Assert.Equal(Floats(before, "Score"), Floats(after, "Score"));
        Assert.Equal(Floats(before, "Probability"), Floats(after, "Probability"));
        Assert.Equal(before.GetColumn<bool>("PredictedLabel"), after.GetColumn<bool>("PredictedLabel"));
        Assert.True(new MLContext(seed: 1).BinaryClassification.Evaluate(after).Accuracy > 0.9);
    }

    [Fact]
    public void Multiclass_pipeline_saved_and_loaded_in_a_new_MLContext_gives_identical_scores_and_class_names()
    {
        var loaded = SaveAndLoad(models.Multiclass, models.MulticlassTrain.Schema, out _);

        var ml = new MLContext(seed: 1);
        var before = models.Multiclass.Transform(models.MulticlassTest);
        var after = loaded.Transform(models.MulticlassTest);
        Assert.Equal(Vectors(before, "Score"), Vectors(after, "Score"));

        var toNames = ml.Transforms.Conversion.MapKeyToValue("PredictedLabel");
        var namesBefore = toNames.Fit(before).Transform(before).GetColumn<string>("PredictedLabel").ToArray();
        var namesAfter = toNames.Fit(after).Transform(after).GetColumn<string>("PredictedLabel").ToArray();
        Assert.Equal(namesBefore, namesAfter);
        Assert.All(namesAfter, n => Assert.Contains(n, ClassNames));
        Assert.True(ml.MulticlassClassification.Evaluate(after).MicroAccuracy > 0.85);
    }

    [Fact]
    public void Regression_model_saved_to_a_file_and_loaded_in_a_new_MLContext_gives_identical_scores()
    {
        var path = Path.Combine(Path.GetTempPath(), $"mlnet-regularization-{Guid.NewGuid():N}.zip");
        try
        {
            new MLContext(seed: 1).Model.Save(models.Regression, models.RegressionTrain.Schema, path);
            Assert.True(new FileInfo(path).Length > 0);
            var loaded = new MLContext(seed: 1).Model.Load(path, out _);

            Assert.Equal(Floats(models.Regression.Transform(models.RegressionTest), "Score"), Floats(loaded.Transform(models.RegressionTest), "Score"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Loaded_model_works_with_a_PredictionEngine()
    {
        var loaded = SaveAndLoad(models.Regression, models.RegressionTrain.Schema, out _);
        var rows = TestData.RegressionRows(5, seed: 5);
        var expected = Floats(models.Regression.Transform(_ml.Data.LoadFromEnumerable(rows)), "Score");

        var engine = new MLContext(seed: 1).Model.CreatePredictionEngine<TestData.RegressionRow, RegressionPrediction>(loaded);
        Assert.Equal(expected, rows.Select(r => engine.Predict(r).Score));
    }

    // ---- ONNX export ----

    [Fact]
    public void ExportOnnx_writes_a_non_empty_ONNX_model_with_the_feature_input_and_score_outputs()
    {
        foreach (var (model, outputs) in new[] { (models.Binary, new[] { "score", "probability" }), (models.Regression, new[] { "score" }) })
        {
            using var stream = new MemoryStream();
            model.ExportOnnx(stream);
            Assert.True(stream.Length > 0);

            var onnx = Onnx.ModelProto.Parser.ParseFrom(stream.ToArray());
            var input = Assert.Single(onnx.Graph.Input);
            Assert.Equal("Features", input.Name);
            Assert.Equal(TestData.FeatureCount, input.Type.TensorType.Shape.Dim[1].DimValue);
            Assert.Equal(outputs, onnx.Graph.Output.Select(o => o.Name));
            Assert.Contains(onnx.OpsetImport, o => o.Domain == "" && o.Version == 17);
        }
    }

    [Fact]
    public void Exported_ONNX_model_scored_by_ApplyOnnxModel_gives_the_model_scores()
    {
        using var stream = new MemoryStream();
        models.Regression.ExportOnnx(stream);
        stream.Position = 0;

        var onnx = _ml.Transforms.ApplyOnnxModel(["score"], ["Features"], stream).Fit(models.RegressionTest);
        var exported = Vectors(onnx.Transform(models.RegressionTest), "score").Select(v => Assert.Single(v)).ToArray();
        Assert.Equal(Floats(models.Regression.Transform(models.RegressionTest), "Score"), exported);
    }
}
