using System.Globalization;
using System.Text;
using MLNet.Regularization.Benchmarks.Tabular;

namespace MLNet.Regularization.Benchmarks.Tuning;

/// <summary>The report of <c>--tuning</c>, in Markdown: per data set a table of the arms (mean ± sample standard deviation over
/// the seeds), then the summary lines of the two targets.</summary>
internal static class TuningReport
{
    private static readonly string[] Header =
        ["arm", "test accuracy", "best validation", "trials", "complete / pruned / failed", "pruned share", "wall s", "reached random's best (s, per seed)"];

    public static string Markdown(IReadOnlyList<TuningRun> runs, TuningSettings settings, IReadOnlyList<string> failures, string run)
    {
        var text = new StringBuilder();
        text.AppendLine(run).AppendLine();
        foreach (string set in settings.DataSets)
        {
            var seeds = Enumerable.Range(settings.FirstSeed, settings.Seeds).ToArray();
            text.AppendLine(Invariant($"### {set}: {settings.Budgets[set].TotalSeconds:0} s per search, {seeds.Length} seed(s)")).AppendLine();
            var rows = settings.Arms.Select(arm => Row(runs, set, arm, seeds)).ToList();
            text.Append(TextTable.Markdown(Header, rows, textColumns: 1));
            text.AppendLine();
            text.AppendLine("Test accuracy: MicroAccuracy on the test set of FitBest (the best options fitted on the whole training set); best " +
                "validation: the search's MicroAccuracy on its 20 % hold-out; wall s: the search (the fit, for defaults), which can pass the " +
                "budget by the trial running when it ends (no trial starts after it); reached: when the " +
                "best validation value first reached random's final best (from the trials' end times; for random itself, when its best trial ended).");
            text.AppendLine();
            foreach (string line in TargetLines(runs, set, seeds)) text.AppendLine("- " + line);
            text.AppendLine();
        }
        text.AppendLine("With the same seed the samplers draw the same first trials (random-asha's are random's, and so are TPE's 10 random start-up " +
            "trials), so the arms of a seed are paired; timings are wall times on a machine that should be otherwise idle.");
        if (failures.Count > 0)
            text.AppendLine().AppendLine($"FAILED (left out of the tables): {string.Join("; ", failures)}.");
        return text.ToString();
    }

    private static IReadOnlyList<string> Row(IReadOnlyList<TuningRun> runs, string set, TuningArm arm, int[] seeds)
    {
        var group = runs.Where(r => r.DataSet == set && r.Arm == arm.Name).ToArray();
        if (group.Length == 0) return [arm.Name, "-", "-", "-", "-", "-", "-", "-"];
        string test = MeanSd(group.Select(r => r.TestAccuracy), "F4");
        string wall = MeanSd(group.Select(r => r.Seconds), "F0");
        if (!arm.IsSearch) return [arm.Name, test, "-", "-", "-", "-", wall, "-"];
        var reached = seeds.Select(seed =>
        {
            var own = group.FirstOrDefault(r => r.Seed == seed);
            var random = runs.FirstOrDefault(r => r.DataSet == set && r.Arm == TuningArm.Random && r.Seed == seed);
            if (own is null || random?.BestValidation is not double target) return "-";
            return own.TimeToReach(target) is double t ? t.ToString("F0", CultureInfo.InvariantCulture) : "never";
        });
        return
        [
            arm.Name, test, MeanSd(group.Select(r => r.BestValidation!.Value), "F4"), MeanSd(group.Select(r => (double)r.Trials), "F1"),
            Invariant($"{group.Average(r => r.Complete):F1} / {group.Average(r => r.Pruned):F1} / {group.Average(r => r.Failed):F1}"),
            Invariant($"{100 * group.Average(r => r.PrunedShare):F0} %"), wall, string.Join(", ", reached),
        ];
    }

