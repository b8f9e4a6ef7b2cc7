using System.Collections;
using System.Globalization;
using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNet.Regularization.Tests.Conformance;

/// <summary>
/// The visible columns of an <see cref="IDataView"/> read into memory as comparable values: scalars as themselves
/// (<see cref="ReadOnlyMemory{T}"/> of char as <see cref="string"/>, keys as their raw unsigned integer), vectors densely as
/// <c>object?[]</c> of such values. Floats compare bit for bit (so NaN equals NaN and 0 differs from -0).
/// </summary>
public sealed class DataViewTable
{
    private DataViewTable(IReadOnlyList<string> columns, List<object?[]> rows, List<DataViewRowId> ids)
    {
        Columns = columns;
        Rows = rows;
        Ids = ids;
    }

    /// <summary>The names of the visible columns, in schema order.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>One array per row, one value per column of <see cref="Columns"/>.</summary>
    public IReadOnlyList<object?[]> Rows { get; }

    /// <summary>The row ids the cursor reported.</summary>
    public IReadOnlyList<DataViewRowId> Ids { get; }

    /// <summary>The values of one column.</summary>
    public IEnumerable<object?> Column(string name)
    {
        int index = IndexOf(name);
        return Rows.Select(r => r[index]);
    }

    /// <summary>The position of <paramref name="name"/> in <see cref="Columns"/>, or -1.</summary>
    public int IndexOf(string name) => Columns.ToList().IndexOf(name);

    /// <summary>The visible columns of a schema (the last one of each name).</summary>
    public static DataViewSchema.Column[] VisibleColumns(DataViewSchema schema) => schema.Where(c => !c.IsHidden).ToArray();

    /// <summary>Reads every visible column of every row with one cursor.</summary>
    public static DataViewTable Read(IDataView data, IReadOnlyDictionary<Type, Func<object, object?>>? converters = null)
    {
        var columns = VisibleColumns(data.Schema);
        using var cursor = data.GetRowCursor(columns);
        return Read(cursor, columns, converters);
    }

    /// <summary>Reads the remaining rows of <paramref name="cursor"/>: <paramref name="columns"/> must be active in it.</summary>
    public static DataViewTable Read(DataViewRowCursor cursor, IReadOnlyList<DataViewSchema.Column> columns,
        IReadOnlyDictionary<Type, Func<object, object?>>? converters = null)
    {
        var readers = columns.Select(c => CreateReader(cursor, c, converters)).ToArray();
        var id = cursor.GetIdGetter();
        var rows = new List<object?[]>();
        var ids = new List<DataViewRowId>();
        while (cursor.MoveNext())
        {
            DataViewRowId rowId = default;
            id(ref rowId);
            ids.Add(rowId);
            rows.Add(readers.Select(read => read()).ToArray());
        }
        return new DataViewTable(columns.Select(c => c.Name).ToArray(), rows, ids);
    }

    /// <summary>Reads the rows of <paramref name="mapper"/>'s output for every row of <paramref name="input"/>: the input cursor
    /// activates only the columns <c>GetDependencies</c> asks for, as a prediction engine does.</summary>
    public static DataViewTable ReadMapped(IRowToRowMapper mapper, IDataView input, IReadOnlyList<string> outputColumns,
        IReadOnlyDictionary<Type, Func<object, object?>>? converters = null)
    {
        var active = outputColumns.Select(name => mapper.OutputSchema.GetColumnOrNull(name)
            ?? throw new InvalidOperationException($"the row-to-row mapper's OutputSchema has no column '{name}'")).ToArray();
        var dependencies = mapper.GetDependencies(active).ToArray();
        using var cursor = input.GetRowCursor(dependencies);
        using var row = mapper.GetRow(cursor, active);
        var readers = active.Select(c => CreateReader(row, c, converters)).ToArray();
        var rows = new List<object?[]>();
        var ids = new List<DataViewRowId>();
        var id = cursor.GetIdGetter();
        while (cursor.MoveNext())
        {
            DataViewRowId rowId = default;
            id(ref rowId);
            ids.Add(rowId);
            rows.Add(readers.Select(read => read()).ToArray());
        }
        return new DataViewTable(outputColumns.ToArray(), rows, ids);
    }

