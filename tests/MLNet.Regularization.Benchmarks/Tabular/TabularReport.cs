using System.Globalization;
using System.Text;

namespace MLNet.Regularization.Benchmarks.Tabular;

/// <summary>The final tables of a run: per data set and arm the mean ± standard deviation over seeds of the main metric
/// (accuracy, or RMSE), AUC, R² and fit seconds; per data set each arm's difference to LightGbm; per arm a summary line.</summary>
internal static class TabularReport
{
    private static readonly string[] ScoreHeader = ["data set", "task", "arm", "metric", "mean ± SD", "AUC", "R²", "fit s", "fits"];

    /// <summary>The tables and summary lines for the console.</summary>
    public static string Console(TabularResults results)
    {
        var text = new StringBuilder();
        text.AppendLine("Mean ± sample standard deviation over seeds, on the 20 % test split:");
        text.Append(TextTable.Console(ScoreHeader, ScoreRows(results), textColumns: 4));
        if (results.HasReference && DifferenceArms(results).Count > 0)
        {
            text.AppendLine();
            text.AppendLine("Difference to LightGbm: accuracy points (arm minus LightGbm) for classification, RMSE ratio (arm over LightGbm) for regression:");
            text.Append(TextTable.Console(DifferenceHeader(results), DifferenceRows(results), textColumns: 2));
            text.AppendLine();
            foreach (string line in SummaryLines(results)) text.AppendLine(line);
        }
        else
        {
            text.AppendLine("No differences: the lightgbm arm did not run, or no other arm did.");
        }
        return text.ToString();
    }

    /// <summary>The same tables and summary lines as Markdown, under a line describing the run.</summary>
    public static string Markdown(TabularResults results, string run)
    {
        var text = new StringBuilder();
        text.AppendLine(run).AppendLine();
        text.AppendLine("Mean ± sample standard deviation over seeds, on the 20 % test split:").AppendLine();
        text.Append(TextTable.Markdown(ScoreHeader, ScoreRows(results), textColumns: 4));
        if (results.HasReference && DifferenceArms(results).Count > 0)
        {
            text.AppendLine().AppendLine("Difference to LightGbm: accuracy points (arm minus LightGbm) for classification, RMSE ratio (arm over LightGbm) for regression:").AppendLine();
            text.Append(TextTable.Markdown(DifferenceHeader(results), DifferenceRows(results), textColumns: 2));
            text.AppendLine();
            foreach (string line in SummaryLines(results)) text.AppendLine("- " + line);
        }
        return text.ToString();
    }

    private static List<IReadOnlyList<string>> ScoreRows(TabularResults results)
    {
        var rows = new List<IReadOnlyList<string>>();
        foreach (var set in results.DataSets)
            foreach (var arm in results.Arms)
            {
                var scores = results.Scores(set, arm);
                int failures = results.Failures(set, arm);
                string fits = failures > 0 ? $"{scores.Count} ({failures} failed)" : $"{scores.Count}";
                string task = set.Task.ToString().ToLowerInvariant();
                string metric = TabularEvaluation.MainMetric(set.Task);
                if (scores.Count == 0)
                {
                    rows.Add([set.Name, task, arm.Name, metric, "-", "-", "-", "-", fits]);
                    continue;
                }
                rows.Add([
                    set.Name, task, arm.Name, metric,
                    MeanSd(scores.Select(s => s.Main), TabularEvaluation.MainFormat(set.Task, scores.Average(s => s.Main))),
                    set.Task == TabularTask.Binary ? MeanSd(scores.Select(s => s.Auc!.Value), "F4") : "-",
                    set.Task == TabularTask.Regression ? MeanSd(scores.Select(s => s.RSquared!.Value), "F4") : "-",
                    MeanSd(scores.Select(s => s.FitSeconds), "F2"),
                    fits,
                ]);
            }
        return rows;
    }

    private static List<TabularArm> DifferenceArms(TabularResults results) => [.. results.Arms.Where(a => a.Name != LightGbmArm.ArmName)];

    private static string[] DifferenceHeader(TabularResults results) => ["data set", "task", .. DifferenceArms(results).Select(a => a.Name)];

    private static List<IReadOnlyList<string>> DifferenceRows(TabularResults results) =>
        [.. results.DataSets.Select(set => (IReadOnlyList<string>)
            [set.Name, set.Task.ToString().ToLowerInvariant(), .. DifferenceArms(results).Select(arm => FormatDifference(set, results.DifferenceToReference(set, arm)))])];

    /// <summary>Per arm: the average difference to LightGbm over the classification data sets (accuracy points) and over the
    /// regression ones (RMSE ratio), each with its worst data set.</summary>
    private static IEnumerable<string> SummaryLines(TabularResults results)
    {
        foreach (var arm in DifferenceArms(results))
        {
            var parts = new List<string>();
            foreach (bool regression in new[] { false, true })
            {
                var differences = results.DataSets
                    .Where(s => (s.Task == TabularTask.Regression) == regression)
                    .Select(s => (Set: s, Difference: results.DifferenceToReference(s, arm)))
                    .Where(d => d.Difference is not null)
                    .Select(d => (d.Set, Difference: d.Difference!.Value))
                    .ToList();
                if (differences.Count == 0) continue;
                double average = differences.Average(d => d.Difference);
                var worst = regression ? differences.MaxBy(d => d.Difference) : differences.MinBy(d => d.Difference);
                parts.Add(regression
                    ? $"regression RMSE ratio {FormatDifference(worst.Set, average)} on average over {differences.Count} data set(s) (worst: {worst.Set.Name} {FormatDifference(worst.Set, worst.Difference)})"
                    : $"classification {FormatDifference(worst.Set, average)} on average over {differences.Count} data set(s) (worst: {worst.Set.Name} {FormatDifference(worst.Set, worst.Difference)})");
            }
            yield return $"{arm.Name} vs LightGbm: " + (parts.Count > 0 ? string.Join("; ", parts) : "no figures");
        }
    }

    private static string FormatDifference(TabularDataSet set, double? difference) => difference switch
    {
        null => "-",
        double ratio when set.Task == TabularTask.Regression => "×" + ratio.ToString("F3", CultureInfo.InvariantCulture),
        double points => points.ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture) + " pts",
    };

    /// <summary>The mean and the sample standard deviation, both in <paramref name="format"/>; the mean alone for one value.</summary>
    private static string MeanSd(IEnumerable<double> values, string format)
    {
        var list = values.ToList();
        double mean = list.Average();
        if (list.Count == 1) return mean.ToString(format, CultureInfo.InvariantCulture);
        double sd = Math.Sqrt(list.Sum(v => (v - mean) * (v - mean)) / (list.Count - 1));
        return $"{mean.ToString(format, CultureInfo.InvariantCulture)} ± {sd.ToString(format, CultureInfo.InvariantCulture)}";
    }
}
