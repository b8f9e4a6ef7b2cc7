using System.Globalization;
using System.Reflection;

namespace MLNet.Regularization.Benchmarks;

/// <summary>
/// One "Option=value" of <c>--mlp-arm</c> or <c>--cnn-accuracy --set</c>, set by reflection on a trainer's options. Values:
/// int, double, bool, enum names, nullable of those ("null" for none), and lists of int or double written as 256,256 (empty
/// for an empty list). An option only some of the options types have (LabelSmoothing: classification) is left out for the others.
/// </summary>
internal sealed record OptionAssignment(string Option, string Value)
{
    /// <summary>The options types of the three MLP tasks.</summary>
    public static readonly Type[] MlpOptionsTypes =
        [typeof(RegularizedMlpBinaryTrainer.Options), typeof(RegularizedMlpMulticlassTrainer.Options), typeof(RegularizedMlpRegressionTrainer.Options)];

    /// <summary>Parses "Option=value" and checks it against <paramref name="optionsTypes"/>; throws <see cref="ArgumentException"/>
    /// naming the option when none of them has it or the value does not fit its type.</summary>
    public static OptionAssignment Parse(string text, params Type[] optionsTypes)
    {
        int equals = text.IndexOf('=');
        if (equals <= 0)
            throw new ArgumentException($"'{text}' is not Option=value.");
        var assignment = new OptionAssignment(text[..equals].Trim(), text[(equals + 1)..].Trim());
        var properties = optionsTypes.Select(assignment.Property).OfType<PropertyInfo>().ToArray();
        if (properties.Length == 0)
            throw new ArgumentException($"unknown option {assignment.Option}; the options are: " +
                string.Join(", ", optionsTypes.SelectMany(t => t.GetProperties()).Where(p => p.CanWrite && Settable(p.PropertyType)).Select(p => p.Name).Distinct().Order()) + ".");
        foreach (var property in properties)
            ConvertValue(property, assignment.Value);
        return assignment;
    }

    /// <summary>Whether the options of the given type have this option.</summary>
    public bool AppliesTo(Type optionsType) => Property(optionsType) is not null;

    /// <summary>Sets the option on <paramref name="options"/>; does nothing when their type does not have it.</summary>
    public void ApplyTo(RegularizedTrainerOptions options)
    {
        if (Property(options.GetType()) is PropertyInfo property)
            property.SetValue(options, ConvertValue(property, Value));
    }

    public override string ToString() => $"{Option}={Value}";

    private PropertyInfo? Property(Type optionsType) =>
        optionsType.GetProperty(Option, BindingFlags.Public | BindingFlags.Instance) is { CanWrite: true } property ? property : null;

    /// <summary>Whether <see cref="ConvertValue"/> can make a value of <paramref name="type"/>.</summary>
    private static bool Settable(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type.IsEnum || type == typeof(int) || type == typeof(double) || type == typeof(bool)
            || type == typeof(IReadOnlyList<int>) || type == typeof(IReadOnlyList<double>);
    }

    private static object? ConvertValue(PropertyInfo property, string value)
    {
        var declared = property.PropertyType;
        var underlying = Nullable.GetUnderlyingType(declared);
        if (underlying is not null && value.Equals("null", StringComparison.OrdinalIgnoreCase))
            return null;
        var type = underlying ?? declared;
        try
        {
            if (type == typeof(IReadOnlyList<int>))
                return value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            if (type == typeof(IReadOnlyList<double>))
                return value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            if (type.IsEnum)
                return Enum.TryParse(type, value, ignoreCase: true, out var member) && Enum.IsDefined(type, member!)
                    ? member
                    : throw new FormatException($"allowed: {string.Join(", ", Enum.GetNames(type))}");
            if (type == typeof(int)) return int.Parse(value, CultureInfo.InvariantCulture);
            if (type == typeof(double)) return double.Parse(value, CultureInfo.InvariantCulture);
            if (type == typeof(bool)) return bool.Parse(value);
        }
        catch (FormatException e)
        {
            throw new ArgumentException($"{property.Name}={value}: not a valid {TypeName(declared)} ({e.Message}).", e);
        }
        catch (OverflowException e)
        {
            throw new ArgumentException($"{property.Name}={value}: out of the range of {TypeName(declared)}.", e);
        }
        throw new ArgumentException($"{property.Name} has type {TypeName(declared)}, which --mlp-arm cannot set.");
    }

    private static string TypeName(Type type) =>
        Nullable.GetUnderlyingType(type) is Type underlying ? TypeName(underlying) + "?"
        : type.IsGenericType ? $"{type.Name[..type.Name.IndexOf('`')]}<{string.Join(", ", type.GetGenericArguments().Select(TypeName))}>"
        : type.Name;
}
