using System.Globalization;

namespace MLNet.Regularization.Tuning;

/// <summary>
/// The values one option may take in a search: a uniform, log-uniform or integer range, or a list of choices; optionally
/// only when another option of the search has one of some values (<see cref="When"/>). Create one with the static methods
/// and put it into a <see cref="SearchSpace"/> under the option's name.
/// </summary>
/// <remarks>
/// Samplers see every range as a number (its internal value): the value itself for numeric ranges, the index of the
/// choice for <see cref="Categorical"/>.
/// </remarks>
public sealed class SearchRange
{
    private readonly object[] _choices;

    private SearchRange(SearchRangeKind kind, double low, double high, bool log, object[] choices, SearchCondition? condition)
    {
        Kind = kind;
        Low = low;
        High = high;
        IsLog = log;
        _choices = choices;
        Condition = condition;
    }

    /// <summary>Real values drawn uniformly from [<paramref name="low"/>, <paramref name="high"/>].</summary>
    public static SearchRange Uniform(double low, double high) => Numeric(SearchRangeKind.Uniform, low, high, log: false);

    /// <summary>Real values whose logarithm is uniform on [log <paramref name="low"/>, log <paramref name="high"/>]: for
    /// penalties and learning rates, whose useful values span several orders of magnitude. Both bounds must be positive.</summary>
    public static SearchRange LogUniform(double low, double high) => Numeric(SearchRangeKind.LogUniform, low, high, log: true);

    /// <summary>Whole numbers from <paramref name="low"/> to <paramref name="high"/>, both included; <paramref name="log"/>
    /// draws them log-uniformly (layer sizes, batch sizes).</summary>
    public static SearchRange Integer(int low, int high, bool log = false) => Numeric(SearchRangeKind.Integer, low, high, log);

    /// <summary>One of <paramref name="choices"/>: booleans, enum members, numbers, strings or lists of numbers.</summary>
    public static SearchRange Categorical(params object[] choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        if (choices.Length == 0)
            throw new ArgumentException("A categorical range needs at least one value; it has none.", nameof(choices));
        if (choices.Any(c => c is null))
            throw new ArgumentException("A categorical range must not hold null values.", nameof(choices));
        if (choices.Select(SearchValues.Describe).Distinct().Count() != choices.Length)
            throw new ArgumentException($"A categorical range must not repeat a value; it holds {string.Join(", ", choices.Select(SearchValues.Describe))}.", nameof(choices));
        return new SearchRange(SearchRangeKind.Categorical, 0, choices.Length - 1, false, [.. choices], null);
    }

    private static SearchRange Numeric(SearchRangeKind kind, double low, double high, bool log)
    {
        if (!double.IsFinite(low) || !double.IsFinite(high))
            throw new ArgumentException(Invariant($"A range needs finite bounds; got [{low}, {high}]."));
        if (low > high)
            throw new ArgumentException(Invariant($"A range's low bound must not exceed its high bound; got [{low}, {high}] (inverted)."));
        if (low == high)
            throw new ArgumentException(Invariant($"A range needs two different bounds; got [{low}, {high}] (empty). For a fixed value, leave the option out of the space and set it on the base options, or use Categorical({low})."));
        if (log && (low <= 0 || (kind == SearchRangeKind.Integer && low < 1)))
            throw new ArgumentException(Invariant($"A log range needs positive bounds (the logarithm of {low} is not defined); got [{low}, {high}]."));
        return new SearchRange(kind, low, high, log, [], null);
    }

