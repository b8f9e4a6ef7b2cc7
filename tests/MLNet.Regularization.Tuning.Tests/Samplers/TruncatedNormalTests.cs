using Xunit;

namespace MLNet.Regularization.Tuning.Tests;

/// <summary>The truncated normal math of the TPE kernels against values computed with mpmath at 40 digits.</summary>
public class TruncatedNormalTests
{
    [Theory]
    [InlineData(0.1, 0.8875370839817151)]
    [InlineData(0.5, 0.47950012218695346)]
    [InlineData(0.9, 0.20309178757716786)]
    [InlineData(2, 0.0046777349810472658)]
    [InlineData(3, 2.2090496998585441e-5)]
    [InlineData(5, 1.5374597944280349e-12)]
    [InlineData(10, 2.0884875837625448e-45)]
    [InlineData(20, 5.3958656116079009e-176)]
    [InlineData(-0.3, 1.3286267594591274)]
    [InlineData(-1, 1.8427007929497149)]
    [InlineData(-3, 1.9999779095030014)]
    public void Erfc_matches_to_double_precision(double x, double expected) =>
        Assert.Equal(expected, TruncatedNormal.Erfc(x), expected * 1e-14);

    [Theory]
    [InlineData(-50, -1254.8313611394199)]
    [InlineData(-30, -454.3212439563432)]
    [InlineData(-21, -224.46571583141447)]
    [InlineData(-10, -53.231285150512471)]
    [InlineData(-1, -1.8410216450092635)]
    [InlineData(0, -0.69314718055994531)]
    [InlineData(3, -0.0013508099647481938)]
    [InlineData(7, -1.279812543886654e-12)]
    public void Log_of_the_normal_distribution_function_is_accurate_in_both_tails(double x, double expected) =>
        Assert.Equal(expected, TruncatedNormal.LogNdtr(x), Math.Abs(expected) * 1e-12);

    [Theory]
    [InlineData(0.3, -2, 1.5, -0.53627882337429528, -0.093824350733989967)]
    [InlineData(0.9, 0.5, 4, 1.8679824587844541, -1.1760144164199799)]
    [InlineData(0.5, -40, -35, -35.019782496307178, -616.97510126192251)]
    [InlineData(0.2, -0.01, 0.02, -0.0040001439871270717, -4.4255464290246865)]
    public void Truncated_quantile_and_mass_match(double q, double a, double b, double quantile, double logMass)
    {
        Assert.Equal(quantile, TruncatedNormal.Quantile(q, a, b), 1e-7 * Math.Max(1, Math.Abs(quantile)));
        Assert.Equal(logMass, TruncatedNormal.LogMass(a, b), 1e-10 * Math.Max(1, Math.Abs(logMass)));
    }

    [Fact]
    public void Draws_stay_in_the_bounds_and_follow_the_density()
    {
        var random = new Random(3);
        // N(0.9, 0.5) on [0, 1]: about 66 % of its mass is above 0.6.
        double[] draws = Enumerable.Range(0, 20000).Select(_ => TruncatedNormal.Sample(random.NextDouble(), 0.9, 0.5, 0, 1)).ToArray();
        Assert.All(draws, d => Assert.InRange(d, 0, 1));
        double expected = Math.Exp(TruncatedNormal.LogMass((0.6 - 0.9) / 0.5, (1 - 0.9) / 0.5) - TruncatedNormal.LogMass(-0.9 / 0.5, 0.1 / 0.5));
        Assert.Equal(expected, draws.Count(d => d > 0.6) / 20000.0, 0.01);
        // The density integrates to 1.
        double integral = Enumerable.Range(0, 10000).Sum(i => Math.Exp(TruncatedNormal.LogPdf((i + 0.5) / 10000, 0.9, 0.5, 0, 1)) / 10000);
        Assert.Equal(1, integral, 1e-6);
    }
}
