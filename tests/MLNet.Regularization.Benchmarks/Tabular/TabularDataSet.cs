namespace MLNet.Regularization.Benchmarks.Tabular;

/// <summary>One tabular data set: where its rows are, how its text is laid out, its columns in file order (one of them the
/// label) and the task the label asks for.</summary>
/// <param name="Name">The name <c>--data-sets</c> takes.</param>
/// <param name="Task">What the label asks for.</param>
/// <param name="Source">The file or files the rows come from.</param>
/// <param name="SkipFirstLine">Whether the first line is not a row: a header of names, or scikit-learn's line of counts and class names.</param>
/// <param name="Separator">The character between fields.</param>
/// <param name="Columns">The columns in file order.</param>
/// <param name="PositiveClass">For a binary task, the label text (trimmed) that is <see langword="true"/>.</param>
internal sealed record TabularDataSet(
    string Name,
    TabularTask Task,
    TabularSource Source,
    bool SkipFirstLine,
    char Separator,
    IReadOnlyList<TabularColumn> Columns,
    string? PositiveClass = null)
{
    /// <summary>The label column.</summary>
    public TabularColumn Label => Columns.Single(c => c.Kind == TabularColumnKind.Label);

    /// <summary>The feature columns (numeric and categorical) in file order.</summary>
    public IEnumerable<TabularColumn> Features => Columns.Where(c => c.Kind != TabularColumnKind.Label);

    /// <summary>The number of file columns, counting each column of a vector run.</summary>
    public int FileColumnCount => Columns.Sum(c => c.Count);
}
