using System.Text;
using Microsoft.ML;
using Microsoft.ML.Data;
using Xunit;

namespace MLNet.Regularization.Tests.Conformance;

/// <summary>
/// A conformance kit for any ML.NET estimator, in the spirit of ML.NET's own <c>TestEstimatorCore</c>
/// (test/Microsoft.ML.TestFramework/DataPipe/TestDataPipeBase.cs): fits the estimator once on valid data and checks that
/// the estimator and its transformer behave as ML.NET components must.
/// </summary>
/// <remarks>
/// <para>The checks (each failure names its check; all checks run and every failure is reported at once):</para>
/// <list type="number">
/// <item><see cref="SchemaPropagation"/>: <c>estimator.GetOutputSchema(shape of the data)</c> announces exactly the visible
/// columns of <c>fitted.Transform(data)</c> (name, scalar / vector / variable vector, item type, key-ness, and every announced
/// annotation), and <c>fitted.GetOutputSchema(data.Schema)</c> equals the schema of <c>Transform</c>'s output (types and annotation values).</item>
/// <item><see cref="BadInputs"/>: every <see cref="ConformanceOptions.BadInputs"/> makes <c>GetOutputSchema</c> and <c>Fit</c>
/// (and, when flagged, the fitted transformer) throw an <see cref="ArgumentException"/> whose message names the column; every
/// <see cref="ConformanceOptions.BadTransformInputs"/> makes the fitted transformer's <c>GetOutputSchema</c> and <c>Transform</c> throw so
/// (from the fitted transformer an <see cref="InvalidOperationException"/> naming the column is accepted too, as in ML.NET's own kit).</item>
/// <item><see cref="Determinism"/>: a second <c>Transform</c>, and a second cursor over the same output, give the same values
/// bit for bit; a row-to-row transformer keeps the row count.</item>
/// <item><see cref="RowToRowMapper"/>: <c>fitted.GetRowToRowMapper(schema).GetRow</c> over an input cursor that activates
/// only <c>GetDependencies</c> gives the same values as <c>Transform</c> for every row.</item>
/// <item><see cref="PredictionEngineAgreement"/>: a <c>PredictionEngine</c> described by <see cref="ConformanceOptions.PredictionEngine"/>
/// gives the value of <c>Transform</c> for every row.</item>
/// <item><see cref="SaveLoad"/>: <c>Model.Save</c> then <c>Model.Load</c> in a new <see cref="MLContext"/> gives a transformer
/// with the same input schema, output schema and output values (bit for bit), the same row-to-row ability, the same
/// prediction engine values, and that refuses the bad inputs the fitted transformer refuses.</item>
/// <item><see cref="Parallel"/>: cursor sets of 2..4 cursors read concurrently give the same rows (by multiset and by row id);
/// several threads reading one transformed view, or each transforming, or each with its own row-to-row mapper or prediction
/// engine, give the single-thread values.</item>
/// </list>
/// <para>Values compare through <see cref="DataViewTable"/>: scalars and vectors of the numeric types, Boolean, text and keys;
/// other types need a <see cref="ConformanceOptions.ValueConverters"/> entry.</para>
/// </remarks>
public static class EstimatorConformance
{
    public const string Fit = "0 fit on valid data";
    public const string SchemaPropagation = "1 schema propagation";
    public const string BadInputs = "2 bad inputs";
    public const string Determinism = "3 transform determinism";
    public const string RowToRowMapper = "4 row-to-row mapper";
    public const string PredictionEngineAgreement = "5 prediction engine";
    public const string SaveLoad = "6 save/load round trip";
    public const string Parallel = "7 parallel use";

