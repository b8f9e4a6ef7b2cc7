using System.Globalization;

namespace MLNet.Regularization.Tuning;

/// <summary>The points of the grid of <see cref="GridSampler"/>: per range, then every combination, with the ranges that
/// are inactive in a combination left out (so a conditional range does not multiply the combinations where it is off).</summary>
internal static class GridPoints
{
    /// <summary>The most points a grid may have.</summary>
    public const int MaxPoints = 100_000;

    /// <summary>The internal values of one range on the grid, ascending: <paramref name="perRange"/> evenly spaced values
    /// (geometrically for log ranges), the distinct rounded ones for integer ranges, every choice of a categorical one.</summary>
    public static double[] Of(SearchRange range, int perRange)
    {
        if (range.IsCategorical) return Enumerable.Range(0, range.Choices.Count).Select(i => (double)i).ToArray();
        if (range.Low == range.High) return [range.Low];
        var points = new double[perRange];
        for (int i = 0; i < perRange; i++)
        {
            double t = (double)i / (perRange - 1);
            double x = range.IsLog
                ? Math.Exp(Math.Log(range.Low) + t * (Math.Log(range.High) - Math.Log(range.Low)))
                : range.Low + t * (range.High - range.Low);
            points[i] = i == 0 ? range.Low : i == perRange - 1 ? range.High : Math.Clamp(x, range.Low, range.High);
        }
        return range.IsInteger
            ? points.Select(p => Math.Clamp(Math.Round(p, MidpointRounding.AwayFromZero), range.Low, range.High)).Distinct().ToArray()
            : points;
    }

    /// <summary>Every point of the grid, as internal values in the order of <see cref="SearchSpace.Options"/>, NaN where
    /// the range is inactive. Throws when there are more than <see cref="MaxPoints"/>.</summary>
    public static List<double[]> Enumerate(SearchSpace space, int perRange)
    {
        var options = space.Options;
        var combinations = new List<double[]> { Enumerable.Repeat(double.NaN, options.Count).ToArray() };
        for (int i = 0; i < options.Count; i++)
        {
            var range = space[options[i]];
            double[] points = Of(range, perRange);
            int parent = range.Condition is { } c ? IndexOf(options, c.Option) : -1;
            var next = new List<double[]>();
            foreach (double[] partial in combinations)
            {
                bool active = parent < 0 || (!double.IsNaN(partial[parent])
                    && range.IsActive(space, new Dictionary<string, double> { [options[parent]] = partial[parent] }));
                if (!active)
                {
                    next.Add(partial);
                    continue;
                }
                foreach (double point in points)
                {
                    double[] extended = (double[])partial.Clone();
                    extended[i] = point;
                    next.Add(extended);
                }
                if (next.Count > MaxPoints)
                    throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                        $"The grid of the search space has more than {MaxPoints} points (PointsPerRange = {perRange}, {options.Count} options); lower PointsPerRange, search fewer options, or use TpeSampler or RandomSampler."));
            }
            combinations = next;
        }
        return combinations;
    }

    /// <summary>A text that is the same for a grid point and for the parameters of a trial that tried it.</summary>
    public static string Key(double[] point) => string.Join("|", point.Select(Format));

    /// <summary>The <see cref="Key(double[])"/> of a trial's parameters.</summary>
    public static string Key(IReadOnlyList<string> options, IReadOnlyDictionary<string, double> parameters) =>
        string.Join("|", options.Select(o => parameters.TryGetValue(o, out double v) ? Format(v) : "-"));

    private static string Format(double value) => double.IsNaN(value) ? "-" : value.ToString("G12", CultureInfo.InvariantCulture);

    private static int IndexOf(IReadOnlyList<string> options, string option)
    {
        for (int i = 0; i < options.Count; i++)
            if (options[i] == option) return i;
        return -1;
    }
}
