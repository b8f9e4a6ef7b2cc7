namespace MLNet.Regularization.Benchmarks.Tabular;

/// <summary>One column of a tabular file, or a run of <paramref name="Count"/> adjacent numeric columns read as one vector column.
/// A data set lists its columns in file order, so their positions follow from the list.</summary>
/// <param name="Name">The column's name in the loaded data.</param>
/// <param name="Kind">How the pipeline treats it.</param>
/// <param name="Count">How many file columns it spans (1 for a scalar column).</param>
internal sealed record TabularColumn(string Name, TabularColumnKind Kind, int Count = 1)
{
    /// <summary>A numeric column, or <paramref name="count"/> adjacent numeric columns read as one vector.</summary>
    public static TabularColumn Numeric(string name, int count = 1) => new(name, TabularColumnKind.Numeric, count);

    /// <summary>A categorical (text) column.</summary>
    public static TabularColumn Categorical(string name) => new(name, TabularColumnKind.Categorical);

    /// <summary>The label column.</summary>
    public static TabularColumn Label(string name) => new(name, TabularColumnKind.Label);
}
