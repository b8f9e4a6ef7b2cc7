namespace MLNet.Regularization.ImageAugmentation.Tests.Transforms;

public class SeededRandomTests
{
    [Fact]
    public void The_same_seed_gives_the_same_sequence_and_draws_stay_in_range()
    {
        var a = SeededRandom.Create(7);
        var b = SeededRandom.Create(7);
        var c = SeededRandom.Create(8);
        var first = Enumerable.Range(0, 1000).Select(_ => a.NextDouble()).ToArray();
        Assert.Equal(first, Enumerable.Range(0, 1000).Select(_ => b.NextDouble()));
        Assert.NotEqual(first, Enumerable.Range(0, 1000).Select(_ => c.NextDouble()));
        Assert.All(first, v => Assert.InRange(v, 0, 1 - 1e-17));
        Assert.InRange(first.Average(), 0.47, 0.53);

        var ints = Enumerable.Range(0, 10_000).Select(_ => a.Next(-3, 4)).ToArray();
        Assert.Equal(7, ints.Distinct().Count());
        Assert.All(ints, v => Assert.InRange(v, -3, 3));
        Assert.All(Enumerable.Range(0, 1000).Select(_ => a.Next(5)), v => Assert.InRange(v, 0, 4));
    }
}
