using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNet.Regularization.Tests.Conformance;

/// <summary>What <see cref="EstimatorConformance.Check"/> needs besides the estimator and its valid data.</summary>
public sealed class ConformanceOptions
{
    /// <summary>Data that <c>Fit</c> and <c>GetOutputSchema</c> must reject with an <see cref="ArgumentException"/> naming the column(s).
    /// Supply at least one missing and one wrongly typed column for every input column the estimator reads.</summary>
    public IReadOnlyList<BadInput> BadInputs { get; init; } = [];

    /// <summary>Data that only the fitted (and the saved and loaded) transformer must reject, as with
    /// <see cref="BadInput.RejectedByFittedTransformer"/>, although the estimator may fit on it: a feature vector of another size
    /// than in the valid data, say.</summary>
    public IReadOnlyList<BadInput> BadTransformInputs { get; init; } = [];

    /// <summary>How to compare the estimator's fitted transformer with a <c>PredictionEngine</c> (check 5); <see langword="null"/> skips it.</summary>
    public PredictionEngineProbe? PredictionEngine { get; init; }

    /// <summary>The number of threads of the parallel checks.</summary>
    public int Threads { get; init; } = 4;

    /// <summary>The <c>n</c> of <c>IDataView.GetRowCursorSet(columns, n)</c> in the parallel checks.</summary>
    public IReadOnlyList<int> CursorSetSizes { get; init; } = [2, 3, 4];

    /// <summary>Turns values of column types the kit does not know (an image type, say) into comparable values: arrays,
    /// primitives, strings, or tuples/records with value equality. Keyed by the column's raw type (<c>DataViewType.RawType</c>).</summary>
    public IReadOnlyDictionary<Type, Func<object, object?>> ValueConverters { get; init; } = new Dictionary<Type, Func<object, object?>>();
}

/// <summary>Why a <see cref="BadInput"/> is bad; used for messages and to check that the bad data really is bad.</summary>
public enum BadInputKind
{
    /// <summary>The data lacks <see cref="BadInput.Columns"/>.</summary>
    MissingColumn,

    /// <summary>The data has <see cref="BadInput.Columns"/> with a type other than in the valid data.</summary>
    WrongType,
}

/// <summary>Data that the estimator must refuse.</summary>
/// <param name="Kind">Missing or wrongly typed column(s).</param>
/// <param name="Data">The bad data.</param>
/// <param name="Columns">The column(s) the exception message must name.</param>
public sealed record BadInput(BadInputKind Kind, IDataView Data, params string[] Columns)
{
    /// <summary>When set, the transformer fitted on the valid data, and the one saved and loaded again, must refuse this data as
    /// well: <c>GetOutputSchema</c> and <c>Transform</c> throw an <see cref="ArgumentException"/> (or, as ML.NET's own kit allows
    /// from transformers, an <see cref="InvalidOperationException"/>) naming the column. Leave it off for columns only training
    /// reads (a label).</summary>
    public bool RejectedByFittedTransformer { get; init; }

    /// <summary>A short description for messages.</summary>
    public string Description => Kind == BadInputKind.MissingColumn
        ? $"missing '{string.Join("', '", Columns)}'"
        : "wrongly typed " + string.Join(", ", Columns.Select(c => $"'{c}' ({Data.Schema.GetColumnOrNull(c)?.Type.ToString() ?? "absent"})"));

    /// <summary><paramref name="data"/> without <paramref name="column"/>.</summary>
    public static BadInput Missing(MLContext ml, IDataView data, string column, bool rejectedByFittedTransformer) =>
        new(BadInputKind.MissingColumn, ml.Transforms.DropColumns(column).Fit(data).Transform(data), column)
        {
            RejectedByFittedTransformer = rejectedByFittedTransformer,
        };

