namespace MLNet.Regularization.Tuning;

/// <summary>
/// The normal distribution truncated to [a, b] (in standard units), in log space where it matters: what the kernels of the
/// Parzen estimators of <see cref="TpeSampler"/> are. A port of Optuna's <c>_truncnorm.py</c> (itself after SciPy), with
/// erfc from fdlibm's <c>s_erf.c</c> (.NET has no erf).
/// </summary>
internal static class TruncatedNormal
{
    private static readonly double LogSqrt2Pi = 0.5 * Math.Log(2 * Math.PI);
    private static readonly double LogisticScale = Math.Sqrt(3) / Math.PI;

    /// <summary>The log-density at <paramref name="x"/> of the normal (<paramref name="mu"/>, <paramref name="sigma"/>)
    /// truncated to [<paramref name="low"/>, <paramref name="high"/>]; -∞ outside.</summary>
    public static double LogPdf(double x, double mu, double sigma, double low, double high)
    {
        if (x < low || x > high) return double.NegativeInfinity;
        double z = (x - mu) / sigma;
        return -0.5 * z * z - LogSqrt2Pi - LogMass((low - mu) / sigma, (high - mu) / sigma) - Math.Log(sigma);
    }

    /// <summary>A draw from the normal (<paramref name="mu"/>, <paramref name="sigma"/>) truncated to
    /// [<paramref name="low"/>, <paramref name="high"/>], by the inverse of its distribution function at
    /// <paramref name="quantile"/> (uniform on [0, 1)).</summary>
    public static double Sample(double quantile, double mu, double sigma, double low, double high)
    {
        double x = mu + sigma * Quantile(quantile, (low - mu) / sigma, (high - mu) / sigma);
        return Math.Clamp(x, low, high);
    }

    /// <summary>The point c with Φ(c) = Φ(a) + q (Φ(b) − Φ(a)): the inverse distribution function of the standard normal
    /// truncated to [a, b], computed in log space (Optuna's <c>ppf</c>).</summary>
    public static double Quantile(double q, double a, double b)
    {
        if (q <= 0) return a;
        if (q >= 1) return b;
        double logMass = LogMass(a, b);
        if (a < 0)
            return InverseLogNdtr(LogAddExp(LogNdtr(a), Math.Log(q) + logMass));
        // Right of the mean the left tail is more accurate: mirror.
        return -InverseLogNdtr(LogAddExp(LogNdtr(-b), Log1p(-q) + logMass));
    }

    /// <summary>log (Φ(b) − Φ(a)): the log of the standard normal's mass on [a, b].</summary>
    public static double LogMass(double a, double b)
    {
        if (b <= 0) return LogDiff(LogNdtr(b), LogNdtr(a));
        if (a > 0) return LogDiff(LogNdtr(-a), LogNdtr(-b));
        // Central: 1 minus both tails, without the cancellation of a difference of two logs near 0.
        return Log1p(-Ndtr(a) - Ndtr(-b));
    }

    /// <summary>Φ(x), the standard normal distribution function.</summary>
    public static double Ndtr(double x)
    {
        double t = x / Math.Sqrt(2);
        return t < 0 ? 0.5 * Erfc(-t) : 1 - 0.5 * Erfc(t);
    }

    /// <summary>log Φ(x), accurate in both tails.</summary>
    public static double LogNdtr(double x)
    {
        if (x > 6) return -Ndtr(-x); // log(1 - ε) = -ε to double precision.
        if (x > -20) return Math.Log(Ndtr(x));
        // Asymptotic series of the left tail: Φ(x) = φ(x)/(-x) (1 - 1/x² + 3/x⁴ - 15/x⁶ + ...).
        double logLeading = -0.5 * x * x - Math.Log(-x) - LogSqrt2Pi;
        double lastTotal = 0, total = 1, numerator = 1, denominator = 1, inverseSquare = 1 / (x * x);
        int sign = 1;
        for (int i = 1; Math.Abs(lastTotal - total) > double.Epsilon && i < 100; i++)
        {
            lastTotal = total;
            sign = -sign;
            denominator *= inverseSquare;
            numerator *= 2 * i - 1;
            total += sign * numerator * denominator;
        }
        return logLeading + Math.Log(total);
    }

    /// <summary>The x with log Φ(x) = <paramref name="y"/> (y ≤ 0), by Newton's method from a tail or logistic first guess
    /// (Optuna's <c>_ndtri_exp</c>).</summary>
    public static double InverseLogNdtr(double y)
    {
        if (double.IsNaN(y)) return double.NaN;
        if (y >= 0) return double.PositiveInfinity;
        if (double.IsNegativeInfinity(y)) return double.NegativeInfinity;
        // Near y = 0 (x large) solve for -x in the left tail instead: log Φ(-x) = log(1 - e^y).
        bool flipped = y > -1e-2;
        double z = flipped ? Math.Log(-Expm1(y)) : y;
        double x = z < -5 ? -Math.Sqrt(-2 * (z + LogSqrt2Pi)) : -LogisticScale * Math.Log(Expm1(-z));
        for (int i = 0; i < 100; i++)
        {
            double logNdtr = LogNdtr(x);
            double dx = (logNdtr - z) * Math.Exp(logNdtr - (-0.5 * x * x - LogSqrt2Pi));
            x -= dx;
            if (Math.Abs(dx) < 1e-8 * Math.Abs(x) || Math.Abs(dx) < 1e-300) break;
        }
        return flipped ? -x : x;
    }

