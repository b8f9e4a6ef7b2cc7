namespace MLNet.Regularization.Benchmarks.Tabular;

/// <summary>The scores of every fit of a run, by data set and arm, and the differences to LightGbm they give.</summary>
internal sealed class TabularResults(IReadOnlyList<TabularDataSet> dataSets, IReadOnlyList<TabularArm> arms)
{
    private readonly Dictionary<(string DataSet, string Arm), List<TabularScore>> _scores = [];
    private readonly Dictionary<(string DataSet, string Arm), int> _failures = [];

    /// <summary>The data sets, in table order.</summary>
    public IReadOnlyList<TabularDataSet> DataSets => dataSets;

    /// <summary>The arms, in table order.</summary>
    public IReadOnlyList<TabularArm> Arms => arms;

    /// <summary>Whether the reference arm (LightGbm) ran, so that differences exist.</summary>
    public bool HasReference => arms.Any(a => a.Name == LightGbmArm.ArmName);

    /// <summary>Records the figures of one fit.</summary>
    public void Add(TabularDataSet set, TabularArm arm, TabularScore score)
    {
        if (!_scores.TryGetValue((set.Name, arm.Name), out var list)) _scores[(set.Name, arm.Name)] = list = [];
        list.Add(score);
    }

    /// <summary>Records a fit that threw.</summary>
    public void AddFailure(TabularDataSet set, TabularArm arm) =>
        _failures[(set.Name, arm.Name)] = Failures(set, arm) + 1;

    /// <summary>The figures of the fits of <paramref name="arm"/> on <paramref name="set"/> that succeeded.</summary>
    public IReadOnlyList<TabularScore> Scores(TabularDataSet set, TabularArm arm) =>
        _scores.TryGetValue((set.Name, arm.Name), out var list) ? list : [];

    /// <summary>The number of fits that threw.</summary>
    public int Failures(TabularDataSet set, TabularArm arm) => _failures.GetValueOrDefault((set.Name, arm.Name));

    /// <summary>The difference of <paramref name="arm"/> to LightGbm on <paramref name="set"/>: mean accuracy minus LightGbm's, in
    /// points (classification), or mean RMSE over LightGbm's (regression); <see langword="null"/> when either has no figures.</summary>
    public double? DifferenceToReference(TabularDataSet set, TabularArm arm)
    {
        var reference = arms.FirstOrDefault(a => a.Name == LightGbmArm.ArmName);
        if (reference is null) return null;
        var own = Scores(set, arm);
        var theirs = Scores(set, reference);
        if (own.Count == 0 || theirs.Count == 0) return null;
        double ownMean = own.Average(s => s.Main), theirMean = theirs.Average(s => s.Main);
        return set.Task == TabularTask.Regression ? ownMean / theirMean : 100 * (ownMean - theirMean);
    }
}