    /// <summary>A table of the given rows (e.g. gathered from several cursors).</summary>
    public static DataViewTable Of(IReadOnlyList<string> columns, IEnumerable<(DataViewRowId Id, object?[] Row)> rows)
    {
        var list = rows.ToList();
        return new DataViewTable(columns, list.Select(r => r.Row).ToList(), list.Select(r => r.Id).ToList());
    }

    // ---- Reading values ----

    /// <summary>A function that reads <paramref name="column"/> of <paramref name="row"/>'s current row as a comparable value.</summary>
    public static Func<object?> CreateReader(DataViewRow row, DataViewSchema.Column column, IReadOnlyDictionary<Type, Func<object, object?>>? converters = null) =>
        CreateReader(column.Type, new RowSource(row, column), converters ?? Empty, column.Name);

    /// <summary>Reads the value of annotation <paramref name="name"/> of <paramref name="column"/>.</summary>
    public static object? ReadAnnotation(DataViewSchema.Column column, string name, IReadOnlyDictionary<Type, Func<object, object?>>? converters = null)
    {
        var annotation = column.Annotations.Schema[name];
        return CreateReader(annotation.Type, new AnnotationSource(column.Annotations, annotation), converters ?? Empty, $"{column.Name}:{name}")();
    }

    private static readonly IReadOnlyDictionary<Type, Func<object, object?>> Empty = new Dictionary<Type, Func<object, object?>>();

    private interface IGetterSource
    {
        ValueGetter<T> GetGetter<T>();
    }

    private sealed class RowSource(DataViewRow row, DataViewSchema.Column column) : IGetterSource
    {
        public ValueGetter<T> GetGetter<T>() => row.GetGetter<T>(column);
    }

    private sealed class AnnotationSource(DataViewSchema.Annotations annotations, DataViewSchema.Column column) : IGetterSource
    {
        public ValueGetter<T> GetGetter<T>() => annotations.GetGetter<T>(column);
    }

    private static Func<object?> CreateReader(DataViewType type, IGetterSource source, IReadOnlyDictionary<Type, Func<object, object?>> converters, string name)
    {
        string method = type is VectorDataViewType ? nameof(VectorReader) : nameof(ScalarReader);
        var itemType = type is VectorDataViewType vector ? vector.ItemType.RawType : type.RawType;
        try
        {
            return (Func<object?>)typeof(DataViewTable).GetMethod(method, BindingFlags.NonPublic | BindingFlags.Static)!
                .MakeGenericMethod(itemType).Invoke(null, [source, type, converters, name])!;
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
    }

    private static Func<object?> ScalarReader<T>(IGetterSource source, DataViewType type, IReadOnlyDictionary<Type, Func<object, object?>> converters, string name)
    {
        var getter = source.GetGetter<T>();
        return () =>
        {
            T value = default!;
            getter(ref value);
            return Canonical(value, converters, name);
        };
    }

    private static Func<object?> VectorReader<T>(IGetterSource source, DataViewType type, IReadOnlyDictionary<Type, Func<object, object?>> converters, string name)
    {
        var getter = source.GetGetter<VBuffer<T>>();
        int size = ((VectorDataViewType)type).Size;
        return () =>
        {
            VBuffer<T> value = default;
            getter(ref value);
            if (size > 0 && value.Length != size)
                throw new InvalidOperationException($"column '{name}' is {type} but a value has {value.Length} items");
            return value.DenseValues().Select(v => Canonical(v, converters, name)).ToArray();
        };
    }

    /// <summary>The comparable form of a value: primitives and strings as themselves, text as string, arrays and
    /// <see cref="VBuffer{T}"/> as dense <c>object?[]</c>, row ids as a (high, low) tuple, other types through a converter.</summary>
    public static object? Canonical(object? value, IReadOnlyDictionary<Type, Func<object, object?>>? converters = null, string name = "")
    {
        converters ??= Empty;
        switch (value)
        {
            case null: return null;
            case ReadOnlyMemory<char> text: return text.ToString();
            case string or bool or float or double or sbyte or byte or short or ushort or int or uint or long or ulong
                or DateTime or DateTimeOffset or TimeSpan: return value;
            case DataViewRowId id: return (id.High, id.Low);
        }
        if (converters.TryGetValue(value.GetType(), out var convert)) return Canonical(convert(value), converters, name);
        if (value is Array array) return array.Cast<object?>().Select(v => Canonical(v, converters, name)).ToArray();
        if (value.GetType().IsGenericType && value.GetType().GetGenericTypeDefinition() == typeof(VBuffer<>))
        {
            var dense = (IEnumerable)value.GetType().GetMethod(nameof(VBuffer<int>.DenseValues))!.Invoke(value, null)!;
            return dense.Cast<object?>().Select(v => Canonical(v, converters, name)).ToArray();
        }
        if (value is System.Runtime.CompilerServices.ITuple) return value;
        throw new NotSupportedException(
            $"The conformance kit cannot compare values of type {value.GetType()} (column '{name}'): add a converter for it to ConformanceOptions.ValueConverters.");
    }

    // ---- Comparing ----

    /// <summary>Whether two comparable values are equal: floats bit for bit, arrays element-wise.</summary>
    public static bool ValuesEqual(object? a, object? b) => (a, b) switch
    {
        (null, null) => true,
        (null, _) or (_, null) => false,
        (float x, float y) => BitConverter.SingleToInt32Bits(x) == BitConverter.SingleToInt32Bits(y),
        (double x, double y) => BitConverter.DoubleToInt64Bits(x) == BitConverter.DoubleToInt64Bits(y),
        (object?[] x, object?[] y) => x.Length == y.Length && x.Zip(y).All(p => ValuesEqual(p.First, p.Second)),
        _ => a.GetType() == b.GetType() && a.Equals(b),
    };

    /// <summary>A value as text, floats with every digit, for messages and for multiset keys.</summary>
    public static string Format(object? value) => value switch
    {
        null => "null",
        float f => f.ToString("R", CultureInfo.InvariantCulture) + "f",
        double d => d.ToString("R", CultureInfo.InvariantCulture) + "d",
        string s => $"\"{s}\"",
        object?[] array => "[" + string.Join(", ", array.Select(Format)) + "]",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture) + ":" + value.GetType().Name,
        _ => value.ToString() ?? "",
    };

