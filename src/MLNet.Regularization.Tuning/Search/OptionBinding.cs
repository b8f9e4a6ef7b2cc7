using System.Collections;
using System.Globalization;
using System.Reflection;

namespace MLNet.Regularization.Tuning;

/// <summary>
/// Ties the ranges of a search space to the trainer options they set: checks, before any trial, that every name is an option
/// of the trainer, that each range suits the option's type and stays inside the option's declared valid values
/// (<see cref="OptionRangeAttribute"/>, the same declaration the trainers check); and gives each trial its options.
/// Besides the options themselves, the MLP's hidden layers can be searched as <see cref="HiddenLayerSize"/> and
/// <see cref="HiddenLayerCount"/> (layers of one size).
/// </summary>
internal static class OptionBinding
{
    /// <summary>The size of every hidden layer of the MLP (with <see cref="HiddenLayerCount"/> it sets <c>HiddenLayers</c>).</summary>
    public const string HiddenLayerSize = nameof(HiddenLayerSize);

    /// <summary>The number of hidden layers of the MLP (with <see cref="HiddenLayerSize"/> it sets <c>HiddenLayers</c>).</summary>
    public const string HiddenLayerCount = nameof(HiddenLayerCount);

    public static void Check(SearchSpace space, Type optionsType)
    {
        foreach (var (name, range) in space)
        {
            if (name is HiddenLayerSize or HiddenLayerCount && typeof(RegularizedMlpOptions).IsAssignableFrom(optionsType))
            {
                CheckRange(name, range, typeof(int), new OptionRangeAttribute(name == HiddenLayerSize ? 1 : 0, double.PositiveInfinity));
                continue;
            }
            var property = Settable(optionsType, name) ?? throw new ArgumentException(
                $"The search space names option {name}, which {optionsType.DeclaringType?.Name ?? optionsType.Name} does not have. " +
                $"Its options are: {string.Join(", ", Searchable(optionsType))}.", nameof(space));
            CheckRange(name, range, property.PropertyType, property.GetCustomAttribute<OptionRangeAttribute>());
        }
    }

    /// <summary>The option names a space can vary for <paramref name="optionsType"/>.</summary>
    public static IEnumerable<string> Searchable(Type optionsType) =>
        optionsType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is { IsPublic: true } && IsSearchable(p.PropertyType)).Select(p => p.Name)
            .Concat(typeof(RegularizedMlpOptions).IsAssignableFrom(optionsType) ? [HiddenLayerSize, HiddenLayerCount] : [])
            .Order(StringComparer.Ordinal);

    /// <summary>A copy of <paramref name="baseOptions"/> with the trial's values set.</summary>
    public static RegularizedTrainerOptions Apply(RegularizedTrainerOptions baseOptions, SearchSpace space, IReadOnlyDictionary<string, double> values)
    {
        var options = (RegularizedTrainerOptions)OptionsJson.Read(OptionsJson.Write(baseOptions));
        int? size = null, count = null;
        foreach (var (name, range) in space.Active(values))
        {
            object value = range.ToValue(values[name]);
            if (name == HiddenLayerSize) size = (int)value;
            else if (name == HiddenLayerCount) count = (int)value;
            else
            {
                var property = Settable(options.GetType(), name)!;
                property.SetValue(options, Convert(value, property.PropertyType));
            }
        }
        if ((size is not null || count is not null) && options is RegularizedMlpOptions mlp)
        {
            var layers = mlp.HiddenLayers;
            mlp.HiddenLayers = Enumerable.Repeat(size ?? (layers.Count > 0 ? layers[0] : 256), count ?? layers.Count).ToArray();
            if (mlp.Dropout.Count > 1) mlp.Dropout = [mlp.Dropout[0]];
        }
        return options;
    }

    private static PropertyInfo? Settable(Type type, string name) =>
        type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance) is { SetMethod.IsPublic: true } p && IsSearchable(p.PropertyType) ? p : null;

    private static bool IsSearchable(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t == typeof(bool) || t.IsEnum || t == typeof(int) || t == typeof(long) || t == typeof(double) || t == typeof(float)
            || t == typeof(IReadOnlyList<int>) || t == typeof(IReadOnlyList<double>);
    }

    private static void CheckRange(string name, SearchRange range, Type propertyType, OptionRangeAttribute? valid)
    {
        var type = Nullable.GetUnderlyingType(propertyType) ?? propertyType;
        if (range.IsCategorical)
        {
            foreach (object choice in range.Choices)
            {
                if (!Fits(choice, type))
                    throw new ArgumentException($"The search range of option {name} holds {SearchValues.Describe(choice)} ({choice.GetType().Name}), " +
                        $"which option {name} ({Describe(type)}) cannot take.");
                var outside = valid is null ? [] : Numbers(choice).Where(v => !valid.Contains(v)).ToArray();
                if (outside.Length > 0)
                    throw new ArgumentException(FormattableString.Invariant(
                        $"The search range of option {name} holds {outside[0]}, outside the option's valid values {valid}."));
            }
            return;
        }
        bool integerOption = type == typeof(int) || type == typeof(long) || type == typeof(IReadOnlyList<int>);
        bool realOption = type == typeof(double) || type == typeof(float) || type == typeof(IReadOnlyList<double>);
        if (!(realOption || (integerOption && range.IsInteger)))
            throw new ArgumentException($"Option {name} ({Describe(type)}) cannot take values from a {range.Kind} range; " +
                (integerOption ? "use SearchRange.Integer." : "use SearchRange.Categorical with its values."));
        if (valid is not null && !(valid.Contains(range.Low) && valid.Contains(range.High)))
            throw new ArgumentException(FormattableString.Invariant(
                $"The search range of option {name}, [{range.Low}, {range.High}], goes outside the option's valid values {valid}."));
    }

    private static bool Fits(object choice, Type type) => choice switch
    {
        bool => type == typeof(bool),
        Enum e => e.GetType() == type,
        int => type == typeof(int) || type == typeof(long) || type == typeof(double) || type == typeof(float) || type == typeof(IReadOnlyList<double>),
        double or float => type == typeof(double) || type == typeof(float) || type == typeof(IReadOnlyList<double>),
        IEnumerable<int> => type == typeof(IReadOnlyList<int>),
        IEnumerable<double> => type == typeof(IReadOnlyList<double>),
        _ => false,
    };

    private static IEnumerable<double> Numbers(object choice) => choice switch
    {
        int or double or float => [System.Convert.ToDouble(choice, CultureInfo.InvariantCulture)],
        IEnumerable list and not string => list.Cast<object>().Select(v => System.Convert.ToDouble(v, CultureInfo.InvariantCulture)),
        _ => [],
    };

    private static object? Convert(object value, Type propertyType)
    {
        var type = Nullable.GetUnderlyingType(propertyType) ?? propertyType;
        return value switch
        {
            _ when type == typeof(IReadOnlyList<double>) => value is IEnumerable<double> list ? list.ToArray() : new[] { System.Convert.ToDouble(value, CultureInfo.InvariantCulture) },
            _ when type == typeof(IReadOnlyList<int>) => ((IEnumerable<int>)value).ToArray(),
            bool or Enum => value,
            _ => System.Convert.ChangeType(value, type, CultureInfo.InvariantCulture),
        };
    }

    private static string Describe(Type type) => type == typeof(IReadOnlyList<int>) ? "a list of whole numbers"
        : type == typeof(IReadOnlyList<double>) ? "a list of numbers" : type.Name;
}
