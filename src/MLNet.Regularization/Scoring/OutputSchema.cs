using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNet.Regularization.Scoring;

/// <summary>The prediction columns each task adds, as <see cref="SchemaShape"/> columns for <c>GetOutputSchema</c>.</summary>
internal static class OutputSchema
{
    // SchemaShape.Column has no public constructor in ML.NET 5; its internal one is stable since ML.NET 1.0 and a test guards it.
    private static readonly ConstructorInfo ColumnConstructor = typeof(SchemaShape.Column).GetConstructor(
        BindingFlags.NonPublic | BindingFlags.Instance, null,
        [typeof(string), typeof(SchemaShape.Column.VectorKind), typeof(DataViewType), typeof(bool), typeof(SchemaShape)], null)
        ?? throw new MissingMemberException("This ML.NET version has no SchemaShape.Column(string, VectorKind, DataViewType, bool, SchemaShape) constructor.");

    private const string KeyValues = "KeyValues";

    public static IEnumerable<SchemaShape.Column> Binary() =>
    [
        Scalar("Score", NumberDataViewType.Single),
        Scalar("Probability", NumberDataViewType.Single),
        Scalar("PredictedLabel", BooleanDataViewType.Instance),
    ];

    public static IEnumerable<SchemaShape.Column> Regression() => [Scalar("Score", NumberDataViewType.Single)];

    public static IEnumerable<SchemaShape.Column> Multiclass(SchemaShape.Column label)
    {
        var keyValues = label.Annotations.Where(a => a.Name == KeyValues);
        return
        [
            Column("Score", SchemaShape.Column.VectorKind.Vector, NumberDataViewType.Single, false, new SchemaShape([])),
            Column("PredictedLabel", SchemaShape.Column.VectorKind.Scalar, NumberDataViewType.UInt32, true, new SchemaShape(keyValues)),
        ];
    }

    private static SchemaShape.Column Scalar(string name, DataViewType type) =>
        Column(name, SchemaShape.Column.VectorKind.Scalar, type, false, new SchemaShape([]));

    private static SchemaShape.Column Column(string name, SchemaShape.Column.VectorKind kind, DataViewType itemType, bool isKey, SchemaShape annotations) =>
        (SchemaShape.Column)ColumnConstructor.Invoke([name, kind, itemType, isKey, annotations]);
}