    /// <summary>Runs every check; throws (an xunit failure) listing every failed check, otherwise returns what was checked.</summary>
    public static ConformanceReport Check(MLContext ml, IEstimator<ITransformer> estimator, IDataView validData, ConformanceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentNullException.ThrowIfNull(estimator);
        ArgumentNullException.ThrowIfNull(validData);
        options ??= new ConformanceOptions();
        var report = new ConformanceReport(estimator.GetType().Name);

        ITransformer fitted;
        try
        {
            fitted = estimator.Fit(validData);
        }
        catch (Exception e)
        {
            report.Fail(Fit, $"Fit on the valid data threw {e.GetType().Name}: {e.Message}\n{e.StackTrace}");
            report.ThrowIfFailed();
            throw;
        }

        try
        {
            var converters = options.ValueConverters;
            IDataView transformed;
            DataViewTable expected;
            try
            {
                transformed = fitted.Transform(validData);
                expected = DataViewTable.Read(transformed, converters);
            }
            catch (Exception e)
            {
                report.Fail(Fit, $"Transform of the valid data, or reading its output, threw {e.GetType().Name}: {e.Message}\n{e}");
                report.ThrowIfFailed();
                throw;
            }
            report.Pass(Fit, $"{expected.Rows.Count} rows, output columns {string.Join(", ", expected.Columns)}");

            report.Run(SchemaPropagation, notes => CheckSchemaPropagation(estimator, validData, fitted, transformed, notes));
            report.Run(BadInputs, notes => CheckBadInputs(estimator, validData, fitted, options, notes));
            report.Run(Determinism, notes => CheckDeterminism(validData, fitted, transformed, expected, converters));
            report.Run(RowToRowMapper, notes => CheckRowToRowMapper(validData, fitted, transformed, expected, converters, notes));
            report.Run(PredictionEngineAgreement, notes => CheckPredictionEngine(ml, validData, fitted, expected, options, notes));
            report.Run(SaveLoad, notes => CheckSaveLoad(ml, validData, fitted, transformed, expected, options, notes));
            report.Run(Parallel, notes => CheckParallel(ml, validData, fitted, transformed, expected, options, notes));
        }
        finally
        {
            (fitted as IDisposable)?.Dispose();
        }
        report.ThrowIfFailed();
        return report;
    }

    // ---- SchemaShape of a DataViewSchema ----

    /// <summary>
    /// The <see cref="SchemaShape"/> of a schema, as ML.NET's internal <c>SchemaShape.Create(DataViewSchema)</c> computes it (visible
    /// columns only; keys as their raw unsigned type with IsKey; annotations included). The public route: a loader whose output
    /// schema is <paramref name="schema"/>, followed by an empty estimator chain; <c>CompositeLoaderEstimator.GetOutputSchema</c>
    /// calls <c>SchemaShape.Create</c> on the loader's schema and the empty chain returns it unchanged. No data is read.
    /// </summary>
    public static SchemaShape ShapeOf(DataViewSchema schema) =>
        new SchemaOnlyLoader(schema).Append(new EstimatorChain<ITransformer>()).GetOutputSchema();

    private sealed class SchemaOnlyLoader(DataViewSchema schema) : IDataLoader<int>
    {
        public DataViewSchema GetOutputSchema() => schema;
        public IDataView Load(int input) => throw new NotSupportedException("This loader only provides a schema.");
        void ICanSaveModel.Save(ModelSaveContext ctx) => throw new NotSupportedException("This loader only provides a schema.");
    }

    private static SchemaShape.Column? Find(SchemaShape shape, string name) =>
        shape.Where(c => c.Name == name).Select(c => (SchemaShape.Column?)c).FirstOrDefault();

    private static string Describe(SchemaShape.Column column) =>
        $"{column.Kind} of {column.ItemType}{(column.IsKey ? " (key)" : "")}";

    private static bool SameShape(SchemaShape.Column a, SchemaShape.Column b) =>
        a.Kind == b.Kind && a.ItemType.Equals(b.ItemType) && a.IsKey == b.IsKey;

    // ---- 1. Schema propagation ----

