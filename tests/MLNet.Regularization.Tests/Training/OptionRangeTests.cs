using System.Reflection;
using Xunit;

namespace MLNet.Regularization.Tests.Training;

/// <summary>Every numeric option declares its valid values once (<see cref="OptionRangeAttribute"/>), and the trainers refuse a
/// value outside them naming the option.</summary>
public class OptionRangeTests
{
    public static TheoryData<string> OptionsTypes() => [nameof(RegularizedMlpMulticlassTrainer), nameof(RegularizedMlpRegressionTrainer), nameof(RegularizedCnnMulticlassTrainer)];

    private static RegularizedTrainerOptions Create(string trainer) => trainer switch
    {
        nameof(RegularizedMlpMulticlassTrainer) => new RegularizedMlpMulticlassTrainer.Options(),
        nameof(RegularizedMlpRegressionTrainer) => new RegularizedMlpRegressionTrainer.Options(),
        _ => new RegularizedCnnMulticlassTrainer.Options(),
    };

    private static IEnumerable<PropertyInfo> Numeric(Type type) => type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.CanWrite && (Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType) is var t
            && (t == typeof(int) || t == typeof(long) || t == typeof(double)
                || t == typeof(IReadOnlyList<int>) || t == typeof(IReadOnlyList<double>)));

    [Theory]
    [MemberData(nameof(OptionsTypes))]
    public void Every_numeric_option_declares_its_range(string trainer)
    {
        var undeclared = Numeric(Create(trainer).GetType())
            .Where(p => p.GetCustomAttribute<OptionRangeAttribute>() is null && p.Name != nameof(RegularizedTrainerOptions.Seed))
            .Select(p => p.Name).ToArray();
        Assert.Empty(undeclared);
    }

    [Theory]
    [MemberData(nameof(OptionsTypes))]
    public void A_value_outside_the_declared_range_is_refused_naming_the_option(string trainer)
    {
        foreach (var property in Numeric(Create(trainer).GetType()))
        {
            if (property.GetCustomAttribute<OptionRangeAttribute>() is not { } range) continue;
            double outside = !double.IsPositiveInfinity(range.Maximum) ? range.Maximum + (range.MaximumExclusive ? 0 : 1)
                : range.Minimum - (range.MinimumExclusive ? 0 : 1);
            var options = Create(trainer);
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            object value = type == typeof(int) ? (int)outside : type == typeof(long) ? (long)outside : type == typeof(double) ? outside
                : type == typeof(IReadOnlyList<int>) ? new[] { 8, (int)outside } : new[] { outside };
            property.SetValue(options, value);
            var error = Assert.Throws<ArgumentOutOfRangeException>(options.Validate);
            Assert.Equal(property.Name, error.ParamName);
            Assert.Contains($"Option {property.Name} must", error.Message);

            property.SetValue(options, type == typeof(double) ? double.NaN : property.GetValue(Create(trainer)));
            if (type == typeof(double)) Assert.Equal(property.Name, Assert.Throws<ArgumentOutOfRangeException>(options.Validate).ParamName);
        }
    }

    [Fact]
    public void The_rule_reads_as_the_range()
    {
        Assert.Equal("must be in [0, 1)", new OptionRangeAttribute(0, 1) { MaximumExclusive = true }.Rule(integer: false));
        Assert.Equal("must be positive and finite", new OptionRangeAttribute(0, double.PositiveInfinity) { MinimumExclusive = true }.Rule(integer: false));
        Assert.Equal("must be positive, or null to size it from the training rows",
            new OptionRangeAttribute(1, double.PositiveInfinity) { NullMeans = "to size it from the training rows" }.Rule(integer: true));
    }
}
