namespace MLNet.Regularization.Benchmarks.Tabular;

/// <summary>How the pipeline treats a column of a tabular file.</summary>
internal enum TabularColumnKind
{
    /// <summary>Read as Single (missing values as NaN), then missing values replaced by the training mean.</summary>
    Numeric,

    /// <summary>Read as text, then one-hot encoded; a missing-value marker such as "?" or "NA" is a category of its own.</summary>
    Categorical,

    /// <summary>The label: read as text for classification, as Single for regression.</summary>
    Label,
}
