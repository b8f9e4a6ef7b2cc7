using MLNet.Regularization.ImageAugmentation.Functional;

namespace MLNet.Regularization.ImageAugmentation.Transforms;

/// <summary>
/// Symmetric Dirichlet draws from a seeded generator: independent Gamma(alpha, 1) draws normalized to sum to 1 (a Beta
/// draw is the first of two). Gamma by Marsaglia and Tsang (2000) with <see cref="StandardNormal"/> normals, and for
/// alpha &lt; 1 the boost <c>Gamma(alpha + 1) U^(1 / alpha)</c>; the draws are kept as logarithms and normalized by their
/// largest, so that tiny alphas (whose draws underflow) still give weights that sum to 1.
/// </summary>
internal static class Dirichlet
{
    public static void Sample(Random random, double alpha, Span<double> weights)
    {
        double largest = double.NegativeInfinity;
        for (int i = 0; i < weights.Length; i++)
        {
            weights[i] = LogGamma(random, alpha);
            largest = Math.Max(largest, weights[i]);
        }

        double sum = 0;
        for (int i = 0; i < weights.Length; i++)
        {
            weights[i] = Math.Exp(weights[i] - largest);
            sum += weights[i];
        }

        for (int i = 0; i < weights.Length; i++) weights[i] /= sum;
    }

    /// <summary>The logarithm of one Gamma(alpha, 1) draw.</summary>
    private static double LogGamma(Random random, double alpha)
    {
        if (alpha < 1)
        {
            double boost = Math.Log(1.0 - random.NextDouble()) / alpha;   // log U^(1/alpha), U in (0, 1]
            return LogGamma(random, alpha + 1) + boost;
        }

        double d = alpha - (1.0 / 3.0), c = 1.0 / Math.Sqrt(9.0 * d);
        while (true)
        {
            double x = StandardNormal.Next(random);
            double v = 1.0 + (c * x);
            if (v <= 0) continue;
            v = v * v * v;
            double u = 1.0 - random.NextDouble();
            if (Math.Log(u) < (0.5 * x * x) + d - (d * v) + (d * Math.Log(v))) return Math.Log(d) + Math.Log(v);
        }
    }
}
