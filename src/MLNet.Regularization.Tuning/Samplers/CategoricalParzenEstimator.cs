namespace MLNet.Regularization.Tuning;

/// <summary>
/// A Parzen estimator of one categorical range, as Optuna's <c>_ParzenEstimator</c> builds it: each observation is a kernel
/// putting mass 1 on its choice plus <c>priorWeight / (n + 1)</c> on every choice (normalized), the prior a uniform kernel,
/// mixed with the observation weights. Since every kernel is a distribution over the same choices, the mixture is kept as
/// one probability per choice.
/// </summary>
internal sealed class CategoricalParzenEstimator
{
    private readonly double[] _probabilities;

    /// <param name="choices">The number of choices.</param>
    /// <param name="observations">Observed choice indices, oldest trial first.</param>
    /// <param name="weights">The weight of each observation (<see cref="TpeSplit.Weights"/>).</param>
    /// <param name="priorWeight">The weight of the prior kernel.</param>
    public CategoricalParzenEstimator(int choices, IReadOnlyList<double> observations, IReadOnlyList<double> weights, double priorWeight)
    {
        int n = observations.Count;
        _probabilities = new double[choices];
        if (n == 0)
        {
            Array.Fill(_probabilities, 1.0 / choices);
            return;
        }
        double total = weights.Take(n).Sum() + priorWeight;
        double smoothing = priorWeight / (n + 1);
        // The prior kernel: uniform (all of its mass is smoothing); its row sum is priorWeight, or 0 when that is 0.
        if (priorWeight > 0)
            for (int c = 0; c < choices; c++) _probabilities[c] += priorWeight / total / choices;
        double rowSum = 1 + smoothing * choices;
        for (int i = 0; i < n; i++)
        {
            double share = weights[i] / total;
            for (int c = 0; c < choices; c++) _probabilities[c] += share * smoothing / rowSum;
            _probabilities[(int)observations[i]] += share / rowSum;
        }
    }

    /// <summary>A draw: a choice index.</summary>
    public double Sample(Random random)
    {
        double u = random.NextDouble(), sum = 0;
        for (int c = 0; c < _probabilities.Length; c++)
            if (u < (sum += _probabilities[c])) return c;
        return Array.FindLastIndex(_probabilities, p => p > 0); // u at the rounding error of the last sum
    }

    /// <summary>The log-probability of a choice index.</summary>
    public double LogPdf(double value) => Math.Log(_probabilities[(int)value]);
}