    private static void CheckSchemaPropagation(IEstimator<ITransformer> estimator, IDataView validData, ITransformer fitted,
        IDataView transformed, List<string> notes)
    {
        var problems = new List<string>();
        var inputShape = ShapeOf(validData.Schema);
        SchemaShape promised;
        try
        {
            promised = estimator.GetOutputSchema(inputShape);
        }
        catch (Exception e)
        {
            throw new ConformanceFailure($"estimator.GetOutputSchema(shape of the valid data) threw {e.GetType().Name}: {e.Message}");
        }
        var actual = ShapeOf(transformed.Schema);

        foreach (var column in promised)
        {
            if (Find(actual, column.Name) is not { } delivered)
            {
                problems.Add($"GetOutputSchema announces column '{column.Name}' ({Describe(column)}) but Transform's output has no visible column of that name");
                continue;
            }
            if (!SameShape(column, delivered))
                problems.Add($"column '{column.Name}': GetOutputSchema announces {Describe(column)}, Transform gives {Describe(delivered)} " +
                    $"({transformed.Schema[column.Name].Type})");
            foreach (var annotation in column.Annotations)
            {
                if (Find(delivered.Annotations, annotation.Name) is not { } deliveredAnnotation)
                    problems.Add($"column '{column.Name}': GetOutputSchema announces annotation '{annotation.Name}' ({Describe(annotation)}) that Transform's output lacks");
                else if (!SameShape(annotation, deliveredAnnotation))
                    problems.Add($"column '{column.Name}' annotation '{annotation.Name}': GetOutputSchema announces {Describe(annotation)}, Transform gives {Describe(deliveredAnnotation)}");
            }
            var unannounced = delivered.Annotations.Select(a => a.Name).Except(column.Annotations.Select(a => a.Name)).ToArray();
            if (unannounced.Length > 0)
                notes.Add($"column '{column.Name}' has annotations GetOutputSchema does not announce: {string.Join(", ", unannounced)}");
        }
        foreach (var column in actual)
            if (Find(promised, column.Name) is null)
                problems.Add($"Transform's output has column '{column.Name}' ({Describe(column)}) that GetOutputSchema does not announce");

        problems.AddRange(SchemaDifferences("fitted.GetOutputSchema(data.Schema)", fitted.GetOutputSchema(validData.Schema),
            "fitted.Transform(data).Schema", transformed.Schema, compareAnnotations: true));
        ConformanceFailure.ThrowIfAny(problems);
        notes.Add($"{promised.Count()} columns announced and delivered");
    }

    /// <summary>Differences between the visible columns of two schemas: names in order, types, and optionally annotation names, types and values.</summary>
    public static List<string> SchemaDifferences(string expectedName, DataViewSchema expected, string actualName, DataViewSchema actual, bool compareAnnotations)
    {
        var problems = new List<string>();
        var e = DataViewTable.VisibleColumns(expected);
        var a = DataViewTable.VisibleColumns(actual);
        if (!e.Select(c => c.Name).SequenceEqual(a.Select(c => c.Name)))
            problems.Add($"{actualName} has visible columns [{string.Join(", ", a.Select(c => c.Name))}], {expectedName} [{string.Join(", ", e.Select(c => c.Name))}]");
        foreach (var column in e)
        {
            if (a.FirstOrDefault(c => c.Name == column.Name) is not { Name: not null } other) continue;
            if (!column.Type.Equals(other.Type))
            {
                problems.Add($"column '{column.Name}' is {other.Type} in {actualName} but {column.Type} in {expectedName}");
                continue;
            }
            if (!compareAnnotations) continue;
            var expectedAnnotations = column.Annotations.Schema.Select(c => c.Name).ToArray();
            var actualAnnotations = other.Annotations.Schema.Select(c => c.Name).ToArray();
            if (!expectedAnnotations.Order().SequenceEqual(actualAnnotations.Order()))
            {
                problems.Add($"column '{column.Name}' has annotations [{string.Join(", ", actualAnnotations)}] in {actualName} but [{string.Join(", ", expectedAnnotations)}] in {expectedName}");
                continue;
            }
            foreach (var name in expectedAnnotations)
            {
                var expectedType = column.Annotations.Schema[name].Type;
                var actualType = other.Annotations.Schema[name].Type;
                if (!expectedType.Equals(actualType))
                    problems.Add($"column '{column.Name}' annotation '{name}' is {actualType} in {actualName} but {expectedType} in {expectedName}");
                else if (DataViewTable.Difference($"{column.Name}", $"annotation '{name}'", DataViewTable.ReadAnnotation(column, name),
                             DataViewTable.ReadAnnotation(other, name)) is { } difference)
                    problems.Add($"{actualName} against {expectedName}: {difference}");
            }
        }
        return problems;
    }

    // ---- 2. Bad inputs ----

