using System.Collections;
using System.Globalization;

namespace MLNet.Regularization.Tuning;

/// <summary>One text per option value, the same on every machine: how values are compared, shown and stored.</summary>
internal static class SearchValues
{
    public static string Describe(object? value) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        Enum e => e.ToString(),
        string s => s,
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable list => "[" + string.Join(", ", list.Cast<object>().Select(Describe)) + "]",
        _ => value.ToString() ?? "",
    };
}
