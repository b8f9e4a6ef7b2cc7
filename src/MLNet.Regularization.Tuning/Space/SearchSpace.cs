using System.Collections;

namespace MLNet.Regularization.Tuning;

/// <summary>
/// The options a search varies, each with its <see cref="SearchRange"/>, by option name; every other option keeps the value
/// of the base options the search starts from. Ranges are kept in the order they were added; a range that depends on
/// another (<see cref="SearchRange.When"/>) must come after it.
/// </summary>
/// <example>
/// <code>
/// var space = new SearchSpace
/// {
///     ["WeightDecay"] = SearchRange.LogUniform(1e-5, 1e-1),
///     ["Dropout"] = SearchRange.Uniform(0, 0.5),
///     ["BatchNormalization"] = SearchRange.Categorical(true, false),
/// };
/// </code>
/// </example>
public sealed class SearchSpace : IEnumerable<KeyValuePair<string, SearchRange>>
{
    private readonly List<string> _names = [];
    private readonly Dictionary<string, SearchRange> _ranges = new(StringComparer.Ordinal);

    /// <summary>An empty space.</summary>
    public SearchSpace() { }

    /// <summary>A copy of <paramref name="other"/>, to change without changing it.</summary>
    public SearchSpace(SearchSpace other)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var (name, range) in other) this[name] = range;
    }

    /// <summary>The range of option <paramref name="option"/>; setting it adds the option or replaces its range.</summary>
    public SearchRange this[string option]
    {
        get => _ranges.TryGetValue(option, out var range) ? range
            : throw new KeyNotFoundException($"The search space has no option {option}; it has {string.Join(", ", _names)}.");
        set
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(option);
            ArgumentNullException.ThrowIfNull(value);
            if (value.Condition is { } condition && !_ranges.ContainsKey(condition.Option))
                throw new ArgumentException($"The range of option {option} depends on option {condition.Option}, which is not in the search space (add it first).");
            if (_ranges.TryAdd(option, value)) _names.Add(option);
            else _ranges[option] = value;
        }
    }

    /// <summary>The option names, in order.</summary>
    public IReadOnlyList<string> Options => _names;

    /// <summary>The number of options.</summary>
    public int Count => _names.Count;

    /// <summary>Whether the space varies option <paramref name="option"/>.</summary>
    public bool Contains(string option) => _ranges.ContainsKey(option);

    /// <summary>Removes option <paramref name="option"/> and every range that depends on it; returns whether it was there.</summary>
    public bool Remove(string option)
    {
        if (!_ranges.Remove(option)) return false;
        _names.Remove(option);
        foreach (string dependent in _names.Where(n => _ranges[n].Condition?.Option == option).ToArray()) Remove(dependent);
        return true;
    }

    /// <summary>The active options of a trial and their internal values, in order: a range whose condition does not hold is
    /// left out (see <see cref="SearchRange.When"/>).</summary>
    internal IEnumerable<(string Name, SearchRange Range)> Active(IReadOnlyDictionary<string, double> values)
    {
        foreach (string name in _names)
            if (_ranges[name].IsActive(this, values)) yield return (name, _ranges[name]);
    }

    /// <summary>The option values of a trial's internal values.</summary>
    internal IReadOnlyDictionary<string, object> ToValues(IReadOnlyDictionary<string, double> values) =>
        _names.Where(values.ContainsKey).ToDictionary(n => n, n => _ranges[n].ToValue(values[n]), StringComparer.Ordinal);

    /// <summary>One line per option: what a stored search is compared by when it resumes.</summary>
    public override string ToString() => string.Join(Environment.NewLine, _names.Select(n => $"{n}: {_ranges[n]}"));

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<string, SearchRange>> GetEnumerator() =>
        _names.Select(n => new KeyValuePair<string, SearchRange>(n, _ranges[n])).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
