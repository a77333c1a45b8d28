using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NotebookRnn.Kernels;

/// <summary>
/// The elementwise part of a reset-after GRU step (Keras 3's default and PyTorch's GRU) with σ gates and a tanh
/// candidate, fused into one pass. Rows are (3·units) gate blocks in Keras order z, r, h. Runs on 16 lanes with
/// AVX-512F when units is whole 16-lane vectors, else on 8 (AVX2 and FMA); units must be a multiple of
/// <see cref="VectorMath.Lanes256"/>, and callers use the generic per-activation path unless
/// <see cref="VectorMath.FitsLanes"/> says the units fit.
/// </summary>
public static class GruKernels
{
    /// <summary>
    /// gates (n, 3u) hold x·W + b and projection (n, 3u) holds h·U + b_rec: z = σ(gz + pz), r = σ(gr + pr),
    /// h̃ = tanh(gh + r·ph), h = z·hPrev + (1 - z)·h̃. gates get z, r, h̃; candidate (n, u) keeps ph for the
    /// backward; hPrev, h: (n, u).
    /// </summary>
    /// <exception cref="ArgumentException">A span is shorter than its shape, or units is not a multiple of 8.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> or <paramref name="units"/> is negative.</exception>
    /// <exception cref="PlatformNotSupportedException">Neither AVX-512F nor AVX2 with FMA.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Forward(int n, int units, Span<float> gates, ReadOnlySpan<float> projection, ReadOnlySpan<float> hPrev,
        Span<float> candidate, Span<float> h)
    {
        int lanes = FusedGates.Lanes(n, units, "GRU");
        long gateValues = (long)n * 3 * units, stateValues = (long)n * units;
        Lengths.AtLeast(gates.Length, gateValues, nameof(gates), "n·3·units");
        Lengths.AtLeast(projection.Length, gateValues, nameof(projection), "n·3·units");
        Lengths.AtLeast(hPrev.Length, stateValues, nameof(hPrev), "n·units");
        Lengths.AtLeast(candidate.Length, stateValues, nameof(candidate), "n·units");
        Lengths.AtLeast(h.Length, stateValues, nameof(h), "n·units");
        if (lanes == VectorMath.Lanes) Forward<Vector512<float>, Simd512>(n, units, gates, projection, hPrev, candidate, h);
        else Forward<Vector256<float>, Simd256>(n, units, gates, projection, hPrev, candidate, h);
    }

    /// <summary>
    /// Back through <see cref="Forward(int, int, Span{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, Span{float})"/>:
    /// with dh̃ = dh·(1 - z)·(1 - h̃²), turns gates into dz = dh·(hPrev - h̃)·z(1 - z), dr = dh̃·ph·r(1 - r), dh̃ (the input
    /// projection's gradients), writes the recurrent projection's gradients [dz, dr, dh̃·r] into recurrentGradients
    /// (n, 3u) and dhPrev = dh·z (the direct part; the caller adds the product with Uᵀ). gates (n, 3u); candidate,
    /// hPrev, dh, dhPrev: (n, u).
    /// </summary>
    /// <exception cref="ArgumentException">A span is shorter than its shape, or units is not a multiple of 8.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> or <paramref name="units"/> is negative.</exception>
    /// <exception cref="PlatformNotSupportedException">Neither AVX-512F nor AVX2 with FMA.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Backward(int n, int units, Span<float> gates, ReadOnlySpan<float> candidate, ReadOnlySpan<float> hPrev,
        ReadOnlySpan<float> dh, Span<float> recurrentGradients, Span<float> dhPrev)
    {
        int lanes = FusedGates.Lanes(n, units, "GRU");
        long gateValues = (long)n * 3 * units, stateValues = (long)n * units;
        Lengths.AtLeast(gates.Length, gateValues, nameof(gates), "n·3·units");
        Lengths.AtLeast(candidate.Length, stateValues, nameof(candidate), "n·units");
        Lengths.AtLeast(hPrev.Length, stateValues, nameof(hPrev), "n·units");
        Lengths.AtLeast(dh.Length, stateValues, nameof(dh), "n·units");
        Lengths.AtLeast(recurrentGradients.Length, gateValues, nameof(recurrentGradients), "n·3·units");
        Lengths.AtLeast(dhPrev.Length, stateValues, nameof(dhPrev), "n·units");
        if (lanes == VectorMath.Lanes) Backward<Vector512<float>, Simd512>(n, units, gates, candidate, hPrev, dh, recurrentGradients, dhPrev);
        else Backward<Vector256<float>, Simd256>(n, units, gates, candidate, hPrev, dh, recurrentGradients, dhPrev);
    }

    /// <summary>Forward on a chosen vector width (the public overload picks the widest; tests run each).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Forward<TVector, TSimd>(int n, int units, Span<float> gates, ReadOnlySpan<float> projection,
        ReadOnlySpan<float> hPrev, Span<float> candidate, Span<float> h) where TVector : struct where TSimd : ISimd<TVector>
    {
        ref float g = ref MemoryMarshal.GetReference(gates);
        ref float p = ref MemoryMarshal.GetReference(projection);
        ref float hp = ref MemoryMarshal.GetReference(hPrev);
        ref float cand = ref MemoryMarshal.GetReference(candidate), hOut = ref MemoryMarshal.GetReference(h);
        nuint u = (nuint)units;
        TVector one = TSimd.One;
        for (nuint row = 0; row < (nuint)n; row++)
        {
            nuint gateRow = row * 3 * u, stateRow = row * u;
            for (nuint j = 0; j < u; j += (nuint)TSimd.Count)
            {
                nuint at = gateRow + j, s = stateRow + j;
                TVector z = VectorMath.Sigmoid<TVector, TSimd>(TSimd.Add(TSimd.Load(ref g, at), TSimd.Load(ref p, at)));
                TVector r = VectorMath.Sigmoid<TVector, TSimd>(TSimd.Add(TSimd.Load(ref g, at + u), TSimd.Load(ref p, at + u)));
                TVector recurrent = TSimd.Load(ref p, at + 2 * u);
                TVector proposal = VectorMath.Tanh<TVector, TSimd>(TSimd.Add(TSimd.Load(ref g, at + 2 * u), TSimd.Multiply(r, recurrent)));
                TSimd.Store(z, ref g, at);
                TSimd.Store(r, ref g, at + u);
                TSimd.Store(proposal, ref g, at + 2 * u);
                TSimd.Store(recurrent, ref cand, s);
                TVector next = TSimd.Add(TSimd.Multiply(z, TSimd.Load(ref hp, s)), TSimd.Multiply(TSimd.Subtract(one, z), proposal));
                TSimd.Store(next, ref hOut, s);
            }
        }
    }

    /// <summary>Backward on a chosen vector width (the public overload picks the widest; tests run each).</summary>
    // Products are formed left to right, as the per-activation path forms them.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Backward<TVector, TSimd>(int n, int units, Span<float> gates, ReadOnlySpan<float> candidate,
        ReadOnlySpan<float> hPrev, ReadOnlySpan<float> dh, Span<float> recurrentGradients, Span<float> dhPrev)
        where TVector : struct where TSimd : ISimd<TVector>
    {
        ref float g = ref MemoryMarshal.GetReference(gates), rec = ref MemoryMarshal.GetReference(recurrentGradients);
        ref float cand = ref MemoryMarshal.GetReference(candidate), hp = ref MemoryMarshal.GetReference(hPrev);
        ref float dhIn = ref MemoryMarshal.GetReference(dh), dhOut = ref MemoryMarshal.GetReference(dhPrev);
        nuint u = (nuint)units;
        TVector one = TSimd.One;
        for (nuint row = 0; row < (nuint)n; row++)
        {
            nuint gateRow = row * 3 * u, stateRow = row * u;
            for (nuint j = 0; j < u; j += (nuint)TSimd.Count)
            {
                nuint at = gateRow + j, s = stateRow + j;
                TVector z = TSimd.Load(ref g, at), r = TSimd.Load(ref g, at + u);
                TVector proposal = TSimd.Load(ref g, at + 2 * u), dhRow = TSimd.Load(ref dhIn, s);
                TVector dProposal = TSimd.Multiply(TSimd.Multiply(dhRow, TSimd.Subtract(one, z)),
                    TSimd.Subtract(one, TSimd.Multiply(proposal, proposal)));
                TVector dz = TSimd.Multiply(TSimd.Multiply(TSimd.Multiply(dhRow, TSimd.Subtract(TSimd.Load(ref hp, s), proposal)), z),
                    TSimd.Subtract(one, z));
                TVector dr = TSimd.Multiply(TSimd.Multiply(TSimd.Multiply(dProposal, TSimd.Load(ref cand, s)), r), TSimd.Subtract(one, r));
                TSimd.Store(dz, ref g, at);
                TSimd.Store(dr, ref g, at + u);
                TSimd.Store(dProposal, ref g, at + 2 * u);
                TSimd.Store(dz, ref rec, at);
                TSimd.Store(dr, ref rec, at + u);
                TSimd.Store(TSimd.Multiply(dProposal, r), ref rec, at + 2 * u);
                TSimd.Store(TSimd.Multiply(dhRow, z), ref dhOut, s);
            }
        }
    }
}
