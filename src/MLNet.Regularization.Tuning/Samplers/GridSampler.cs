namespace MLNet.Regularization.Tuning;

/// <summary>
/// Tries every combination of a grid over the search space once, in a seeded random order: numeric ranges contribute
/// <see cref="PointsPerRange"/> evenly spaced values (geometrically spaced for log ranges; integer ranges their distinct
/// rounded values), categorical ranges every choice; a conditional range adds its values only to the combinations where it
/// is active. Each trial takes the first combination of the order that no trial in the store has tried yet (whatever its
/// state), so parallel workers do not repeat one; once all are tried, the order starts again.
/// </summary>
/// <remarks>The search caps its trial budget at the size of the grid. A grid may have at most 100,000 points.</remarks>
public sealed class GridSampler : Sampler
{
    /// <summary>Default values of the settings.</summary>
    public static class Defaults
    {
        /// <summary>Default number of values per numeric range.</summary>
        public const int PointsPerRange = 5;
    }

    /// <summary>The number of evenly spaced values each numeric range contributes to the grid, its bounds included
    /// (fewer for integer ranges with fewer integers). At least 2.</summary>
    /// <value>The default value is 5.</value>
    public int PointsPerRange { get; set; } = Defaults.PointsPerRange;

    internal override void Validate() =>
        SettingsValidator.Require(PointsPerRange >= 2, nameof(PointsPerRange), "must be at least 2", PointsPerRange);

    /// <summary>The number of points of the grid over <paramref name="space"/>.</summary>
    internal int GridSize(SearchSpace space)
    {
        ArgumentNullException.ThrowIfNull(space);
        return GridPoints.Enumerate(space, PointsPerRange).Count;
    }

    internal override IReadOnlyDictionary<string, double> Propose(SearchSpace space, IReadOnlyList<TrialRecord> history,
        int number, Direction direction, int seed)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(history);
        var options = space.Options;
        var grid = GridPoints.Enumerate(space, PointsPerRange);

        // One order for every worker and trial of the search: seeded by the search alone (trial numbers are never negative).
        var random = TrialRandom(seed, -1);
        int[] order = Enumerable.Range(0, grid.Count).ToArray();
        random.Shuffle(order);

        var uses = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var trial in history)
        {
            if (trial.Number == number) continue;
            string key = GridPoints.Key(options, trial.Parameters);
            uses[key] = uses.GetValueOrDefault(key) + 1;
        }

        // The first point of the order among the least used: an untried one while there are any, then round after round.
        int chosen = order[0], fewest = int.MaxValue;
        foreach (int index in order)
        {
            int used = uses.GetValueOrDefault(GridPoints.Key(grid[index]));
            if (used < fewest) (chosen, fewest) = (index, used);
            if (used == 0) break;
        }

        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        for (int i = 0; i < options.Count; i++)
            if (!double.IsNaN(grid[chosen][i])) values[options[i]] = grid[chosen][i];
        return values;
    }
}