    private static void CheckBadInputs(IEstimator<ITransformer> estimator, IDataView validData, ITransformer fitted,
        ConformanceOptions options, List<string> notes)
    {
        if (options.BadInputs.Count == 0) throw new ConformanceFailure("ConformanceOptions.BadInputs is empty: supply a missing and a wrongly typed column");
        var problems = new List<string>();
        foreach (var bad in options.BadInputs)
        {
            CheckReallyBad(problems, validData, bad);
            ExpectArgumentException(problems, bad, "estimator.GetOutputSchema", () => estimator.GetOutputSchema(ShapeOf(bad.Data.Schema)));
            ExpectArgumentException(problems, bad, "estimator.Fit", () => estimator.Fit(bad.Data));
            if (bad.RejectedByFittedTransformer)
            {
                ExpectArgumentException(problems, bad, "fitted.GetOutputSchema", () => fitted.GetOutputSchema(bad.Data.Schema), orInvalidOperation: true);
                ExpectArgumentException(problems, bad, "fitted.Transform", () => fitted.Transform(bad.Data), orInvalidOperation: true);
            }
            notes.Add($"{bad.Description}: rejected{(bad.RejectedByFittedTransformer ? " by the estimator and the fitted transformer" : " by the estimator")}");
        }
        foreach (var bad in options.BadTransformInputs)
        {
            CheckReallyBad(problems, validData, bad);
            ExpectArgumentException(problems, bad, "fitted.GetOutputSchema", () => fitted.GetOutputSchema(bad.Data.Schema), orInvalidOperation: true);
            ExpectArgumentException(problems, bad, "fitted.Transform", () => fitted.Transform(bad.Data), orInvalidOperation: true);
            notes.Add($"{bad.Description}: rejected by the fitted transformer");
        }
        ConformanceFailure.ThrowIfAny(problems);
    }

    /// <summary>Guards against a test bug: the bad data must really lack the column, or have it with another type than the valid data.</summary>
    private static void CheckReallyBad(List<string> problems, IDataView validData, BadInput bad)
    {
        foreach (var name in bad.Columns)
        {
            var column = bad.Data.Schema.GetColumnOrNull(name);
            if (bad.Kind == BadInputKind.MissingColumn && column is { IsHidden: false })
                problems.Add($"{bad.Description}: the supplied bad data does have column '{name}' (a test bug)");
            if (bad.Kind == BadInputKind.WrongType && (column is null || validData.Schema.GetColumnOrNull(name)?.Type is not { } validType
                    || column.Value.Type.Equals(validType)))
                problems.Add($"{bad.Description}: the supplied bad data has no column '{name}' of a type other than in the valid data (a test bug)");
        }
    }

    /// <summary>Expects <paramref name="action"/> to throw an <see cref="ArgumentException"/> (or, with <paramref name="orInvalidOperation"/>,
    /// an <see cref="InvalidOperationException"/>, which ML.NET's own <c>TestEstimatorCore</c> accepts from transformers: its
    /// OnnxTransformer throws one for a vector of another size) whose message names every column of <paramref name="bad"/>.</summary>
    private static void ExpectArgumentException(List<string> problems, BadInput bad, string call, Func<object> action, bool orInvalidOperation = false)
    {
        object? result;
        try
        {
            result = action();
        }
        catch (Exception e) when (e is ArgumentException || (orInvalidOperation && e is InvalidOperationException))
        {
            var unnamed = bad.Columns.Where(c => !e.Message.Contains(c, StringComparison.Ordinal)).ToArray();
            if (unnamed.Length > 0)
                problems.Add($"{bad.Description}: {call} threw {e.GetType().Name} whose message does not name '{string.Join("', '", unnamed)}': {e.Message}");
            return;
        }
        catch (Exception e)
        {
            problems.Add($"{bad.Description}: {call} threw {e.GetType().Name} instead of an ArgumentException{(orInvalidOperation ? " or InvalidOperationException" : "")}: {e.Message}");
            return;
        }
        (result as IDisposable)?.Dispose();
        problems.Add($"{bad.Description}: {call} did not throw");
    }

    // ---- 3. Determinism ----

    private static void CheckDeterminism(IDataView validData, ITransformer fitted, IDataView transformed, DataViewTable expected,
        IReadOnlyDictionary<Type, Func<object, object?>> converters)
    {
        var problems = new List<string>();
        problems.AddRange(Prefix("a second fitted.Transform(data)", DataViewTable.Differences(expected, DataViewTable.Read(fitted.Transform(validData), converters))));
        problems.AddRange(Prefix("a second cursor over the same transformed data", DataViewTable.Differences(expected, DataViewTable.Read(transformed, converters))));
        if (fitted.IsRowToRowMapper)
        {
            long inputRows = CountRows(validData);
            if (inputRows != expected.Rows.Count)
                problems.Add($"a row-to-row transformer turned {inputRows} input rows into {expected.Rows.Count}");
        }
        ConformanceFailure.ThrowIfAny(problems);
    }

