using System.Globalization;

namespace MLNet.Regularization;

/// <summary>
/// The valid values of a numeric option, declared once on the option: the trainers check options against it when they are
/// created, and the tuner (MLNet.Regularization.Tuning) checks search ranges against it. On a list option (layer sizes,
/// dropout per layer) it applies to every element. Infinite bounds are open; values must be finite.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = true)]
public sealed class OptionRangeAttribute(double minimum, double maximum) : Attribute
{
    /// <summary>The smallest valid value (or the bound just below it, see <see cref="MinimumExclusive"/>).</summary>
    public double Minimum { get; } = minimum;

    /// <summary>The largest valid value (or the bound just above it, see <see cref="MaximumExclusive"/>).</summary>
    public double Maximum { get; } = maximum;

    /// <summary>Whether <see cref="Minimum"/> itself is outside the range.</summary>
    public bool MinimumExclusive { get; init; }

    /// <summary>Whether <see cref="Maximum"/> itself is outside the range.</summary>
    public bool MaximumExclusive { get; init; }

    /// <summary>What <see langword="null"/> means for a nullable option ("to size it from the training rows"); null when the option
    /// takes no null.</summary>
    public string? NullMeans { get; init; }

    /// <summary>Whether <paramref name="value"/> is finite and in the range.</summary>
    public bool Contains(double value) =>
        double.IsFinite(value)
        && (MinimumExclusive ? value > Minimum : value >= Minimum)
        && (MaximumExclusive ? value < Maximum : value <= Maximum);

    /// <summary>The rule in words, as option errors give it: "must be in [0, 1)", "must not be negative", "must be positive".</summary>
    public string Rule(bool integer)
    {
        string rule = (Minimum, MinimumExclusive, Maximum) switch
        {
            (0, false, double.PositiveInfinity) => "must not be negative",
            (0, true, double.PositiveInfinity) => integer ? "must be positive" : "must be positive and finite",
            (1, false, double.PositiveInfinity) when integer => "must be positive",
            (var low, false, double.PositiveInfinity) => $"must be at least {Format(low)}",
            _ => $"must be in {this}",
        };
        return NullMeans is null ? rule : $"{rule}, or null {NullMeans}";
    }

    /// <summary>The range in interval notation: "[0, 1)".</summary>
    public override string ToString() =>
        $"{(MinimumExclusive ? "(" : "[")}{Format(Minimum)}, {Format(Maximum)}{(MaximumExclusive ? ")" : "]")}";

    private static string Format(double value) => double.IsPositiveInfinity(value) ? "∞" : value.ToString("R", CultureInfo.InvariantCulture);
}
