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
}
