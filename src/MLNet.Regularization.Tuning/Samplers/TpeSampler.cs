namespace MLNet.Regularization.Tuning;

/// <summary>
/// The tree-structured Parzen estimator (Bergstra et al. 2011), as Optuna's <c>TPESampler</c> runs it by default
/// (independent sampling): after <see cref="StartupTrials"/> random trials, the finished trials are split into the best
/// ⌈10 %⌉ (at most 25) and the rest; for each option, one density is fitted to its values in the best trials, l(x), and one
/// to its values in the rest, g(x); of <see cref="Candidates"/> values drawn from l(x), the one with the largest
/// l(x) / g(x) is tried next.
/// </summary>
/// <remarks>
/// <para>Numeric options use a mixture of normal kernels truncated to the range (on the logarithm for log ranges; integers
/// round), one per trial with a width from the gaps to its neighbours, plus a prior kernel as wide as the range; categorical
/// options a smoothed frequency of each choice. Each option is fitted only on the trials where it was active, so conditional
/// options (<see cref="SearchRange.When"/>) are handled.</para>
/// <para>Pruned trials count as worse than every complete one, those that got further first. Failed and waiting trials are
/// ignored. With <see cref="ConstantLiar"/>, trials still running in other workers count among the worse trials, so that
/// parallel workers do not all try the same promising region.</para>
/// </remarks>
public sealed class TpeSampler : Sampler
{
    /// <summary>Default values of the settings (Optuna's).</summary>
    public static class Defaults
    {
        /// <summary>Default number of random trials before the estimators take over.</summary>
        public const int StartupTrials = 10;
        /// <summary>Default number of candidates drawn from l(x) per option.</summary>
        public const int Candidates = 24;
        /// <summary>Default weight of the prior kernel.</summary>
        public const double PriorWeight = 1.0;
        /// <summary>Default for counting running trials as bad ones.</summary>
        public const bool ConstantLiar = true;
    }

    /// <summary>The number of complete or pruned trials before which options are drawn at random from their ranges.
    /// At least 0.</summary>
    /// <value>The default value is 10.</value>
    public int StartupTrials { get; set; } = Defaults.StartupTrials;

    /// <summary>The number of values drawn from the density of the good trials, l(x), among which the one with the best
    /// ratio l(x) / g(x) is chosen: more exploits more. At least 1.</summary>
    /// <value>The default value is 24.</value>
    public int Candidates { get; set; } = Defaults.Candidates;

    /// <summary>The weight of the prior (a kernel as wide as the range, or uniform over the choices) against a weight of
    /// about 1 per trial: larger values explore more. At least 0.</summary>
    /// <value>The default value is 1.</value>
    public double PriorWeight { get; set; } = Defaults.PriorWeight;

    /// <summary>Whether trials that other workers are running count as bad ones (Optuna's <c>constant_liar</c>), so that
    /// parallel workers spread out instead of proposing the same values.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool ConstantLiar { get; set; } = Defaults.ConstantLiar;

    internal override void Validate()
    {
        SettingsValidator.Require(StartupTrials >= 0, nameof(StartupTrials), "must be at least 0", StartupTrials);
        SettingsValidator.Require(Candidates >= 1, nameof(Candidates), "must be at least 1", Candidates);
        SettingsValidator.Require(PriorWeight >= 0 && double.IsFinite(PriorWeight), nameof(PriorWeight),
            "must be a finite number, at least 0", PriorWeight);
    }

    internal override IReadOnlyDictionary<string, double> Propose(SearchSpace space, IReadOnlyList<TrialRecord> history,
        int number, Direction direction, int seed)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(history);
        var random = TrialRandom(seed, number);
        var values = new Dictionary<string, double>(StringComparer.Ordinal);

        int finished = history.Count(t => t.Number != number && t.State is TrialState.Complete or TrialState.Pruned);
        if (finished < StartupTrials)
        {
            foreach (var (name, range) in space.Active(values)) values[name] = range.Sample(random);
            return values;
        }

        var (below, above) = TpeSplit.Split(history.Where(t => t.Number != number
            && (t.State is TrialState.Complete or TrialState.Pruned || (ConstantLiar && t.State == TrialState.Running))), direction);
        foreach (var (name, range) in space.Active(values))
            values[name] = Choose(name, range, below, above, random);
        return values;
    }

    /// <summary>The candidate from l(x) with the largest log l(x) − log g(x), for one option.</summary>
    private double Choose(string name, SearchRange range, List<TrialRecord> below, List<TrialRecord> above, Random random)
    {
        if (range.Low == range.High) return range.Low;
        var (l, g) = (Fit(range, Observations(name, range, below)), Fit(range, Observations(name, range, above)));
        double best = double.NaN, bestScore = double.NegativeInfinity;
        for (int i = 0; i < Candidates; i++)
        {
            double candidate = l.Sample(random);
            double score = l.LogPdf(candidate) - g.LogPdf(candidate);
            if (double.IsNaN(best) || score > bestScore) (best, bestScore) = (candidate, score);
        }
        return best;
    }

    private (Func<Random, double> Sample, Func<double, double> LogPdf) Fit(SearchRange range, List<double> observations)
    {
        double[] weights = TpeSplit.Weights(observations.Count);
        if (range.IsCategorical)
        {
            var categorical = new CategoricalParzenEstimator(range.Choices.Count, observations, weights, PriorWeight);
            return (categorical.Sample, categorical.LogPdf);
        }
        var numeric = new NumericParzenEstimator(range, observations, weights, PriorWeight);
        return (numeric.Sample, numeric.LogPdf);
    }

    /// <summary>The option's internal values in the trials where it was active and in its range, in trial order.</summary>
    private static List<double> Observations(string name, SearchRange range, List<TrialRecord> trials)
    {
        var observed = new List<double>(trials.Count);
        foreach (var trial in trials)
            if (trial.Parameters.TryGetValue(name, out double value) && InRange(range, value))
                observed.Add(value);
        return observed;
    }

    private static bool InRange(SearchRange range, double value) =>
        value >= range.Low && value <= range.High && (!range.IsCategorical || value == Math.Floor(value));
}
