namespace MLNet.Regularization.Benchmarks.Tabular;

/// <summary>The test figures of one fit: the main metric (accuracy, or RMSE for regression), AUC for binary tasks, R² for
/// regression, and the seconds of the <c>Fit</c> of the whole pipeline.</summary>
internal sealed record TabularScore(double Main, double? Auc, double? RSquared, double FitSeconds);