    /// <summary>log(e^a + e^b) without overflow.</summary>
    public static double LogAddExp(double a, double b)
    {
        double max = Math.Max(a, b);
        if (double.IsNegativeInfinity(max)) return max;
        return max + Log1p(Math.Exp(Math.Min(a, b) - max));
    }

    /// <summary>log(e^p − e^q) for q ≤ p.</summary>
    private static double LogDiff(double logP, double logQ) => logP + Log1p(-Math.Exp(logQ - logP));

    /// <summary>log(1 + x), accurate for small x (.NET's LogP1 is log(1 + x) as written).</summary>
    public static double Log1p(double x)
    {
        double u = 1 + x;
        return u == 1 ? x : Math.Log(u) * x / (u - 1);
    }

    /// <summary>e^x − 1, accurate for small x.</summary>
    public static double Expm1(double x)
    {
        if (Math.Abs(x) > 0.5) return Math.Exp(x) - 1;
        double u = Math.Exp(x);
        if (u == 1) return x;
        return (u - 1) * x / Math.Log(u);
    }

    /// <summary>The complementary error function, to about one ulp (fdlibm <c>s_erf.c</c>).</summary>
    public static double Erfc(double x)
    {
        if (double.IsNaN(x)) return double.NaN;
        double ax = Math.Abs(x);
        if (ax < 0.84375)
        {
            if (ax < 1.3877787807814457e-17) return 1 - x; // 2^-56
            double z = x * x;
            double r = 1.28379167095512558561e-01 + z * (-3.25042107247001499370e-01 + z * (-2.84817495755985104766e-02
                + z * (-5.77027029648944159157e-03 + z * -2.37630166566501626084e-05)));
            double s = 1 + z * (3.97917223959155352819e-01 + z * (6.50222499887672944485e-02 + z * (5.08130628187576562776e-03
                + z * (1.32494738004321644526e-04 + z * -3.96022827877536812320e-06))));
            double y = r / s;
            if (x < 0.25) return 1 - (x + x * y);
            return 0.5 - (x * y + (x - 0.5));
        }
        if (ax < 1.25)
        {
            const double erx = 8.45062911510467529297e-01;
            double s = ax - 1;
            double p = -2.36211856075265944077e-03 + s * (4.14856118683748331666e-01 + s * (-3.72207876035701323847e-01
                + s * (3.18346619901161753674e-01 + s * (-1.10894694282396677476e-01 + s * (3.54783043256182359371e-02
                + s * -2.16637559486879084300e-03)))));
            double q = 1 + s * (1.06420880400844228286e-01 + s * (5.40397917702171048937e-01 + s * (7.18286544141962662868e-02
                + s * (1.26171219808761642112e-01 + s * (1.36370839120290507362e-02 + s * 1.19844998467991074170e-02)))));
            return x >= 0 ? 1 - erx - p / q : 1 + erx + p / q;
        }
        if (ax < 28)
        {
            if (x < -6) return 2;
            double s = 1 / (ax * ax);
            double r, t;
            if (ax < 1 / 0.35)
            {
                r = -9.86494403484714822705e-03 + s * (-6.93858572707181764372e-01 + s * (-1.05586262253232909814e01
                    + s * (-6.23753324503260060396e01 + s * (-1.62396669462573470355e02 + s * (-1.84605092906711035994e02
                    + s * (-8.12874355063065934246e01 + s * -9.81432934416914548592e00))))));
                t = 1 + s * (1.96512716674392571292e01 + s * (1.37657754143519042600e02 + s * (4.34565877475229228821e02
                    + s * (6.45387271733267880336e02 + s * (4.29008140027567833386e02 + s * (1.08635005541779435134e02
                    + s * (6.57024977031928170135e00 + s * -6.04244152148580987438e-02)))))));
            }
            else
            {
                r = -9.86494292470009928597e-03 + s * (-7.99283237680523006574e-01 + s * (-1.77579549177547519889e01
                    + s * (-1.60636384855821916062e02 + s * (-6.37566443368389627722e02 + s * (-1.02509513161107724954e03
                    + s * -4.83519191608651397019e02)))));
                t = 1 + s * (3.03380607434824582924e01 + s * (3.25792512996573918826e02 + s * (1.53672958608443695994e03
                    + s * (3.19985821950859553908e03 + s * (2.55305040643316442583e03 + s * (4.74528541206955367215e02
                    + s * -2.24409524465858183362e01))))));
            }
            // z is ax with the low 32 bits cleared, so that z² is exact and exp(-x²) keeps its precision.
            double zz = BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(ax) & unchecked((long)0xFFFFFFFF00000000UL));
            double e = Math.Exp(-zz * zz - 0.5625) * Math.Exp((zz - ax) * (zz + ax) + r / t);
            return x > 0 ? e / ax : 2 - e / ax;
        }
        return x > 0 ? 0 : 2;
    }
}