    /// <summary><paramref name="data"/> with <paramref name="column"/> converted to <paramref name="kind"/> (vectors stay vectors).</summary>
    public static BadInput Converted(MLContext ml, IDataView data, string column, DataKind kind, bool rejectedByFittedTransformer) =>
        new(BadInputKind.WrongType, ml.Transforms.Conversion.ConvertType(column, outputKind: kind).Fit(data).Transform(data), column)
        {
            RejectedByFittedTransformer = rejectedByFittedTransformer,
        };

    /// <summary>A wrongly typed <paramref name="column"/> from the caller's own data (e.g. rows of another class).</summary>
    public static BadInput WrongType(IDataView data, string column, bool rejectedByFittedTransformer) =>
        new(BadInputKind.WrongType, data, column) { RejectedByFittedTransformer = rejectedByFittedTransformer };
}

/// <summary>
/// How to compare a <c>PredictionEngine</c> with <c>Transform</c>. The kit is generic but a prediction engine needs CLR types,
/// so the caller names them and picks the output columns to compare:
/// <c>PredictionEngineProbe.For&lt;TIn, TOut&gt;(("Score", p =&gt; p.Score), ("PredictedLabel", p =&gt; p.PredictedLabel))</c>.
/// The kit reads the valid data as <typeparamref name="TIn"/> rows (<c>CreateEnumerable</c>), predicts each row with its own
/// engine(s) and compares each selected value with that column of <c>Transform</c>'s output, bit for bit (arrays element-wise).
/// </summary>
public abstract class PredictionEngineProbe
{
    private protected PredictionEngineProbe(IReadOnlyList<string> outputColumns) => OutputColumns = outputColumns;

    /// <summary>The columns of the transformed data the engine's selected values are compared with.</summary>
    public IReadOnlyList<string> OutputColumns { get; }

    /// <summary>A probe over input rows of <typeparamref name="TIn"/> and predictions of <typeparamref name="TOut"/>.</summary>
    /// <param name="columns">Each output column to compare and the prediction's value of it.</param>
    public static PredictionEngineProbe For<TIn, TOut>(params (string Column, Func<TOut, object?> Select)[] columns)
        where TIn : class, new()
        where TOut : class, new()
        => new Probe<TIn, TOut>(columns, null);

    /// <summary>As <see cref="For{TIn, TOut}((string, Func{TOut, object?})[])"/> with a schema definition for <typeparamref name="TIn"/>
    /// (e.g. a vector size known only at run time).</summary>
    public static PredictionEngineProbe For<TIn, TOut>(SchemaDefinition inputSchema, params (string Column, Func<TOut, object?> Select)[] columns)
        where TIn : class, new()
        where TOut : class, new()
        => new Probe<TIn, TOut>(columns, inputSchema);

    /// <summary>Reads the input rows once (shared, read-only, by every engine).</summary>
    internal abstract IReadOnlyList<object> ReadInputs(MLContext ml, IDataView data);

    /// <summary>Creates one engine and returns a function predicting the selected values (one per <see cref="OutputColumns"/>) of an input row.</summary>
    internal abstract Func<object, object?[]> CreateEngine(MLContext ml, ITransformer model);

    private sealed class Probe<TIn, TOut>((string Column, Func<TOut, object?> Select)[] columns, SchemaDefinition? inputSchema)
        : PredictionEngineProbe(columns.Select(c => c.Column).ToArray())
        where TIn : class, new()
        where TOut : class, new()
    {
        internal override IReadOnlyList<object> ReadInputs(MLContext ml, IDataView data) =>
            ml.Data.CreateEnumerable<TIn>(data, reuseRowObject: false, schemaDefinition: inputSchema).Cast<object>().ToList();

        internal override Func<object, object?[]> CreateEngine(MLContext ml, ITransformer model)
        {
            var engine = ml.Model.CreatePredictionEngine<TIn, TOut>(model, inputSchemaDefinition: inputSchema);
            // Predict(TIn) returns a new output object per call, so selected arrays are not overwritten by the next prediction.
            return input =>
            {
                var prediction = engine.Predict((TIn)input);
                return columns.Select(c => c.Select(prediction)).ToArray();
            };
        }
    }
}
