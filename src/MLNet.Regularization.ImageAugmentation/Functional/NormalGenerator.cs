using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MLNet.Regularization.ImageAugmentation.Functional;

/// <summary>
/// Standard normal draws eight at a time: four xoshiro256** streams side by side in one 256-bit vector give eight 32-bit
/// draws per step, and the Ziggurat's fast path (<see cref="StandardNormal"/>) accepts each lane with a table lookup and
/// a multiply. The rare lanes it rejects (about 1.2%) finish on the scalar Ziggurat with the caller's generator.
/// The streams are seeded from that generator, so the output is fixed by its state and bit-identical on every machine
/// (the vector and scalar paths compute the same values).
/// </summary>
internal struct NormalGenerator
{
    /// <summary>Draws per step; callers that split a fill into pieces keep this multiple to get the same sequence.</summary>
    public const int Width = 8;

    private readonly Random _random;
    private Vector256<ulong> _s0, _s1, _s2, _s3;

    public NormalGenerator(Random random)
    {
        _random = random;
        ulong seed = SeededRandom.Mix((ulong)random.NextInt64() ^ ((ulong)random.NextInt64() << 32));
        _s0 = NextState(ref seed);
        _s1 = NextState(ref seed);
        _s2 = NextState(ref seed);
        _s3 = NextState(ref seed);
    }

    /// <summary>Fills <paramref name="destination"/>; every call but the last on a sequence should be a multiple of <see cref="Width"/> long.</summary>
    public void Fill(Span<float> destination)
    {
        int whole = destination.Length - (destination.Length % Width);
        Fill(ref MemoryMarshal.GetReference(destination), whole);
        if (whole < destination.Length)
        {
            Span<float> step = stackalloc float[Width];
            Fill(ref MemoryMarshal.GetReference(step), Width);
            step[..(destination.Length - whole)].CopyTo(destination[whole..]);
        }
    }

    /// <summary>Fills <paramref name="count"/> values, a multiple of <see cref="Width"/>, from <paramref name="destination"/> on.</summary>
    private unsafe void Fill(ref float destination, int count)
    {
        fixed (uint* kTable = StandardNormal.Kn)
        fixed (float* wTable = StandardNormal.Wn)
        {
            Fill(ref destination, count, kTable, wTable);
        }
    }

    private unsafe void Fill(ref float destination, int count, uint* kTable, float* wTable)
    {
        // The streams live in locals in the loop, where the JIT can keep them in registers.
        Vector256<ulong> s0 = _s0, s1 = _s1, s2 = _s2, s3 = _s3;
        Vector256<int> layerMask = Vector256.Create(127);
        for (int i = 0; i < count; i += Width)
        {
            // xoshiro256** on the four streams; the multiplications by 5 and 9 as shifts and adds, which every vector unit has.
            Vector256<ulong> s1x5 = (s1 << 2) + s1;
            Vector256<ulong> rotated = (s1x5 << 7) | (s1x5 >>> 57);
            Vector256<int> hz = ((rotated << 3) + rotated).AsInt32();
            Vector256<ulong> t = s1 << 17;
            s2 ^= s0;
            s3 ^= s1;
            s1 ^= s2;
            s0 ^= s3;
            s2 ^= t;
            s3 = (s3 << 45) | (s3 >>> 19);

            (Vector256<uint> kn, Vector256<float> wn) = Layers(hz & layerMask, kTable, wTable);
            (Vector256.ConvertToSingle(hz) * wn).StoreUnsafe(ref destination, (nuint)i);

            // |hz| as unsigned: int.MinValue gives 2^31, above every table entry, so it is rejected as in the scalar code.
            uint rejected = Vector256.GreaterThanOrEqual(Vector256.Abs(hz).AsUInt32(), kn).ExtractMostSignificantBits();
            while (rejected != 0)
            {
                int lane = BitOperations.TrailingZeroCount(rejected);
                Unsafe.Add(ref destination, i + lane) = StandardNormal.Rejected(hz.GetElement(lane), _random);
                rejected &= rejected - 1;
            }
        }

        (_s0, _s1, _s2, _s3) = (s0, s1, s2, s3);
    }

    /// <summary>The Ziggurat tables' entries for eight layer indices: gathered where the hardware can, else one by one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe (Vector256<uint> Kn, Vector256<float> Wn) Layers(Vector256<int> layer, uint* k, float* w)
    {
        if (Avx2.IsSupported)
        {
            return (Avx2.GatherVector256(k, layer, 4), Avx2.GatherVector256(w, layer, 4));
        }

        int l0 = layer[0], l1 = layer[1], l2 = layer[2], l3 = layer[3], l4 = layer[4], l5 = layer[5], l6 = layer[6], l7 = layer[7];
        return (Vector256.Create(k[l0], k[l1], k[l2], k[l3], k[l4], k[l5], k[l6], k[l7]),
            Vector256.Create(w[l0], w[l1], w[l2], w[l3], w[l4], w[l5], w[l6], w[l7]));
    }

    private static Vector256<ulong> NextState(ref ulong seed) => Vector256.Create(
        SeededRandom.Mix(seed += 0x9E3779B97F4A7C15UL),
        SeededRandom.Mix(seed += 0x9E3779B97F4A7C15UL),
        SeededRandom.Mix(seed += 0x9E3779B97F4A7C15UL),
        SeededRandom.Mix(seed += 0x9E3779B97F4A7C15UL));
}
