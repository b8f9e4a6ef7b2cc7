namespace MLNet.Regularization.Benchmarks.Tabular;

/// <summary>What a tabular data set's label asks for, which decides the label conversion, the trainers' catalog and the metrics.</summary>
internal enum TabularTask
{
    /// <summary>Two classes: the label becomes a Boolean; accuracy and AUC.</summary>
    Binary,

    /// <summary>Three or more classes: the label becomes a key (<c>MapValueToKey</c>); micro accuracy.</summary>
    Multiclass,

    /// <summary>A number: the label is read as Single; RMSE and R².</summary>
    Regression,
}