    private static long CountRows(IDataView data)
    {
        using var cursor = data.GetRowCursor([]);
        long rows = 0;
        while (cursor.MoveNext()) rows++;
        return rows;
    }

    // ---- 4. Row-to-row mapper ----

    private static void CheckRowToRowMapper(IDataView validData, ITransformer fitted, IDataView transformed, DataViewTable expected,
        IReadOnlyDictionary<Type, Func<object, object?>> converters, List<string> notes)
    {
        if (!fitted.IsRowToRowMapper)
        {
            notes.Add("skipped: the fitted transformer is not a row-to-row mapper");
            return;
        }
        var mapper = fitted.GetRowToRowMapper(validData.Schema);
        var problems = SchemaDifferences("Transform(data).Schema", transformed.Schema, "mapper.OutputSchema", mapper.OutputSchema, compareAnnotations: false);
        ConformanceFailure.ThrowIfAny(problems);
        problems.AddRange(Prefix("mapper.GetRow", DataViewTable.Differences(expected, DataViewTable.ReadMapped(mapper, validData, expected.Columns, converters))));
        ConformanceFailure.ThrowIfAny(problems);
        notes.Add($"{expected.Rows.Count} rows agree");
    }

    // ---- 5. Prediction engine ----

    private static void CheckPredictionEngine(MLContext ml, IDataView validData, ITransformer fitted, DataViewTable expected,
        ConformanceOptions options, List<string> notes)
    {
        if (options.PredictionEngine is not { } probe)
        {
            notes.Add("skipped: no ConformanceOptions.PredictionEngine");
            return;
        }
        var inputs = probe.ReadInputs(ml, validData);
        var predict = probe.CreateEngine(ml, fitted);
        var problems = ComparePredictions(expected, probe, inputs.Select(predict).ToArray(), options.ValueConverters);
        ConformanceFailure.ThrowIfAny(Prefix("PredictionEngine.Predict against Transform", problems));
        notes.Add($"columns {string.Join(", ", probe.OutputColumns)} agree on {inputs.Count} rows");
    }

    private static List<string> ComparePredictions(DataViewTable expected, PredictionEngineProbe probe, IReadOnlyList<object?[]> predictions,
        IReadOnlyDictionary<Type, Func<object, object?>> converters)
    {
        var missing = probe.OutputColumns.Where(c => expected.IndexOf(c) < 0).ToArray();
        if (missing.Length > 0) return [$"Transform's output has no column '{string.Join("', '", missing)}' to compare with"];
        if (predictions.Count != expected.Rows.Count) return [$"{predictions.Count} engine input rows but {expected.Rows.Count} transformed rows"];
        var columns = probe.OutputColumns.Select(expected.IndexOf).ToArray();
        var problems = new List<string>();
        for (int r = 0; r < predictions.Count && problems.Count < 5; r++)
            for (int c = 0; c < columns.Length; c++)
            {
                string name = probe.OutputColumns[c];
                var actual = DataViewTable.Canonical(predictions[r][c], converters, name);
                if (DataViewTable.Difference(name, $"row {r}", expected.Rows[r][columns[c]], actual) is { } difference)
                    problems.Add(difference);
            }
        return problems;
    }

    // ---- 6. Save / load ----

    private static void CheckSaveLoad(MLContext ml, IDataView validData, ITransformer fitted, IDataView transformed, DataViewTable expected,
        ConformanceOptions options, List<string> notes)
    {
        using var stream = new MemoryStream();
        ml.Model.Save(fitted, validData.Schema, stream);
        notes.Add($"{stream.Length} bytes");
        stream.Position = 0;
        var context = new MLContext(seed: 12345);
        var loaded = context.Model.Load(stream, out var loadedInput);
        try
        {
            var problems = new List<string>();
            if (loadedInput is null) problems.Add("Model.Load returned no input schema");
            else problems.AddRange(SchemaDifferences("the valid data's schema", validData.Schema, "the loaded input schema", loadedInput, compareAnnotations: false));
            if (loaded.IsRowToRowMapper != fitted.IsRowToRowMapper)
                problems.Add($"the loaded transformer's IsRowToRowMapper is {loaded.IsRowToRowMapper}, the original's {fitted.IsRowToRowMapper}");
            var loadedOutput = loaded.Transform(validData);
            problems.AddRange(SchemaDifferences("the original's output", transformed.Schema, "the loaded model's output", loadedOutput.Schema, compareAnnotations: true));
            problems.AddRange(Prefix("the loaded model's Transform against the original's",
                DataViewTable.Differences(expected, DataViewTable.Read(loadedOutput, options.ValueConverters))));
            foreach (var bad in options.BadInputs.Where(b => b.RejectedByFittedTransformer).Concat(options.BadTransformInputs))
            {
                ExpectArgumentException(problems, bad, "loaded.GetOutputSchema", () => loaded.GetOutputSchema(bad.Data.Schema), orInvalidOperation: true);
                ExpectArgumentException(problems, bad, "loaded.Transform", () => loaded.Transform(bad.Data), orInvalidOperation: true);
            }
            if (options.PredictionEngine is { } probe)
            {
                var predict = probe.CreateEngine(context, loaded);
                problems.AddRange(Prefix("a PredictionEngine over the loaded model against the original's Transform",
                    ComparePredictions(expected, probe, probe.ReadInputs(context, validData).Select(predict).ToArray(), options.ValueConverters)));
            }
            ConformanceFailure.ThrowIfAny(problems);
        }
        finally
        {
            (loaded as IDisposable)?.Dispose();
        }
    }

