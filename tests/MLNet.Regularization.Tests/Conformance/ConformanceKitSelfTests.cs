using Microsoft.ML;
using Microsoft.ML.Data;
using Xunit;
using Xunit.Sdk;

namespace MLNet.Regularization.Tests.Conformance;

/// <summary>The kit itself: ML.NET's own estimators pass it (no false alarms), and estimators with planted defects fail the
/// check that the defect breaks (the checks are not vacuous).</summary>
public class ConformanceKitSelfTests
{
    private readonly MLContext _ml = new(seed: 1);

    private sealed class FeaturesOnly
    {
        [VectorType(TestData.FeatureCount)] public float[] Features { get; set; } = [];
    }

    // No wrongly typed bad input for ML.NET's normalizer: its Fit on a vector of text throws "Wrong column type for input
    // column ... (Parameter 'srcType')" without naming the column, which the kit (stricter than ML.NET) counts as a failure.
    private ConformanceOptions NormalizerOptions(IDataView data) => new()
    {
        BadInputs = [BadInput.Missing(_ml, data, "Features", rejectedByFittedTransformer: true)],
        PredictionEngine = PredictionEngineProbe.For<FeaturesOnly, FeaturesOnly>(("Features", p => p.Features)),
    };

    private static string FailureOf(Action check) => Assert.Throws<FailException>(check).Message;

    [Fact]
    public void MLNET_NormalizeMinMax_passes_every_check()
    {
        var data = TestData.Binary(_ml, 200);
        EstimatorConformance.Check(_ml, _ml.Transforms.NormalizeMinMax("Features"), data, NormalizerOptions(data));
    }

    [Fact]
    public void MLNET_MapValueToKey_then_Concatenate_passes_every_check()
    {
        var data = _ml.Data.LoadFromEnumerable(TestData.MulticlassRows(200));
        var estimator = _ml.Transforms.Conversion.MapValueToKey("Label").Append(_ml.Transforms.Concatenate("Features", "Features", "Features"));
        EstimatorConformance.Check(_ml, estimator, data, new ConformanceOptions
        {
            BadInputs =
            [
                BadInput.Missing(_ml, data, "Label", rejectedByFittedTransformer: true),
                BadInput.Missing(_ml, data, "Features", rejectedByFittedTransformer: true),
            ],
        });
    }

    [Fact]
    public void Output_column_that_GetOutputSchema_does_not_announce_fails_schema_propagation()
    {
        var data = TestData.Binary(_ml, 100);
        var estimator = new ShapeDroppingEstimator(_ml.Transforms.Concatenate("Both", "Features", "Features"), "Both");
        var message = FailureOf(() => EstimatorConformance.Check(_ml, estimator, data, new ConformanceOptions
        {
            BadInputs = [BadInput.Missing(_ml, data, "Features", rejectedByFittedTransformer: true)],
        }));
        Assert.Contains($"[{EstimatorConformance.SchemaPropagation}] Transform's output has column 'Both'", message);
    }

    [Fact]
    public void Output_that_changes_between_reads_fails_determinism_row_to_row_mapper_and_parallel_use()
    {
        var data = TestData.Binary(_ml, 100);
        var counter = 0;
        var estimator = _ml.Transforms.CustomMapping<FeaturesOnly, CounterOutput>((_, output) => output.Counter = Interlocked.Increment(ref counter), contractName: null);
        var message = FailureOf(() => EstimatorConformance.Check(_ml, estimator, data, new ConformanceOptions
        {
            BadInputs = [BadInput.Missing(_ml, data, "Features", rejectedByFittedTransformer: true)],
        }));
        Assert.Contains($"[{EstimatorConformance.Determinism}]", message);
        Assert.Contains($"[{EstimatorConformance.RowToRowMapper}]", message);
        Assert.Contains($"[{EstimatorConformance.Parallel}]", message);
        Assert.Contains("column 'Counter'", message);
    }

    [Fact]
    public void Bad_data_that_the_estimator_accepts_fails_bad_inputs()
    {
        var data = TestData.Binary(_ml, 100);
        // MinMax normalization accepts Double features: "bad" data it does not reject.
        var message = FailureOf(() => EstimatorConformance.Check(_ml, _ml.Transforms.NormalizeMinMax("Features"), data, new ConformanceOptions
        {
            BadInputs = [BadInput.Converted(_ml, data, "Features", DataKind.Double, rejectedByFittedTransformer: false)],
        }));
        Assert.Contains($"[{EstimatorConformance.BadInputs}] wrongly typed 'Features' (Vector<Double, 10>): estimator.GetOutputSchema did not throw", message);
        Assert.Contains("estimator.Fit did not throw", message);
    }

    [Fact]
    public void ShapeOf_gives_what_MLNET_internal_SchemaShape_Create_gives()
    {
        var data = _ml.Data.LoadFromEnumerable(TestData.MulticlassRows(20));
        // Keys with key values, a known-size vector with slot names, a variable-size vector, text, and a hidden column (the
        // first "Features", shadowed by the concatenation).
        var schema = _ml.Transforms.Text.TokenizeIntoWords("Words", "Label")
            .Append(_ml.Transforms.Conversion.MapValueToKey("Label"))
            .Append(_ml.Transforms.Concatenate("Features", "Features", "Features"))
            .Append(_ml.Transforms.Conversion.MapValueToKey("Words"))
            .Fit(data).Transform(data).Schema;
        Assert.Contains(schema, c => c.IsHidden);

        // SchemaShape.Create(DataViewSchema) is internal: reflection here only, to test the public route against it.
        var create = typeof(SchemaShape).GetMethod("Create", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static,
            [typeof(DataViewSchema)]);
        Assert.NotNull(create);
        var expected = (SchemaShape)create.Invoke(null, [schema])!;
        var actual = EstimatorConformance.ShapeOf(schema);

        static string Text(SchemaShape shape) => string.Join("\n", shape.Select(c =>
            $"{c.Name} {c.Kind} {c.ItemType} {c.IsKey} [{string.Join(", ", c.Annotations.Select(a => $"{a.Name} {a.Kind} {a.ItemType} {a.IsKey}"))}]"));
        Assert.Equal(Text(expected), Text(actual));
        Assert.Equal(["Features", "Label", "Words"], actual.Select(c => c.Name).Order());
    }

    private sealed class CounterOutput
    {
        public int Counter { get; set; }
    }

    /// <summary>Delegates to an estimator but leaves a column out of GetOutputSchema.</summary>
    private sealed class ShapeDroppingEstimator(IEstimator<ITransformer> inner, string dropped) : IEstimator<ITransformer>
    {
        public ITransformer Fit(IDataView input) => inner.Fit(input);

        public SchemaShape GetOutputSchema(SchemaShape inputSchema) => new(inner.GetOutputSchema(inputSchema).Where(c => c.Name != dropped));
    }
}
