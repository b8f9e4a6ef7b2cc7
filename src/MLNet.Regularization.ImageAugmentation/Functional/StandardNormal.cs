namespace MLNet.Regularization.ImageAugmentation.Functional;

/// <summary>
/// Standard normal draws by the Ziggurat method (Marsaglia and Tsang, 2000, 128 layers): one 32-bit draw, a table
/// lookup and a multiply for about 99% of the values, an exact rejection step for the rest. Several times faster than
/// Box-Muller's logarithm and sine per pair.
/// </summary>
internal static class StandardNormal
{
    private const double R = 3.442619855899;
    /// <summary>The fast path accepts a draw <c>hz</c> of layer <c>hz &amp; 127</c> when <c>|hz| &lt; Kn[layer]</c>, as <c>hz * Wn[layer]</c>.</summary>
    internal static readonly uint[] Kn = new uint[128];

    /// <summary>The scale of each layer (see <see cref="Kn"/>).</summary>
    internal static readonly float[] Wn = new float[128];

    private static readonly float[] Fn = new float[128];

    static StandardNormal()
    {
        const double m1 = 2147483648.0, vn = 9.91256303526217e-3;
        double dn = R, tn = dn;
        double q = vn / Math.Exp(-0.5 * dn * dn);
        Kn[0] = (uint)(dn / q * m1);
        Kn[1] = 0;
        Wn[0] = (float)(q / m1);
        Wn[127] = (float)(dn / m1);
        Fn[0] = 1f;
        Fn[127] = (float)Math.Exp(-0.5 * dn * dn);
        for (int i = 126; i >= 1; i--)
        {
            dn = Math.Sqrt(-2 * Math.Log(vn / dn + Math.Exp(-0.5 * dn * dn)));
            Kn[i + 1] = (uint)(dn / tn * m1);
            tn = dn;
            Fn[i] = (float)Math.Exp(-0.5 * dn * dn);
            Wn[i] = (float)(dn / m1);
        }
    }

    /// <summary>One draw from N(0, 1), using 32 random bits per try from <see cref="Random.NextInt64()"/>.</summary>
    public static float Next(Random random)
    {
        int hz = (int)random.NextInt64();
        int iz = hz & 127;
        return (uint)Math.Abs((long)hz) < Kn[iz] ? hz * Wn[iz] : Rejected(hz, random);
    }

    /// <summary>
    /// The rest of the algorithm for a 32-bit draw <paramref name="hz"/> that the fast path rejected: the wedge or tail test,
    /// and, if that fails too, a fresh draw from <paramref name="random"/>.
    /// </summary>
    public static float Rejected(int hz, Random random)
    {
        int iz = hz & 127;
        float x = hz * Wn[iz];
        if (iz == 0)
        {
            // The base strip's tail beyond R, by Marsaglia's exponential rejection.
            double tx, ty;
            do
            {
                tx = -Math.Log(1 - random.NextDouble()) / R;
                ty = -Math.Log(1 - random.NextDouble());
            }
            while (ty + ty < tx * tx);
            return (float)(hz > 0 ? R + tx : -R - tx);
        }

        return Fn[iz] + random.NextDouble() * (Fn[iz - 1] - Fn[iz]) < Math.Exp(-0.5 * x * x) ? x : Next(random);
    }
}
