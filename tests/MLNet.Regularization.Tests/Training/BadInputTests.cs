using Microsoft.ML;
using Microsoft.ML.Data;
using Xunit;

namespace MLNet.Regularization.Tests.Training;

/// <summary>
/// Bad data and bad options fail early and clearly: the intended exception type, a message naming the column or the
/// option, option errors at trainer construction (the catalog call) and data errors in <c>Fit</c> before any epoch runs.
/// </summary>
public class BadInputTests
{
    /// <summary>The feature count of the generated data sets (TestData); the row types below use it.</summary>
    private const int D = 10;

    private readonly MLContext _ml = new(seed: 1);

    // ---- Helpers ----

    /// <summary>Cheap options: one epoch of a 4-unit network; a progress recorder shows whether any epoch ran.</summary>
    private static T Cheap<T>(EpochRecorder? recorder = null, Action<T>? configure = null) where T : RegularizedMlpOptions, new()
    {
        var options = new T
        {
            HiddenLayers = [4],
            Epochs = 1,
            BatchSize = 32,
            Dropout = [],
            EarlyStopping = false,
            ValidationFraction = 0,
            NumberOfThreads = 1,
            Seed = 1,
            Progress = recorder,
        };
        configure?.Invoke(options);
        return options;
    }

    private sealed class EpochRecorder : IProgress<EpochReport>
    {
        public List<EpochReport> Reports { get; } = [];
        public void Report(EpochReport value) => Reports.Add(value);
    }

    private RegularizedMlpBinaryTrainer Binary(EpochRecorder recorder, Action<RegularizedMlpBinaryTrainer.Options>? configure = null) =>
        _ml.BinaryClassification.Trainers.RegularizedMlp(Cheap(recorder, configure));

    private RegularizedMlpMulticlassTrainer Multiclass(EpochRecorder recorder, Action<RegularizedMlpMulticlassTrainer.Options>? configure = null) =>
        _ml.MulticlassClassification.Trainers.RegularizedMlp(Cheap(recorder, configure));

    private RegularizedMlpRegressionTrainer Regression(EpochRecorder recorder, Action<RegularizedMlpRegressionTrainer.Options>? configure = null) =>
        _ml.Regression.Trainers.RegularizedMlp(Cheap(recorder, configure));

    /// <summary>Runs <paramref name="fit"/>, checks the exception type and that the message holds every fragment, and that no epoch ran.</summary>
    private static TException AssertFailsBeforeTraining<TException>(EpochRecorder recorder, Func<object> fit, params string[] fragments)
        where TException : Exception
    {
        var e = Assert.Throws<TException>(fit);
        foreach (var fragment in fragments) Assert.Contains(fragment, e.Message);
        Assert.Empty(recorder.Reports);
        return e;
    }

