using Xunit;
using Xunit.Abstractions;

namespace MLNet.Regularization.Tuning.Tests;

public class TpeSamplerTests(ITestOutputHelper output)
{
    private const int Seeds = 10, Trials = 60;

    /// <summary>Four options, the optimum at learning rate 1e-3, dropout 0.7, width 20 and activation "silu"; each term is
    /// 0 at the optimum and 1 at the worst end.</summary>
    private static readonly SearchSpace Space = new()
    {
        ["LearningRate"] = SearchRange.LogUniform(1e-5, 1e-1),
        ["Dropout"] = SearchRange.Uniform(0, 1),
        ["Width"] = SearchRange.Integer(1, 64),
        ["Activation"] = SearchRange.Categorical("relu", "tanh", "silu", "gelu"),
    };

    private static readonly double[] ActivationPenalty = [0.6, 0.3, 0, 0.9];

    private static double Objective(IReadOnlyDictionary<string, double> p) =>
        Math.Pow((Math.Log10(p["LearningRate"]) + 3) / 2, 2)
        + Math.Pow((p["Dropout"] - 0.7) / 0.7, 2)
        + Math.Pow((p["Width"] - 20) / 44, 2)
        + ActivationPenalty[(int)p["Activation"]];

    /// <summary>How far a proposal is from the optimum, each option on a 0-to-1 scale (the log scale for the learning rate).</summary>
    private static double Distance(IReadOnlyDictionary<string, double> p) =>
        Math.Sqrt(Math.Pow((Math.Log10(p["LearningRate"]) + 3) / 4, 2) + Math.Pow(p["Dropout"] - 0.7, 2)
            + Math.Pow((p["Width"] - 20) / 63, 2) + (p["Activation"] == 2 ? 0 : 1));

    private (int Won, double TpeBest, double RandomBest, double TpeDistance, double RandomDistance) Compare(Direction direction)
    {
        double sign = direction == Direction.Minimize ? 1 : -1;
        int won = 0;
        double tpeBest = 0, randomBest = 0, tpeDistance = 0, randomDistance = 0;
        for (int seed = 0; seed < Seeds; seed++)
        {
            var tpe = SearchDriver.Run(new TpeSampler(), Space, p => sign * Objective(p), Trials, seed, direction);
            var random = SearchDriver.Run(new RandomSampler(), Space, p => sign * Objective(p), Trials, seed, direction);
            double bestTpe = tpe.Min(t => sign * t.Value!.Value), bestRandom = random.Min(t => sign * t.Value!.Value);
            if (bestTpe < bestRandom) won++;
            tpeBest += bestTpe / Seeds;
            randomBest += bestRandom / Seeds;
            tpeDistance += tpe.TakeLast(20).Average(t => Distance(t.Parameters)) / Seeds;
            randomDistance += random.TakeLast(20).Average(t => Distance(t.Parameters)) / Seeds;
        }
        output.WriteLine($"{direction}: TPE better in {won} of {Seeds} seeds; mean best {tpeBest:F4} (TPE) vs {randomBest:F4} (random); " +
            $"mean distance of the last 20 proposals {tpeDistance:F3} vs {randomDistance:F3}");
        return (won, tpeBest, randomBest, tpeDistance, randomDistance);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Tpe_finds_better_values_than_random_search_and_concentrates_near_the_optimum(bool maximize)
    {
        var direction = maximize ? Direction.Maximize : Direction.Minimize;
        var (won, tpeBest, randomBest, tpeDistance, randomDistance) = Compare(direction);
        Assert.True(won >= 8, $"TPE beat random search in {won} of {Seeds} seeds.");
        Assert.True(tpeBest < randomBest, $"Mean best {tpeBest} (TPE) vs {randomBest} (random).");
        Assert.True(tpeDistance < 0.8 * randomDistance, $"Mean distance of the last proposals {tpeDistance} (TPE) vs {randomDistance} (random).");
    }
}
