using MLNet.Regularization.ImageAugmentation.Functional;

namespace MLNet.Regularization.ImageAugmentation.Tests.Functional;

public class StandardNormalTests
{
    [Fact]
    public void Draws_follow_the_standard_normal_distribution()
    {
        var values = new float[1_000_000];
        ImageFunctions.FillStandardNormal(SeededRandom.Create(11), values);

        double mean = values.Average(v => (double)v);
        double variance = values.Average(v => ((double)v - mean) * ((double)v - mean));
        double Share(double limit) => values.Count(v => Math.Abs(v) < limit) / (double)values.Length;
        Assert.InRange(mean, -0.005, 0.005);
        Assert.InRange(variance, 0.99, 1.01);
        Assert.InRange(Share(1), 0.6827 - 0.002, 0.6827 + 0.002);
        Assert.InRange(Share(2), 0.9545 - 0.001, 0.9545 + 0.001);
        Assert.InRange(1 - Share(3), 0.0027 - 0.0003, 0.0027 + 0.0003);
        Assert.InRange(values.Count(v => v > 3.5) / (double)values.Length, 0.000233 - 0.0001, 0.000233 + 0.0001); // the tail beyond the base strip
        Assert.Equal(values.Count(v => v > 0), values.Length / 2.0, values.Length * 0.002);
    }

    [Fact]
    public void Neighbouring_draws_are_uncorrelated()
    {
        // Draws come eight at a time from four interleaved streams: a lane copying or trailing another would show here.
        var values = new float[1_000_000];
        ImageFunctions.FillStandardNormal(SeededRandom.Create(5), values);
        for (int lag = 1; lag <= 16; lag++)
        {
            double sum = 0;
            for (int i = lag; i < values.Length; i++) sum += (double)values[i] * values[i - lag];
            Assert.InRange(sum / (values.Length - lag), -0.005, 0.005);
        }
    }

    [Fact]
    public void Draws_are_fixed_by_the_seed_on_every_machine()
    {
        // Recorded with AVX2 and checked equal without it (DOTNET_EnableAVX2=0, DOTNET_EnableHWIntrinsic=0), where lanes are looked up one by one.
        var values = new float[12];
        ImageFunctions.FillStandardNormal(SeededRandom.Create(3), values);
        Assert.Equal(Expected, values);
    }

    private static readonly float[] Expected =
        [0.41575685f, 1.0367165f, -1.118218f, 0.15166125f, -1.1455872f, 0.8188738f, 1.3662634f, 0.6404356f, -1.368944f, -0.12983856f, 0.39627734f, -0.83828104f];
}