    /// <summary>Checks that creating a trainer throws <see cref="ArgumentOutOfRangeException"/> naming <paramref name="option"/>.</summary>
    private static void AssertOptionRejected(Func<object> create, string option)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(create);
        Assert.Equal(option, e.ParamName);
        Assert.Contains($"Option {option}", e.Message);
    }

    private static float[] Ramp(int length, float start = 0) => Enumerable.Range(0, length).Select(i => start + i).ToArray();

    // ---- Row types for bad schemas ----

    private sealed class LabelOnlyRow { public bool Label { get; set; } }

    private sealed class FeaturesOnlyRow { [VectorType(D)] public float[] Features { get; set; } = []; }

    private sealed class ScalarFeatureRow { public float Features { get; set; } public bool Label { get; set; } }

    private sealed class DoubleVectorRow { [VectorType(D)] public double[] Features { get; set; } = []; public bool Label { get; set; } }

    private sealed class StringFeatureRow { public string Features { get; set; } = ""; public bool Label { get; set; } }

    private sealed class VariableVectorRow { public float[] Features { get; set; } = []; public bool Label { get; set; } }

    private sealed class FloatLabelRow { [VectorType(D)] public float[] Features { get; set; } = []; public float Label { get; set; } }

    private sealed class BoolLabelRow { [VectorType(D)] public float[] Features { get; set; } = []; public bool Label { get; set; } }

    private sealed class UIntLabelRow { [VectorType(D)] public float[] Features { get; set; } = []; public uint Label { get; set; } }

    private sealed class DoubleLabelRow { [VectorType(D)] public float[] Features { get; set; } = []; public double Label { get; set; } }

    private sealed class FiveFeatureRow { [VectorType(5)] public float[] Features { get; set; } = []; public bool Label { get; set; } }

    private sealed class OtherNamesRow { [VectorType(D)] public float[] Pixels { get; set; } = []; public bool Label { get; set; } }

    private IDataView Load<T>(IEnumerable<T> rows) where T : class => _ml.Data.LoadFromEnumerable(rows);

    // ---- Missing and mistyped columns ----

    [Fact]
    public void Missing_feature_column_throws_ArgumentException_naming_the_column()
    {
        var recorder = new EpochRecorder();
        var data = Load(Enumerable.Range(0, 20).Select(i => new LabelOnlyRow { Label = i % 2 == 0 }));
        AssertFailsBeforeTraining<ArgumentException>(recorder, () => Binary(recorder).Fit(data), "'Features'");
    }

    [Fact]
    public void Missing_custom_feature_column_throws_naming_that_column()
    {
        var recorder = new EpochRecorder();
        var data = TestData.Binary(_ml, 20);
        AssertFailsBeforeTraining<ArgumentException>(recorder, () => Binary(recorder, o => o.FeatureColumnName = "Pixels").Fit(data), "'Pixels'");
    }

    [Fact]
    public void Missing_label_column_throws_ArgumentException_naming_the_column()
    {
        var recorder = new EpochRecorder();
        var data = Load(Enumerable.Range(0, 20).Select(i => new FeaturesOnlyRow { Features = Ramp(D, i) }));
        AssertFailsBeforeTraining<ArgumentException>(recorder, () => Binary(recorder).Fit(data), "'Label'");
        AssertFailsBeforeTraining<ArgumentException>(recorder, () => Regression(recorder).Fit(data), "'Label'");
        AssertFailsBeforeTraining<ArgumentException>(recorder, () => Multiclass(recorder).Fit(data), "'Label'");
    }

    [Fact]
    public void Missing_custom_label_column_throws_naming_that_column()
    {
        var recorder = new EpochRecorder();
        var data = TestData.Binary(_ml, 20);
        AssertFailsBeforeTraining<ArgumentException>(recorder, () => Binary(recorder, o => o.LabelColumnName = "IsGood").Fit(data), "'IsGood'");
    }

    [Fact]
    public void Scalar_float_feature_column_throws_ArgumentException_naming_the_column()
    {
        var recorder = new EpochRecorder();
        var data = Load(Enumerable.Range(0, 20).Select(i => new ScalarFeatureRow { Features = i, Label = i % 2 == 0 }));
        AssertFailsBeforeTraining<ArgumentException>(recorder, () => Binary(recorder).Fit(data), "'Features'", "vector of Single");
    }

    [Fact]
    public void Vector_of_double_feature_column_throws_ArgumentException_naming_the_column()
    {
        var recorder = new EpochRecorder();
        var data = Load(Enumerable.Range(0, 20).Select(i => new DoubleVectorRow
        {
            Features = Ramp(D, i).Select(v => (double)v).ToArray(),
            Label = i % 2 == 0,
        }));
        AssertFailsBeforeTraining<ArgumentException>(recorder, () => Binary(recorder).Fit(data), "'Features'", "vector of Single");
    }

    [Fact]
    public void String_feature_column_throws_ArgumentException_naming_the_column()
    {
        var recorder = new EpochRecorder();
        var data = Load(Enumerable.Range(0, 20).Select(i => new StringFeatureRow { Features = $"row {i}", Label = i % 2 == 0 }));
        AssertFailsBeforeTraining<ArgumentException>(recorder, () => Binary(recorder).Fit(data), "'Features'", "vector of Single");
    }

    [Fact]
    public void Feature_vector_of_unknown_size_throws_ArgumentException_naming_the_column()
    {
        var recorder = new EpochRecorder();
        // A float[] without [VectorType(n)] is a variable-size vector, even when every row has the same length.
        var data = Load(Enumerable.Range(0, 20).Select(i => new VariableVectorRow { Features = Ramp(D, i), Label = i % 2 == 0 }));
        Assert.Equal(0, ((VectorDataViewType)data.Schema["Features"].Type).Size);
        AssertFailsBeforeTraining<ArgumentException>(recorder, () => Binary(recorder).Fit(data), "'Features'", "unknown size");
    }

    [Fact]
    public void Rows_with_feature_vectors_of_varying_size_throw_the_unknown_size_schema_error()
    {
        var recorder = new EpochRecorder();
        var data = Load(Enumerable.Range(0, 20).Select(i => new VariableVectorRow { Features = Ramp(3 + i % 4, i), Label = i % 2 == 0 }));
        AssertFailsBeforeTraining<ArgumentException>(recorder, () => Binary(recorder).Fit(data), "'Features'", "unknown size");
    }

    [Fact]
    public void Row_whose_vector_is_shorter_than_the_declared_size_throws_InvalidOperationException_naming_the_column_and_row()
    {
        // LoadFromEnumerable does not check array lengths against [VectorType(10)]; the trainer does, row by row.
        var recorder = new EpochRecorder();
        var rows = TestData.BinaryRows(30);
        rows[7].Features = rows[7].Features[..5];
        AssertFailsBeforeTraining<InvalidOperationException>(recorder, () => Binary(recorder).Fit(Load(rows)),
            "Row 7 ", "'Features'", "5 values", $"expected {D}");
    }

    [Theory]
    [InlineData("float")]
    [InlineData("uint")]
    [InlineData("double")]
    public void Binary_label_that_is_not_Boolean_throws_ArgumentException_naming_the_column(string labelType)
    {
        var recorder = new EpochRecorder();
        var rows = TestData.BinaryRows(30);
        IDataView data = labelType switch
        {
            "float" => Load(rows.Select(r => new FloatLabelRow { Features = r.Features, Label = r.Label ? 1 : 0 })),
            "uint" => Load(rows.Select(r => new UIntLabelRow { Features = r.Features, Label = r.Label ? 1u : 0u })),
            _ => Load(rows.Select(r => new DoubleLabelRow { Features = r.Features, Label = r.Label ? 1 : 0 })),
        };
        AssertFailsBeforeTraining<ArgumentException>(recorder, () => Binary(recorder).Fit(data), "'Label'", "Boolean");
    }

    [Fact]
    public void Multiclass_label_of_uint_throws_ArgumentException_pointing_to_MapValueToKey()
    {
        var recorder = new EpochRecorder();
        var data = Load(TestData.BinaryRows(30).Select((r, i) => new UIntLabelRow { Features = r.Features, Label = (uint)(i % 3) }));
        AssertFailsBeforeTraining<ArgumentException>(recorder, () => Multiclass(recorder).Fit(data), "'Label'", "MapValueToKey");
    }

    [Fact]
    public void Multiclass_label_of_string_throws_ArgumentException_pointing_to_MapValueToKey()
    {
        var recorder = new EpochRecorder();
        var data = Load(TestData.MulticlassRows(30));
        AssertFailsBeforeTraining<ArgumentException>(recorder, () => Multiclass(recorder).Fit(data), "'Label'", "MapValueToKey");
    }

    [Fact]
    public void Multiclass_label_of_Boolean_throws_ArgumentException_naming_the_column()
    {
        var recorder = new EpochRecorder();
        var data = TestData.Binary(_ml, 30);
        AssertFailsBeforeTraining<ArgumentException>(recorder, () => Multiclass(recorder).Fit(data), "'Label'", "MapValueToKey");
    }

    [Theory]
    [InlineData("bool")]
    [InlineData("double")]
    [InlineData("key")]
    public void Regression_label_that_is_not_Single_throws_ArgumentException_naming_the_column(string labelType)
    {
        var recorder = new EpochRecorder();
        var rows = TestData.RegressionRows(30);
        IDataView data = labelType switch
        {
            "bool" => Load(rows.Select(r => new BoolLabelRow { Features = r.Features, Label = r.Label > 100 })),
            "double" => Load(rows.Select(r => new DoubleLabelRow { Features = r.Features, Label = r.Label })),
            _ => TestData.Multiclass(_ml, 30),
        };
        AssertFailsBeforeTraining<ArgumentException>(recorder, () => Regression(recorder).Fit(data), "'Label'", "Single");
    }

    // ---- Invalid values ----

    private IDataView RegressionWithBadRows(params (int Row, int Slot, float Value)[] badFeatures) =>
        RegressionWithBadRows(badFeatures, []);

    private IDataView RegressionWithBadRows((int Row, int Slot, float Value)[] badFeatures, (int Row, float Value)[] badLabels)
    {
        var rows = TestData.RegressionRows(100);
        foreach (var (row, slot, value) in badFeatures) rows[row].Features[slot] = value;
        foreach (var (row, value) in badLabels) rows[row].Label = value;
        return Load(rows);
    }

    [Fact]
    public void NaN_feature_throws_InvalidOperationException_naming_the_column_and_row()
    {
        var recorder = new EpochRecorder();
        var data = RegressionWithBadRows((17, 4, float.NaN));
        AssertFailsBeforeTraining<InvalidOperationException>(recorder, () => Regression(recorder).Fit(data),
            "Row 17 ", "'Features'", "slot 4", "InvalidRows");
    }

    [Fact]
    public void Infinite_feature_throws_InvalidOperationException_naming_the_column_and_row()
    {
        var recorder = new EpochRecorder();
        var positive = RegressionWithBadRows((42, 0, float.PositiveInfinity));
        AssertFailsBeforeTraining<InvalidOperationException>(recorder, () => Regression(recorder).Fit(positive), "Row 42 ", "'Features'", "slot 0");

        var negative = TestData.BinaryRows(50);
        negative[9].Features[7] = float.NegativeInfinity;
        AssertFailsBeforeTraining<InvalidOperationException>(recorder, () => Binary(recorder).Fit(Load(negative)), "Row 9 ", "'Features'", "slot 7");
    }

    [Fact]
    public void NaN_regression_label_throws_InvalidOperationException_naming_the_column_and_row()
    {
        var recorder = new EpochRecorder();
        var data = RegressionWithBadRows([], [(63, float.NaN)]);
        AssertFailsBeforeTraining<InvalidOperationException>(recorder, () => Regression(recorder).Fit(data), "Row 63 ", "'Label'", "NaN");
    }

    [Fact]
    public void Infinite_regression_label_throws_InvalidOperationException_naming_the_column_and_row()
    {
        var recorder = new EpochRecorder();
        var data = RegressionWithBadRows([], [(5, float.PositiveInfinity)]);
        AssertFailsBeforeTraining<InvalidOperationException>(recorder, () => Regression(recorder).Fit(data), "Row 5 ", "'Label'");
    }

    [Fact]
    public void Missing_multiclass_key_label_throws_InvalidOperationException_naming_the_column_and_row()
    {
        var recorder = new EpochRecorder();
        var rows = TestData.MulticlassRows(60);
        rows[11].Label = "wolf"; // not among the keys the mapping was fitted on: key 0 (missing)
        var toKey = _ml.Transforms.Conversion.MapValueToKey("Label").Fit(Load(TestData.MulticlassRows(60)));
        var data = toKey.Transform(Load(rows));
        AssertFailsBeforeTraining<InvalidOperationException>(recorder, () => Multiclass(recorder).Fit(data), "Row 11 ", "'Label'", "missing key");
    }

    [Fact]
    public void Invalid_rows_in_validation_data_throw_naming_the_validation_data_and_row()
    {
        var recorder = new EpochRecorder();
        var validationRows = TestData.RegressionRows(40, seed: 2);
        validationRows[3].Features[1] = float.NaN;
        AssertFailsBeforeTraining<InvalidOperationException>(recorder,
            () => Regression(recorder).Fit(TestData.Regression(_ml, 60), Load(validationRows)), "Row 3 ", "validation data", "'Features'");
    }

    [Fact]
    public void With_InvalidRows_Skip_rows_with_NaN_or_infinity_are_skipped_counted_and_training_succeeds()
    {
        var recorder = new EpochRecorder();
        var data = RegressionWithBadRows(
            [(3, 0, float.NaN), (10, 9, float.PositiveInfinity), (20, 5, float.NegativeInfinity)],
            [(30, float.NaN), (40, float.PositiveInfinity)]);
        var model = Regression(recorder, o => { o.InvalidRows = InvalidRowHandling.Skip; o.Epochs = 2; }).Fit(data);

        Assert.Equal(5, model.TrainingReport.SkippedRows);
        Assert.Equal(95, model.TrainingReport.TrainingRows);
        Assert.Equal(2, recorder.Reports.Count);
        Assert.All(recorder.Reports, r => Assert.True(double.IsFinite(r.TrainLoss), $"train loss {r.TrainLoss}"));

        var scores = model.Transform(TestData.Regression(_ml, 20, seed: 3)).GetColumn<float>("Score").ToArray();
        Assert.All(scores, s => Assert.True(float.IsFinite(s), $"score {s}"));
    }

    [Fact]
    public void With_InvalidRows_Skip_a_missing_multiclass_key_is_skipped_and_counted()
    {
        var recorder = new EpochRecorder();
        var rows = TestData.MulticlassRows(60);
        rows[11].Label = "wolf";
        rows[12].Features[0] = float.NaN;
        var toKey = _ml.Transforms.Conversion.MapValueToKey("Label").Fit(Load(TestData.MulticlassRows(60)));
        var model = Multiclass(recorder, o => o.InvalidRows = InvalidRowHandling.Skip).Fit(toKey.Transform(Load(rows)));

        Assert.Equal(2, model.TrainingReport.SkippedRows);
        Assert.Equal(58, model.TrainingReport.TrainingRows);
    }

    [Fact]
    public void With_InvalidRows_Skip_data_whose_rows_are_all_invalid_throws_InvalidOperationException()
    {
        var recorder = new EpochRecorder();
        var rows = TestData.RegressionRows(10);
        foreach (var row in rows) row.Label = float.NaN;
        AssertFailsBeforeTraining<InvalidOperationException>(recorder,
            () => Regression(recorder, o => o.InvalidRows = InvalidRowHandling.Skip).Fit(Load(rows)), "All 10 rows", "skipped");
    }

    // ---- Empty data, one class ----

    [Fact]
    public void Empty_training_data_throws_InvalidOperationException()
    {
        var recorder = new EpochRecorder();
        AssertFailsBeforeTraining<InvalidOperationException>(recorder, () => Binary(recorder).Fit(Load(Array.Empty<TestData.ClassRow>())), "no rows");
        AssertFailsBeforeTraining<InvalidOperationException>(recorder, () => Regression(recorder).Fit(Load(Array.Empty<TestData.RegressionRow>())), "no rows");
    }

    [Fact]
    public void Empty_validation_data_throws_InvalidOperationException()
    {
        var recorder = new EpochRecorder();
        AssertFailsBeforeTraining<InvalidOperationException>(recorder,
            () => Binary(recorder).Fit(TestData.Binary(_ml, 40), Load(Array.Empty<TestData.ClassRow>())), "validation data", "no rows");
    }

    [Fact]
    public void Binary_data_with_a_single_class_throws_InvalidOperationException_naming_the_label_column()
    {
        var recorder = new EpochRecorder();
        var rows = TestData.BinaryRows(50);
        foreach (var row in rows) row.Label = true;
        AssertFailsBeforeTraining<InvalidOperationException>(recorder, () => Binary(recorder).Fit(Load(rows)), "'Label'", "both classes");
    }

    // ---- Validation data whose schema differs ----

    [Fact]
    public void Validation_data_without_the_feature_column_throws_ArgumentException_naming_it()
    {
        var recorder = new EpochRecorder();
        var validation = Load(TestData.BinaryRows(20, seed: 2).Select(r => new OtherNamesRow { Pixels = r.Features, Label = r.Label }));
        AssertFailsBeforeTraining<ArgumentException>(recorder, () => Binary(recorder).Fit(TestData.Binary(_ml, 40), validation),
            "validation data", "'Features'");
    }

    [Fact]
    public void Validation_data_without_the_label_column_throws_ArgumentException_naming_it()
    {
        var recorder = new EpochRecorder();
        var validation = Load(TestData.BinaryRows(20, seed: 2).Select(r => new FeaturesOnlyRow { Features = r.Features }));
        AssertFailsBeforeTraining<ArgumentException>(recorder, () => Binary(recorder).Fit(TestData.Binary(_ml, 40), validation),
            "validation data", "'Label'");
    }

    [Fact]
    public void Validation_data_with_another_feature_size_throws_ArgumentException_naming_the_column()
    {
        var recorder = new EpochRecorder();
        var validation = Load(TestData.BinaryRows(20, seed: 2).Select(r => new FiveFeatureRow { Features = r.Features[..5], Label = r.Label }));
        AssertFailsBeforeTraining<ArgumentException>(recorder, () => Binary(recorder).Fit(TestData.Binary(_ml, 40), validation),
            "'Features'", "5 values in the validation data", $"{D} in the training data");
    }

    [Fact]
    public void Validation_data_with_another_label_type_throws_ArgumentException_naming_the_column()
    {
        var recorder = new EpochRecorder();
        var binaryValidation = Load(TestData.BinaryRows(20, seed: 2).Select(r => new FloatLabelRow { Features = r.Features, Label = r.Label ? 1 : 0 }));
        AssertFailsBeforeTraining<ArgumentException>(recorder, () => Binary(recorder).Fit(TestData.Binary(_ml, 40), binaryValidation),
            "'Label'", "validation data");

        var regressionValidation = Load(TestData.RegressionRows(20, seed: 2).Select(r => new BoolLabelRow { Features = r.Features, Label = r.Label > 100 }));
        AssertFailsBeforeTraining<ArgumentException>(recorder, () => Regression(recorder).Fit(TestData.Regression(_ml, 40), regressionValidation),
            "'Label'", "validation data");
    }

    [Fact]
    public void Multiclass_validation_data_with_another_key_count_throws_ArgumentException_naming_the_label_column()
    {
        var recorder = new EpochRecorder();
        // Only two of the three classes: a key type of two values instead of three.
        var twoClassRows = TestData.MulticlassRows(60, seed: 2).Where(r => r.Label != "fox").ToArray();
        var validation = _ml.Transforms.Conversion.MapValueToKey("Label").Fit(Load(twoClassRows)).Transform(Load(twoClassRows));
        AssertFailsBeforeTraining<ArgumentException>(recorder, () => Multiclass(recorder).Fit(TestData.Multiclass(_ml, 60), validation),
            "'Label'", "validation data", "training data");
    }

    // ---- Options: rejected by the catalog call, before Fit ----

    public static TheoryData<string, Action<RegularizedMlpOptions>> BadOptions() => new()
    {
        { "Dropout", o => o.Dropout = [1.0] },
        { "Dropout", o => o.Dropout = [-0.1] },
        { "Dropout", o => o.Dropout = [0.2, 1.5] },
        { "Dropout", o => o.Dropout = [double.NaN] },
        { "Dropout", o => { o.HiddenLayers = [4]; o.Dropout = [0.1, 0.2]; } },
        { "Dropout", o => { o.HiddenLayers = [8, 4]; o.Dropout = [0.1, 0.2, 0.3]; } },
        { "L1", o => o.L1 = -1e-4 },
        { "L2", o => o.L2 = -1e-4 },
        { "ElasticNet", o => o.ElasticNet = -1e-4 },
        { "WeightDecay", o => o.WeightDecay = -1e-4 },
        { "WeightDecay", o => o.WeightDecay = double.PositiveInfinity },
        { "Epochs", o => o.Epochs = 0 },
        { "Epochs", o => o.Epochs = -3 },
        { "BatchSize", o => o.BatchSize = 0 },
        { "BatchSize", o => o.BatchSize = -64 },
        { "LearningRate", o => o.LearningRate = 0 },
        { "LearningRate", o => o.LearningRate = -1e-3 },
        { "LearningRate", o => o.LearningRate = double.NaN },
        { "HiddenLayers", o => o.HiddenLayers = [0] },
        { "HiddenLayers", o => o.HiddenLayers = [16, -4] },
        { "Device", o => o.Device = "tpu" },
        { "Device", o => o.Device = "" },
        { "ValidationFraction", o => o.ValidationFraction = 1 },
        { "ValidationFraction", o => o.ValidationFraction = -0.1 },
        { "InputDropout", o => o.InputDropout = 1 },
        { "NumberOfThreads", o => o.NumberOfThreads = 0 },
        { "EnsembleSize", o => o.EnsembleSize = 0 },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void Bad_option_is_rejected_by_every_catalog_call_with_ArgumentOutOfRangeException_naming_the_option(
        string option, Action<RegularizedMlpOptions> makeBad)
    {
        AssertOptionRejected(() => _ml.BinaryClassification.Trainers.RegularizedMlp(Cheap<RegularizedMlpBinaryTrainer.Options>(configure: makeBad)), option);
        AssertOptionRejected(() => _ml.MulticlassClassification.Trainers.RegularizedMlp(Cheap<RegularizedMlpMulticlassTrainer.Options>(configure: makeBad)), option);
        AssertOptionRejected(() => _ml.Regression.Trainers.RegularizedMlp(Cheap<RegularizedMlpRegressionTrainer.Options>(configure: makeBad)), option);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    public void LabelSmoothing_outside_0_to_1_is_rejected_by_the_classification_catalog_calls(double labelSmoothing)
    {
        AssertOptionRejected(() => _ml.BinaryClassification.Trainers.RegularizedMlp(
            Cheap<RegularizedMlpBinaryTrainer.Options>(configure: o => o.LabelSmoothing = labelSmoothing)), "LabelSmoothing");
        AssertOptionRejected(() => _ml.MulticlassClassification.Trainers.RegularizedMlp(
            Cheap<RegularizedMlpMulticlassTrainer.Options>(configure: o => o.LabelSmoothing = labelSmoothing)), "LabelSmoothing");
    }

    [Fact]
    public void Bad_arguments_of_the_simple_catalog_overloads_are_rejected_by_the_catalog_call()
    {
        AssertOptionRejected(() => _ml.BinaryClassification.Trainers.RegularizedMlp(hiddenLayers: [4], dropout: 1.0), "Dropout");
        AssertOptionRejected(() => _ml.BinaryClassification.Trainers.RegularizedMlp(hiddenLayers: [4], dropout: -0.1), "Dropout");
        AssertOptionRejected(() => _ml.MulticlassClassification.Trainers.RegularizedMlp(hiddenLayers: [4], epochs: 0), "Epochs");
        AssertOptionRejected(() => _ml.MulticlassClassification.Trainers.RegularizedMlp(hiddenLayers: [0]), "HiddenLayers");
        AssertOptionRejected(() => _ml.Regression.Trainers.RegularizedMlp(hiddenLayers: [4], learningRate: 0), "LearningRate");
        AssertOptionRejected(() => _ml.Regression.Trainers.RegularizedMlp(hiddenLayers: [4], weightDecay: -1), "WeightDecay");
    }

    [Theory]
    [InlineData("cudafoo")]
    [InlineData("cuda:")]
    [InlineData("cuda:x")]
    [InlineData("cuda:0:1")]
    public void Malformed_cuda_Device_name_is_rejected_by_the_catalog_call(string device)
    {
        AssertOptionRejected(() => _ml.BinaryClassification.Trainers.RegularizedMlp(
            Cheap<RegularizedMlpBinaryTrainer.Options>(configure: o => o.Device = device)), "Device");
    }

    [Fact]
    public void Valid_edge_values_of_the_options_are_accepted_by_the_catalog_call()
    {
        var options = Cheap<RegularizedMlpBinaryTrainer.Options>(configure: o =>
        {
            o.HiddenLayers = [8, 4];
            o.Dropout = [0, 0.99];
            o.L1 = o.L2 = o.ElasticNet = o.WeightDecay = 0;
            o.LabelSmoothing = 0;
        });
        Assert.NotNull(_ml.BinaryClassification.Trainers.RegularizedMlp(options));
        Assert.NotNull(_ml.Regression.Trainers.RegularizedMlp(Cheap<RegularizedMlpRegressionTrainer.Options>(configure: o => o.HiddenLayers = [])));
    }

    [Fact]
    public void Null_list_options_are_rejected_by_the_catalog_call_with_ArgumentNullException_naming_the_option()
    {
        var hidden = Assert.Throws<ArgumentNullException>(() => _ml.BinaryClassification.Trainers.RegularizedMlp(
            Cheap<RegularizedMlpBinaryTrainer.Options>(configure: o => o.HiddenLayers = null!)));
        Assert.Equal("HiddenLayers", hidden.ParamName);
        var dropout = Assert.Throws<ArgumentNullException>(() => _ml.BinaryClassification.Trainers.RegularizedMlp(
            Cheap<RegularizedMlpBinaryTrainer.Options>(configure: o => o.Dropout = null!)));
        Assert.Equal("Dropout", dropout.ParamName);
    }

    // ---- Options that can only be checked at Fit ----

    [Fact]
    public void EarlyStopping_without_validation_fraction_or_validation_data_throws_ArgumentException_at_Fit_naming_the_options()
    {
        var recorder = new EpochRecorder();
        // Valid at construction: validation data may still be passed to Fit.
        var trainer = Binary(recorder, o => { o.EarlyStopping = true; o.ValidationFraction = 0; });
        AssertFailsBeforeTraining<ArgumentException>(recorder, () => trainer.Fit(TestData.Binary(_ml, 40)), "EarlyStopping", "ValidationFraction");

        var model = trainer.Fit(TestData.Binary(_ml, 40), TestData.Binary(_ml, 20, seed: 2));
        Assert.Equal(20, model.TrainingReport.ValidationRows);
    }

    [Fact]
    public void Device_cuda_without_CUDA_is_rejected_by_the_catalog_call_naming_the_option()
    {
        Assert.False(TorchSharp.torch.cuda.is_available(), "this test expects a machine without CUDA");
        foreach (var device in new[] { "cuda", "cuda:0" })
        {
            var error = Assert.Throws<ArgumentException>(() => _ml.BinaryClassification.Trainers.RegularizedMlp(
                Cheap<RegularizedMlpBinaryTrainer.Options>(configure: o => o.Device = device)));
            Assert.Contains("Device", error.Message);
            Assert.Contains("CUDA", error.Message);
        }
    }
}
