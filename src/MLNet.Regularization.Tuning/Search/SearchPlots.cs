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
        var curves = result.Trials.Where(t => t.Epochs > 0 && t.State is TrialState.Complete or TrialState.Pruned).ToArray();
        foreach (var trial in curves)
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
        plot.Title($"{result.Name}: learning curves of {Count(result.Trials.Count, "trial")} (pruned in gray)");
        plot.XLabel("epoch");
        Frame(plot, [.. curves.SelectMany(t => Enumerable.Range(1, t.Epochs).Select(e => (double)e))], [.. curves.SelectMany(t => t.EpochValues)]);
        plot.YLabel(epochFigure);
        plot.ShowLegend(Edge.Right);
        plot.SavePng(path, Width, Height);
    }

    /// <summary>Each complete trial's value by trial number, and the best value so far, drawn on to the last trial so that the
    /// trials after the last improvement (pruned and failed ones too) show on the trial axis.</summary>
    public static void OptimizationHistory(SearchResult result, string path)
    {
        var plot = new Plot();
        var complete = result.Trials.Where(t => t.State == TrialState.Complete).OrderBy(t => t.Number).ToArray();
        double[] numbers = [.. complete.Select(t => (double)t.Number)];
        if (complete.Length > 0)
        {
            double bestSoFar = complete[0].Value!.Value;
            var best = complete.Select(t => bestSoFar = result.HigherIsBetter ? Math.Max(bestSoFar, t.Value!.Value) : Math.Min(bestSoFar, t.Value!.Value)).ToList();
            var steps = numbers.ToList();
            int last = result.Trials.Max(t => t.Number);
            if (last > steps[^1])
            {
                steps.Add(last);
                best.Add(best[^1]);
            }
            var line = plot.Add.ScatterLine(steps.ToArray(), best.ToArray());
            line.ConnectStyle = ConnectStyle.StepHorizontal;
            line.LineWidth = 2;
            line.LegendText = "best so far";
            var points = plot.Add.ScatterPoints(numbers, complete.Select(t => t.Value!.Value).ToArray());   // over the line
            points.MarkerSize = 7;
            points.LegendText = "complete trial";
        }
        plot.Title($"{result.Name}: optimization history ({complete.Length} complete of {Count(result.Trials.Count, "trial")})");
        plot.XLabel("trial");
        Frame(plot, [.. numbers, .. result.Trials.Select(t => (double)t.Number)], [.. complete.Select(t => t.Value!.Value)]);
        plot.YLabel(result.Metric);
        plot.ShowLegend(Edge.Right);
        plot.SavePng(path, Width, Height);
    }

    /// <summary>Integer ticks on the x axis (epochs and trial numbers are whole), and limits around the points where
    /// autoscaling has no span to work with (one trial, one epoch, or equal values), which would otherwise show ±1 around them
    /// with fractional trial numbers.</summary>
    private static void Frame(Plot plot, double[] xs, double[] ys)
    {
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        var finite = ys.Where(double.IsFinite).ToArray();
        if (xs.Length == 0 || finite.Length == 0) return;
        plot.Axes.AutoScale();
        if (xs.Min() == xs.Max()) plot.Axes.SetLimitsX(xs.Min() - 1, xs.Max() + 1);
        if (finite.Min() == finite.Max())
        {
            double pad = Math.Max(Math.Abs(finite[0]) * 0.05, 1e-3);
            plot.Axes.SetLimitsY(finite[0] - pad, finite[0] + pad);
        }
    }

    private static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
