using System.Globalization;

namespace MLNet.Regularization.Tuning;

/// <summary>Checks the settings of samplers and pruners, with a message naming the setting, its allowed range and its value.</summary>
internal static class SettingsValidator
{
    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for <paramref name="setting"/> unless
    /// <paramref name="condition"/> holds.</summary>
    public static void Require(bool condition, string setting, string rule, object value)
    {
        if (!condition)
            throw new ArgumentOutOfRangeException(setting, value,
                string.Create(CultureInfo.InvariantCulture, $"Setting {setting} {rule}; got {value}."));
    }
}