    // ---- 7. Parallel use ----

    private static void CheckParallel(MLContext ml, IDataView validData, ITransformer fitted, IDataView transformed, DataViewTable expected,
        ConformanceOptions options, List<string> notes)
    {
        var converters = options.ValueConverters;
        var problems = new List<string>();
        var columns = expected.Columns.Select(name => transformed.Schema[name]).ToArray();

        // Cursor sets: the rows are split between the cursors; together they must be the single cursor's rows.
        var byId = expected.Ids.Distinct().Count() == expected.Ids.Count
            ? expected.Ids.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => expected.Rows[p.i])
            : null;
        if (byId is null) notes.Add("row ids are not unique: cursor-set rows compared as a multiset only");
        foreach (int n in options.CursorSetSizes)
        {
            var cursors = transformed.GetRowCursorSet(columns, n);
            try
            {
                var parts = RunConcurrently(cursors.Length, i => DataViewTable.Read(cursors[i], columns, converters));
                notes.Add($"GetRowCursorSet(n: {n}) gave {cursors.Length} cursor(s) with {string.Join(" + ", parts.Select(p => p.Rows.Count))} rows");
                var all = DataViewTable.Of(expected.Columns, parts.SelectMany(p => p.Ids.Zip(p.Rows)));
                problems.AddRange(Prefix($"GetRowCursorSet(n: {n})", MultisetDifferences(expected, all)));
                if (byId is not null)
                    for (int r = 0, reported = 0; r < all.Rows.Count && reported < 3; r++)
                    {
                        if (!byId.TryGetValue(all.Ids[r], out var row))
                        {
                            problems.Add($"GetRowCursorSet(n: {n}): a row has id {all.Ids[r]} that the single cursor never gave");
                            reported++;
                            continue;
                        }
                        for (int c = 0; c < columns.Length; c++)
                            if (DataViewTable.Difference(expected.Columns[c], $"row id {all.Ids[r]}", row[c], all.Rows[r][c]) is { } difference)
                            {
                                problems.Add($"GetRowCursorSet(n: {n}): {difference}");
                                reported++;
                                break;
                            }
                    }
            }
            finally
            {
                foreach (var cursor in cursors) cursor.Dispose();
            }
        }