    /// <summary>(a) tpe-asha against random search's time, per seed; (b) the tuned model against the defaults on test accuracy.</summary>
    private static IEnumerable<string> TargetLines(IReadOnlyList<TuningRun> runs, string set, int[] seeds)
    {
        TuningRun? Find(string arm, int seed) => runs.FirstOrDefault(r => r.DataSet == set && r.Arm == arm && r.Seed == seed);

        var pairs = seeds.Select(s => (Seed: s, Random: Find(TuningArm.Random, s), Tuned: Find(TuningArm.TpeAsha, s)))
            .Where(p => p.Random is not null && p.Tuned is not null).ToArray();
        if (pairs.Length == 0)
            yield return $"(a) {set}: no seed with both a random and a tpe-asha search.";
        else
        {
            var verdicts = pairs.Select(p =>
            {
                double target = p.Random!.BestValidation!.Value, half = p.Random.Seconds / 2;
                double? time = p.Tuned!.TimeToReach(target);
                bool met = time <= half;
                string detail = time is double t
                    ? Invariant($"seed {p.Seed}: {t:F0} s {(met ? "≤" : ">")} {half:F0} s")
                    : Invariant($"seed {p.Seed}: never (best {p.Tuned.BestValidation:F4} < random's {target:F4})");
                return (Met: met, Detail: detail);
            }).ToArray();
            int count = verdicts.Count(v => v.Met);
            yield return $"(a) {set}: tpe-asha reached random search's best validation accuracy within half of random's wall time on {count} of " +
                $"{pairs.Length} seed(s) ({string.Join("; ", verdicts.Select(v => v.Detail))}): " +
                (count == pairs.Length ? "met on every seed." : count > 0 ? "met on some seeds only." : "NOT met.");
        }

        var tuned = seeds.Select(s => Find(TuningArm.TpeAsha, s)).OfType<TuningRun>().ToArray();
        var defaults = seeds.Select(s => Find(TuningArm.Defaults, s)).OfType<TuningRun>().ToArray();
        if (tuned.Length == 0 || defaults.Length == 0)
        {
            yield return $"(b) {set}: the tpe-asha or the defaults arm has no run.";
            yield break;
        }
        var (tunedMean, tunedSd) = Stats(tuned.Select(r => r.TestAccuracy));
        var (defaultsMean, defaultsSd) = Stats(defaults.Select(r => r.TestAccuracy));
        int wins = seeds.Count(s => Find(TuningArm.TpeAsha, s) is { } t && Find(TuningArm.Defaults, s) is { } d && t.TestAccuracy > d.TestAccuracy);
        int paired = seeds.Count(s => Find(TuningArm.TpeAsha, s) is not null && Find(TuningArm.Defaults, s) is not null);
        double difference = tunedMean - defaultsMean, spread = Math.Max(tunedSd, defaultsSd);
        string verdict = tuned.Length < 2 || defaults.Length < 2 ? (difference > 0 ? "above, but one seed gives no spread to judge it by" : "NOT above")
            : difference > spread ? "above by more than the seeds' spread: met"
            : difference > 0 ? "above, but within the seeds' spread: not a clear win"
            : difference >= -spread ? "below, within the seeds' spread: NOT met" : "below by more than the seeds' spread: NOT met";
        yield return Invariant($"(b) {set}: tuned (tpe-asha) test accuracy {MeanSd(tuned.Select(r => r.TestAccuracy), "F4")} against the defaults' {MeanSd(defaults.Select(r => r.TestAccuracy), "F4")}, ") +
            Invariant($"{difference * 100:+0.00;-0.00;0.00} points, higher on {wins} of {paired} seed(s): {verdict}.");
    }

    private static (double Mean, double Sd) Stats(IEnumerable<double> values)
    {
        var v = values.ToArray();
        double mean = v.Average();
        return (mean, v.Length > 1 ? Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1)) : 0);
    }

    /// <summary>The mean and the sample standard deviation in <paramref name="format"/>; the mean alone for one value.</summary>
    private static string MeanSd(IEnumerable<double> values, string format)
    {
        var (mean, sd) = Stats(values);
        return values.Count() == 1 ? mean.ToString(format, CultureInfo.InvariantCulture)
            : $"{mean.ToString(format, CultureInfo.InvariantCulture)} ± {sd.ToString(format, CultureInfo.InvariantCulture)}";
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
