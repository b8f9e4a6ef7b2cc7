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

    [Fact]
    public void Conditional_options_are_proposed_only_when_active_and_tuned_where_they_are()
    {
        var space = new SearchSpace
        {
            ["LearningRate"] = SearchRange.LogUniform(1e-5, 1e-1),
            ["Dropout"] = SearchRange.Categorical(false, true),
            ["DropoutRate"] = SearchRange.Uniform(0, 0.8).When("Dropout", true),
        };
        static double Objective(IReadOnlyDictionary<string, double> p) =>
            Math.Pow((Math.Log10(p["LearningRate"]) + 3) / 2, 2) + (p["Dropout"] == 1 ? Math.Pow((p["DropoutRate"] - 0.3) / 0.5, 2) : 0.3);

        int won = 0;
        double onShare = 0, tpeBest = 0, randomBest = 0;
        for (int seed = 0; seed < Seeds; seed++)
        {
            var tpe = SearchDriver.Run(new TpeSampler(), space, Objective, Trials, seed);
            var random = SearchDriver.Run(new RandomSampler(), space, Objective, Trials, seed);
            foreach (var trial in tpe.Concat(random))
                Assert.Equal(trial.Parameters["Dropout"] == 1, trial.Parameters.ContainsKey("DropoutRate"));
            double bestTpe = tpe.Min(t => t.Value!.Value), bestRandom = random.Min(t => t.Value!.Value);
            if (bestTpe < bestRandom) won++;
            tpeBest += bestTpe / Seeds;
            randomBest += bestRandom / Seeds;
            onShare += tpe.TakeLast(20).Count(t => t.Parameters["Dropout"] == 1) / 20.0 / Seeds;
        }
        output.WriteLine($"Conditional: TPE better in {won} of {Seeds} seeds; mean best {tpeBest:F4} (TPE) vs {randomBest:F4} (random); " +
            $"dropout on in {onShare:P0} of its last 20 proposals");
        Assert.True(won >= 7, $"TPE beat random search in {won} of {Seeds} seeds.");
        Assert.True(tpeBest < 0.7 * randomBest, $"Mean best {tpeBest} (TPE) vs {randomBest} (random).");
        Assert.True(onShare > 0.7, $"Dropout on in {onShare:P0} of the last proposals.");
    }

    [Fact]
    public void The_same_seed_and_history_give_the_same_proposal_and_other_seeds_differ()
    {
        var history = SearchDriver.Run(new TpeSampler(), Space, Objective, 20, seed: 5);
        var sampler = new TpeSampler();
        var first = sampler.Propose(Space, history, 20, Direction.Minimize, 5);
        Assert.Equal(first, sampler.Propose(Space, history, 20, Direction.Minimize, 5));
        Assert.Equal(first, new TpeSampler().Propose(Space, history.AsEnumerable().Reverse().ToList(), 20, Direction.Minimize, 5));
        Assert.NotEqual(first, sampler.Propose(Space, history, 20, Direction.Minimize, 6));
        Assert.NotEqual(first, sampler.Propose(Space, history, 21, Direction.Minimize, 5));
    }

    [Fact]
    public void Proposals_are_the_same_in_every_process()
    {
        // Pinned: a trial's generator must not depend on a per-process hash seed.
        var proposal = new RandomSampler().Propose(new SearchSpace { ["X"] = SearchRange.Uniform(0, 1) }, [], 0, Direction.Minimize, 42);
        Assert.Equal(0.88071710890192401, proposal["X"]);
    }

    [Fact]
    public void Startup_trials_are_random_and_running_failed_or_waiting_trials_do_not_end_the_startup()
    {
        var sampler = new TpeSampler { StartupTrials = 3 };
        var space = new SearchSpace { ["X"] = SearchRange.Uniform(0, 1) };
        var unfinished = new List<TrialRecord>
        {
            SearchDriver.Running(0, new Dictionary<string, double> { ["X"] = 0.5 }),
            new(1, 1, TrialState.Failed, new Dictionary<string, double> { ["X"] = 0.5 }, null, [], 0, "diverged", "test", null),
            new(2, 2, TrialState.Waiting, new Dictionary<string, double> { ["X"] = 0.5 }, null, [], 0, null, "", null),
        };
        Assert.Equal(new RandomSampler().Propose(space, unfinished, 3, Direction.Minimize, 1), sampler.Propose(space, unfinished, 3, Direction.Minimize, 1));
    }

    [Fact]
    public void Constant_liar_keeps_parallel_proposals_away_from_the_running_trials()
    {
        var space = new SearchSpace { ["X"] = SearchRange.Uniform(0, 1), ["Y"] = SearchRange.Uniform(0, 1) };
        static double Objective(IReadOnlyDictionary<string, double> p) => Math.Pow(p["X"] - 0.3, 2) + Math.Pow(p["Y"] - 0.6, 2);
        static double Gap(IReadOnlyDictionary<string, double> a, IReadOnlyDictionary<string, double> b) =>
            Math.Sqrt(Math.Pow(a["X"] - b["X"], 2) + Math.Pow(a["Y"] - b["Y"], 2));

        double Spread(bool liar, int seed)
        {
            var sampler = new TpeSampler { ConstantLiar = liar };
            var history = SearchDriver.Run(sampler, space, Objective, 15, seed);
            // Five workers started trials 15 to 19 from the same 15 complete trials: they sit in the promising region.
            var running = Enumerable.Range(15, 5).Select(n => SearchDriver.Running(n, sampler.Propose(space, history, n, Direction.Minimize, seed))).ToList();
            history.AddRange(running);
            var proposals = new List<IReadOnlyDictionary<string, double>>();
            for (int n = 20; n < 24; n++)
            {
                var proposal = sampler.Propose(space, history, n, Direction.Minimize, seed);
                Assert.DoesNotContain(running, r => Gap(r.Parameters, proposal) == 0);
                proposals.Add(proposal);
                history.Add(SearchDriver.Running(n, proposal));
            }
            Assert.True(proposals.Distinct().Count() > 1);
            // How close each proposal comes to a trial running when it was proposed.
            return proposals.Select((p, i) => history.Where(t => t.State == TrialState.Running && t.Number < 20 + i).Min(t => Gap(t.Parameters, p))).Average();
        }

        double withLiar = Enumerable.Range(0, Seeds).Average(seed => Spread(true, seed));
        double without = Enumerable.Range(0, Seeds).Average(seed => Spread(false, seed));
        output.WriteLine($"Constant liar: mean gap to the nearest running trial {withLiar:F3} with the liar, {without:F3} without");
        Assert.True(withLiar > 1.5 * without, $"Mean gap to the nearest running trial {withLiar} (liar) vs {without} (no liar).");
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(10.0)]
    public void Proposals_stay_in_their_ranges_for_any_prior_weight(double priorWeight)
    {
        var space = new SearchSpace(Space) { ["Layers"] = SearchRange.Integer(1, 1000, log: true) };
        var history = SearchDriver.Run(new TpeSampler { PriorWeight = priorWeight, StartupTrials = 3 }, space, Objective, 40, seed: 9);
        foreach (var trial in history)
            foreach (var (name, range) in space)
            {
                double value = trial.Parameters[name];
                Assert.InRange(value, range.Low, range.High);
                if (range.IsInteger || range.IsCategorical) Assert.Equal(Math.Round(value), value);
            }
    }
}
