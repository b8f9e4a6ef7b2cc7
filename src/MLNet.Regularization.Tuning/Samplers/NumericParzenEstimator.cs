namespace MLNet.Regularization.Tuning;

/// <summary>
/// A Parzen estimator of one numeric range, as Optuna's <c>_ParzenEstimator</c> builds it: one normal kernel per observed
/// value, truncated to the range, plus a wide prior kernel at its centre. Log ranges work on the logarithm of the value;
/// integer ranges on [low − ½, high + ½], each integer taking the mass of its unit interval, and round their draws.
/// </summary>
internal sealed class NumericParzenEstimator
{
    private readonly SearchRange _range;
    private readonly double _low, _high;
    private readonly double[] _mus, _sigmas, _logWeights, _cumulativeWeights, _logNormalizers;

    /// <param name="range">A numeric range with <c>Low &lt; High</c>.</param>
    /// <param name="observations">Internal values, oldest trial first.</param>
    /// <param name="weights">The weight of each observation (<see cref="TpeSplit.Weights"/>).</param>
    /// <param name="priorWeight">The weight of the prior kernel.</param>
    public NumericParzenEstimator(SearchRange range, IReadOnlyList<double> observations, IReadOnlyList<double> weights, double priorWeight)
    {
        _range = range;
        (_low, _high) = range.IsInteger ? (range.Low - 0.5, range.High + 0.5) : (range.Low, range.High);
        if (range.IsLog) (_low, _high) = (Math.Log(_low), Math.Log(_high));

        // Kernels: one per observation, then the prior (alone when nothing was observed).
        int n = observations.Count;
        _mus = new double[n + 1];
        _sigmas = new double[n + 1];
        for (int i = 0; i < n; i++) _mus[i] = Transform(observations[i]);
        Bandwidths(_mus[..n], _low, _high, _sigmas);
        _mus[n] = 0.5 * (_low + _high);
        _sigmas[n] = _high - _low;

        double[] w = new double[n + 1];
        for (int i = 0; i < n; i++) w[i] = weights[i];
        w[n] = n == 0 ? 1 : priorWeight;
        double total = w.Sum();
        _logWeights = new double[n + 1];
        _cumulativeWeights = new double[n + 1];
        double sum = 0;
        for (int k = 0; k <= n; k++)
        {
            _logWeights[k] = Math.Log(w[k] / total);
            _cumulativeWeights[k] = sum += w[k] / total;
        }

        _logNormalizers = new double[_mus.Length];
        for (int k = 0; k < _mus.Length; k++)
            _logNormalizers[k] = TruncatedNormal.LogMass((_low - _mus[k]) / _sigmas[k], (_high - _mus[k]) / _sigmas[k]);
    }

    /// <summary>A draw (internal value): a kernel by weight, then a value from it.</summary>
    public double Sample(Random random)
    {
        double u = random.NextDouble();
        int k = Array.FindIndex(_cumulativeWeights, c => c > u);
        if (k < 0) k = _cumulativeWeights.Length - 1; // u at the rounding error of the last sum
        double x = TruncatedNormal.Sample(random.NextDouble(), _mus[k], _sigmas[k], _low, _high);
        if (_range.IsLog) x = Math.Exp(x);
        return _range.IsInteger
            ? Math.Clamp(Math.Round(x, MidpointRounding.AwayFromZero), _range.Low, _range.High)
            : Math.Clamp(x, _range.Low, _range.High);
    }

    /// <summary>The log-density (log-probability for integer ranges) of an internal value, up to the Jacobian of the log
    /// transform, which cancels in the ratio TPE maximizes.</summary>
    public double LogPdf(double value)
    {
        Span<double> terms = _mus.Length <= 256 ? stackalloc double[_mus.Length] : new double[_mus.Length];
        if (_range.IsInteger)
        {
            double left = Transform(value - 0.5), right = Transform(value + 0.5);
            for (int k = 0; k < _mus.Length; k++)
                terms[k] = _logWeights[k] + TruncatedNormal.LogMass((left - _mus[k]) / _sigmas[k], (right - _mus[k]) / _sigmas[k]) - _logNormalizers[k];
        }
        else
        {
            double x = Transform(value);
            for (int k = 0; k < _mus.Length; k++)
            {
                double z = (x - _mus[k]) / _sigmas[k];
                terms[k] = x < _low || x > _high ? double.NegativeInfinity
                    : _logWeights[k] - 0.5 * z * z - 0.5 * Math.Log(2 * Math.PI) - Math.Log(_sigmas[k]) - _logNormalizers[k];
            }
        }
        return LogSumExp(terms);
    }

    private double Transform(double value) => _range.IsLog ? Math.Log(value) : value;

    /// <summary>Optuna's kernel widths: the larger gap to the neighbouring observation (or bound), the outermost
    /// observations taking their inner gap (consider_endpoints=False), clipped to [(high − low) / min(100, n + 2), high − low]
    /// (the "magic clip").</summary>
    private static void Bandwidths(double[] mus, double low, double high, double[] sigmas)
    {
        int n = mus.Length;
        if (n == 0) return;
        int[] order = Enumerable.Range(0, n).OrderBy(i => mus[i]).ToArray();
        double[] sorted = new double[n + 2];
        sorted[0] = low;
        for (int i = 0; i < n; i++) sorted[i + 1] = mus[order[i]];
        sorted[n + 1] = high;
        double[] widths = new double[n];
        for (int i = 0; i < n; i++) widths[i] = Math.Max(sorted[i + 1] - sorted[i], sorted[i + 2] - sorted[i + 1]);
        if (n >= 2)
        {
            widths[0] = sorted[2] - sorted[1];
            widths[n - 1] = sorted[n] - sorted[n - 1];
        }
        double max = high - low, min = (high - low) / Math.Min(100.0, n + 2.0);
        for (int i = 0; i < n; i++) sigmas[order[i]] = Math.Clamp(widths[i], min, max);
    }

    /// <summary>log Σ e^tᵢ without overflow; -∞ when every term is.</summary>
    internal static double LogSumExp(ReadOnlySpan<double> terms)
    {
        double max = double.NegativeInfinity;
        foreach (double t in terms) max = Math.Max(max, t);
        if (double.IsNegativeInfinity(max)) return max;
        double sum = 0;
        foreach (double t in terms) sum += Math.Exp(t - max);
        return max + Math.Log(sum);
    }
}
