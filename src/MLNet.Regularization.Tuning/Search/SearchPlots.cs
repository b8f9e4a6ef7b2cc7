using ScottPlot;

namespace MLNet.Regularization.Tuning;

/// <summary>The plots of a search, as PNG files: every trial's learning curve, and the optimization history.</summary>
internal static class SearchPlots
{
    private const int Width = 900;
    private const int Height = 560;

    /// <summary>The per-epoch validation figure of every trial: complete trials in color, pruned ones in gray (where they stopped
    /// shows the pruner at work), the best trial thick.</summary>
    public static void LearningCurves(SearchResult result, string epochFigure, string path)
    {
        var plot = new Plot();
        int? best = result.Trials.Any(t => t.State == TrialState.Complete) ? result.BestTrial.Number : null;
        foreach (var trial in result.Trials.Where(t => t.Epochs > 0 && t.State is TrialState.Complete or TrialState.Pruned))
        {
            var line = plot.Add.ScatterLine(
                Enumerable.Range(1, trial.Epochs).Select(e => (double)e).ToArray(), trial.EpochValues.ToArray());
            line.MarkerSize = trial.Epochs == 1 ? 4 : 0;
            if (trial.State == TrialState.Pruned)
            {
                line.Color = Colors.Gray.WithAlpha(0.5);
                line.LineWidth = 1;
            }
            else line.LineWidth = trial.Number == best ? 3 : 1.5f;
            if (trial.Number == best) line.LegendText = $"best: trial {trial.Number}";
        }
        plot.Title($"{result.Name}: learning curves of {result.Trials.Count} trials (pruned in gray)");
        plot.XLabel("epoch");
        plot.YLabel(epochFigure);
        plot.ShowLegend(Alignment.LowerRight);
        plot.SavePng(path, Width, Height);
    }

    /// <summary>Each complete trial's value by trial number, and the best value so far.</summary>
    public static void OptimizationHistory(SearchResult result, string path)
    {
        var plot = new Plot();
        var complete = result.Trials.Where(t => t.State == TrialState.Complete).OrderBy(t => t.Number).ToArray();
        if (complete.Length > 0)
        {
            var points = plot.Add.ScatterPoints(complete.Select(t => (double)t.Number).ToArray(), complete.Select(t => t.Value!.Value).ToArray());
            points.LegendText = "complete trial";
            double bestSoFar = complete[0].Value!.Value;
            var best = complete.Select(t => bestSoFar = result.HigherIsBetter ? Math.Max(bestSoFar, t.Value!.Value) : Math.Min(bestSoFar, t.Value!.Value)).ToArray();
            var line = plot.Add.ScatterLine(complete.Select(t => (double)t.Number).ToArray(), best);
            line.ConnectStyle = ConnectStyle.StepHorizontal;
            line.LineWidth = 2;
            line.LegendText = "best so far";
        }
        plot.Title($"{result.Name}: optimization history ({complete.Length} complete of {result.Trials.Count} trials)");
        plot.XLabel("trial");
        plot.YLabel(result.Metric);
        plot.ShowLegend(result.HigherIsBetter ? Alignment.LowerRight : Alignment.UpperRight);
        plot.SavePng(path, Width, Height);
    }
}
