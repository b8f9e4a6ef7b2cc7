using System.Collections;
using System.Reflection;

namespace MLNet.Regularization.Training;

/// <summary>Checks every option that declares its valid values (<see cref="OptionRangeAttribute"/>), with a message naming the
/// option, the rule and the value.</summary>
internal static class OptionRanges
{
    /// <summary>The declared range of option <paramref name="name"/> of <paramref name="optionsType"/>, or null.</summary>
    public static OptionRangeAttribute? Of(Type optionsType, string name) =>
        optionsType.GetProperty(name, BindingFlags.Public | BindingFlags.Instance)?.GetCustomAttribute<OptionRangeAttribute>();

    public static void Check(object options)
    {
        foreach (var property in options.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetCustomAttribute<OptionRangeAttribute>() is not { } range) continue;
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            object? value = property.GetValue(options);
            if (value is null && type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type)) continue; // the architecture's own check names the list
            if (value is null)
            {
                if (range.NullMeans is null)
                    throw new ArgumentNullException(property.Name, $"Option {property.Name} {range.Rule(IsInteger(type))}; got null.");
                continue;
            }
            if (value is IEnumerable list)
            {
                var elements = list.Cast<object>().ToArray();
                OptionsValidator.Require(elements.All(e => range.Contains(Convert.ToDouble(e, System.Globalization.CultureInfo.InvariantCulture))),
                    property.Name, $"must hold only values in {range}", string.Join(", ", elements));
                continue;
            }
            OptionsValidator.Require(range.Contains(Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture)), property.Name,
                range.Rule(IsInteger(type)), value);
        }
    }

    private static bool IsInteger(Type type) => type == typeof(int) || type == typeof(long);
}