    /// <summary>The same range, active only in trials where the option <paramref name="option"/> of the search takes one of
    /// <paramref name="values"/> (for example the dropout rate only when dropout is on); inactive ranges leave the option at
    /// its base value.</summary>
    public SearchRange When(string option, params object[] values)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(option);
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length == 0)
            throw new ArgumentException($"A condition on option {option} needs at least one value.", nameof(values));
        return new SearchRange(Kind, Low, High, IsLog, _choices, new SearchCondition(option, [.. values]));
    }

    /// <summary>What kind of range this is.</summary>
    public SearchRangeKind Kind { get; }

    /// <summary>The low bound (numeric ranges), or 0 (categorical).</summary>
    public double Low { get; }

    /// <summary>The high bound (numeric ranges), or the index of the last choice (categorical).</summary>
    public double High { get; }

    /// <summary>Whether values are drawn log-uniformly.</summary>
    public bool IsLog { get; }

    /// <summary>The choices of a categorical range; empty for numeric ranges.</summary>
    public IReadOnlyList<object> Choices => _choices;

    /// <summary>The condition under which the range is active, or null when it always is.</summary>
    public SearchCondition? Condition { get; }

    internal bool IsInteger => Kind == SearchRangeKind.Integer;

    internal bool IsCategorical => Kind == SearchRangeKind.Categorical;

    /// <summary>A value drawn from the prior of the range (uniform, log-uniform, or a uniform choice), as an internal value.</summary>
    internal double Sample(Random random)
    {
        switch (Kind)
        {
            case SearchRangeKind.Categorical:
                return random.Next(_choices.Length);
            case SearchRangeKind.Integer:
                // Log integers: log-uniform on [low - 1/2, high + 1/2], rounded, so that every integer keeps its share.
                return IsLog
                    ? Math.Clamp(Math.Round(Math.Exp(Math.Log(Low - 0.5) + random.NextDouble() * (Math.Log(High + 0.5) - Math.Log(Low - 0.5)))), Low, High)
                    : Low + random.Next((int)(High - Low + 1));
            default:
                return IsLog ? Math.Exp(Math.Log(Low) + random.NextDouble() * (Math.Log(High) - Math.Log(Low))) : Low + random.NextDouble() * (High - Low);
        }
    }

    /// <summary>The option value of an internal value: the choice for categorical ranges, an <see cref="int"/> for integer
    /// ranges, a <see cref="double"/> otherwise.</summary>
    internal object ToValue(double value) => Kind switch
    {
        SearchRangeKind.Categorical => _choices[(int)value],
        SearchRangeKind.Integer => (int)Math.Round(value),
        _ => value,
    };

    /// <summary>The internal value of an option value; throws when it is not in the range.</summary>
    internal double ToInternal(object value)
    {
        if (IsCategorical)
        {
            string described = SearchValues.Describe(value);
            int index = Array.FindIndex(_choices, c => SearchValues.Describe(c) == described);
            return index >= 0 ? index : throw new ArgumentException($"{described} is not one of the choices {this}.");
        }
        double number = Convert.ToDouble(value, CultureInfo.InvariantCulture);
        if (number < Low || number > High || (IsInteger && number != Math.Round(number)))
            throw new ArgumentException(Invariant($"{number} is not in the range {this}."));
        return number;
    }

    /// <summary>Whether the range is active for the internal values of the options it depends on.</summary>
    internal bool IsActive(SearchSpace space, IReadOnlyDictionary<string, double> values) =>
        Condition is not { } condition
        || (values.TryGetValue(condition.Option, out double parent)
            && condition.Values.Any(v => SearchValues.Describe(v) == SearchValues.Describe(space[condition.Option].ToValue(parent))));

    /// <inheritdoc/>
    public override string ToString()
    {
        string range = Kind switch
        {
            SearchRangeKind.Categorical => "{" + string.Join(", ", _choices.Select(SearchValues.Describe)) + "}",
            SearchRangeKind.Integer => Invariant($"integer [{Low}, {High}]{(IsLog ? " log" : "")}"),
            SearchRangeKind.LogUniform => Invariant($"log-uniform [{Low}, {High}]"),
            _ => Invariant($"uniform [{Low}, {High}]"),
        };
        return Condition is { } c ? $"{range} when {c}" : range;
    }

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}

/// <summary>The kinds of <see cref="SearchRange"/>.</summary>
public enum SearchRangeKind
{
    /// <summary>Real values, uniform.</summary>
    Uniform,
    /// <summary>Real values, log-uniform.</summary>
    LogUniform,
    /// <summary>Whole numbers.</summary>
    Integer,
    /// <summary>A list of choices.</summary>
    Categorical,
}

/// <summary>A range is active only when <paramref name="Option"/> takes one of <paramref name="Values"/>.</summary>
/// <param name="Option">The option of the same search the range depends on.</param>
/// <param name="Values">The values of that option for which the range is active.</param>
public sealed record SearchCondition(string Option, IReadOnlyList<object> Values)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Option} in {{{string.Join(", ", Values.Select(SearchValues.Describe))}}}";
}