        int threads = options.Threads;
        CompareEach(problems, $"{threads} threads reading one transformed view", expected,
            RunConcurrently(threads, _ => DataViewTable.Read(transformed, converters)));
        CompareEach(problems, $"{threads} threads each calling Transform", expected,
            RunConcurrently(threads, _ => DataViewTable.Read(fitted.Transform(validData), converters)));
        if (fitted.IsRowToRowMapper)
            CompareEach(problems, $"{threads} threads each with its own row-to-row mapper", expected,
                RunConcurrently(threads, _ => DataViewTable.ReadMapped(fitted.GetRowToRowMapper(validData.Schema), validData, expected.Columns, converters)));
        if (options.PredictionEngine is { } probe)
        {
            var inputs = probe.ReadInputs(ml, validData);
            var results = RunConcurrently(threads, _ =>
            {
                var predict = probe.CreateEngine(ml, fitted);
                return inputs.Select(predict).ToArray();
            });
            for (int t = 0; t < threads; t++)
                problems.AddRange(Prefix($"{threads} threads each with its own PredictionEngine, thread {t}",
                    ComparePredictions(expected, probe, results[t], converters)));
        }
        ConformanceFailure.ThrowIfAny(problems);
    }

    private static void CompareEach(List<string> problems, string what, DataViewTable expected, DataViewTable[] results)
    {
        for (int t = 0; t < results.Length; t++)
            problems.AddRange(Prefix($"{what}, thread {t}", DataViewTable.Differences(expected, results[t])));
    }

    private static List<string> MultisetDifferences(DataViewTable expected, DataViewTable actual)
    {
        var e = expected.RowKeys().GroupBy(k => k).ToDictionary(g => g.Key, g => g.Count());
        var a = actual.RowKeys().GroupBy(k => k).ToDictionary(g => g.Key, g => g.Count());
        var problems = new List<string>();
        if (expected.Rows.Count != actual.Rows.Count) problems.Add($"{actual.Rows.Count} rows instead of {expected.Rows.Count}");
        foreach (var (key, count) in e)
            if (a.GetValueOrDefault(key) != count && problems.Count < 3)
                problems.Add($"row {key} appears {a.GetValueOrDefault(key)} time(s) instead of {count}");
        foreach (var (key, count) in a)
            if (!e.ContainsKey(key) && problems.Count < 5)
                problems.Add($"unexpected row {key} ({count} time(s))");
        return problems;
    }

    /// <summary>Runs <paramref name="work"/> on <paramref name="count"/> threads that start together; rethrows their exceptions.</summary>
    public static T[] RunConcurrently<T>(int count, Func<int, T> work)
    {
        var results = new T[count];
        var errors = new Exception?[count];
        using var barrier = new Barrier(count);
        var threads = Enumerable.Range(0, count).Select(i => new Thread(() =>
        {
            try
            {
                barrier.SignalAndWait();
                results[i] = work(i);
            }
            catch (Exception e)
            {
                errors[i] = e;
            }
        }) { IsBackground = true, Name = $"conformance-{i}" }).ToArray();
        foreach (var thread in threads) thread.Start();
        foreach (var thread in threads) thread.Join();
        var thrown = errors.Where(e => e is not null).Select(e => e!).ToArray();
        if (thrown.Length > 0) throw new AggregateException($"{thrown.Length} of {count} concurrent threads threw", thrown);
        return results;
    }

    private static IEnumerable<string> Prefix(string prefix, IEnumerable<string> problems) => problems.Select(p => $"{prefix}: {p}");
}

/// <summary>A failed conformance check (its message lists the problems).</summary>
public sealed class ConformanceFailure(string message) : Exception(message)
{
    public static void ThrowIfAny(IEnumerable<string> problems)
    {
        var list = problems.ToList();
        if (list.Count > 0) throw new ConformanceFailure(string.Join("\n    ", list));
    }
}

/// <summary>The outcome of every check of one <see cref="EstimatorConformance.Check"/> run.</summary>
public sealed class ConformanceReport(string estimator)
{
    private readonly List<(string Check, bool Passed, string Detail)> _entries = [];

    public string Estimator { get; } = estimator;

    public IReadOnlyList<(string Check, bool Passed, string Detail)> Entries => _entries;

    public IEnumerable<string> Failures => _entries.Where(e => !e.Passed).Select(e => $"[{e.Check}] {e.Detail}");

    internal void Pass(string check, string detail) => _entries.Add((check, true, detail));

    internal void Fail(string check, string detail) => _entries.Add((check, false, detail));

    internal void Run(string check, Action<List<string>> run)
    {
        var notes = new List<string>();
        try
        {
            run(notes);
            Pass(check, notes.Count == 0 ? "ok" : string.Join("; ", notes));
        }
        catch (ConformanceFailure e)
        {
            Fail(check, e.Message);
        }
        catch (Exception e)
        {
            Fail(check, $"threw {e.GetType().Name}: {e.Message}\n{e}");
        }
    }

    internal void ThrowIfFailed()
    {
        var failures = Failures.ToList();
        if (failures.Count > 0)
            Assert.Fail($"{Estimator} fails {failures.Count} conformance check(s):\n  " + string.Join("\n  ", failures) + "\n\nAll checks:\n" + this);
    }

    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var (check, passed, detail) in _entries)
            text.Append(passed ? "  PASS " : "  FAIL ").Append('[').Append(check).Append("] ").AppendLine(detail.Split('\n')[0]);
        return text.ToString();
    }
}