    /// <summary>The first difference between two rows' values, or null when they are equal; <paramref name="position"/> names the place.</summary>
    public static string? Difference(string column, string position, object? expected, object? actual)
    {
        if (ValuesEqual(expected, actual)) return null;
        if (expected is object?[] x && actual is object?[] y && x.Length == y.Length)
        {
            int slot = Enumerable.Range(0, x.Length).First(i => !ValuesEqual(x[i], y[i]));
            return $"column '{column}' {position}, slot {slot}: expected {Format(x[slot])}, got {Format(y[slot])}";
        }
        string e = Format(expected), a = Format(actual);
        return $"column '{column}' {position}: expected {Shorten(e)}, got {Shorten(a)}";
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "...";

    /// <summary>Lists the differences between two tables (same columns by name, same rows in the same order), at most <paramref name="limit"/>.</summary>
    public static List<string> Differences(DataViewTable expected, DataViewTable actual, int limit = 5)
    {
        var problems = new List<string>();
        var missing = expected.Columns.Except(actual.Columns).ToArray();
        var extra = actual.Columns.Except(expected.Columns).ToArray();
        if (missing.Length > 0) problems.Add($"columns missing: {string.Join(", ", missing)}");
        if (extra.Length > 0) problems.Add($"extra columns: {string.Join(", ", extra)}");
        if (expected.Rows.Count != actual.Rows.Count) problems.Add($"{actual.Rows.Count} rows instead of {expected.Rows.Count}");
        var shared = expected.Columns.Intersect(actual.Columns).Select(c => (Name: c, E: expected.IndexOf(c), A: actual.IndexOf(c))).ToArray();
        int rows = Math.Min(expected.Rows.Count, actual.Rows.Count);
        for (int r = 0; r < rows && problems.Count < limit; r++)
            foreach (var (name, e, a) in shared)
                if (Difference(name, $"row {r}", expected.Rows[r][e], actual.Rows[r][a]) is { } problem)
                {
                    problems.Add(problem);
                    if (problems.Count >= limit) break;
                }
        return problems;
    }

    /// <summary>One text key per row for multiset comparisons.</summary>
    public IEnumerable<string> RowKeys() => Rows.Select(r => string.Join(" | ", r.Select(Format)));
}
