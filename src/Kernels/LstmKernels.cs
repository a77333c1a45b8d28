using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NotebookRnn.Kernels;

/// <summary>
/// The elementwise part of an LSTM step with Keras's defaults (σ gates, tanh cell), fused into one pass: every value
/// is loaded once and the cell state never leaves registers between c' and tanh(c'). Rows are (4·units) gate blocks in
/// Keras order i, f, c, o. Runs on 16 lanes with AVX-512F when units is whole 16-lane vectors, else on 8 (AVX2 and FMA,
/// or AVX-512F); units must be a multiple of <see cref="VectorMath.Lanes256"/>, and callers use the generic
/// per-activation path unless <see cref="VectorMath.FitsLanes"/> says the units fit.
/// </summary>
public static class LstmKernels
{
    /// <summary>
    /// gates (n, 4u): pre-activations in, σ(i), σ(f), tanh(g), σ(o) out; c' = σ(f)·cPrev + σ(i)·tanh(g),
    /// tanhC = tanh(c'), h = σ(o)·tanh(c'). cPrev, c, tanhC, h: (n, u).
    /// </summary>
    /// <exception cref="ArgumentException">A span is shorter than its shape, or units is not a multiple of 8.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> or <paramref name="units"/> is negative.</exception>
    /// <exception cref="PlatformNotSupportedException">Neither AVX-512F nor AVX2 with FMA.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Forward(int n, int units, Span<float> gates, ReadOnlySpan<float> cPrev, Span<float> c,
        Span<float> tanhC, Span<float> h)
    {
        int lanes = FusedGates.Lanes(n, units, "LSTM");
        long gateValues = (long)n * 4 * units, stateValues = (long)n * units;
        Lengths.AtLeast(gates.Length, gateValues, nameof(gates), "n·4·units");
        Lengths.AtLeast(cPrev.Length, stateValues, nameof(cPrev), "n·units");
        Lengths.AtLeast(c.Length, stateValues, nameof(c), "n·units");
        Lengths.AtLeast(tanhC.Length, stateValues, nameof(tanhC), "n·units");
        Lengths.AtLeast(h.Length, stateValues, nameof(h), "n·units");
        if (lanes == VectorMath.Lanes) Forward<Vector512<float>, Simd512>(n, units, gates, cPrev, c, tanhC, h);
        else Forward<Vector256<float>, Simd256>(n, units, gates, cPrev, c, tanhC, h);
    }

    /// <summary>
    /// Back through <see cref="Forward(int, int, Span{float}, ReadOnlySpan{float}, Span{float}, Span{float}, Span{float})"/>:
    /// with dc_total = dc + dh·o·(1 - tanhC²), writes dcPrev = dc_total·f and turns the activated gates into
    /// dL/d(pre-activation) in place: di = dc_total·g·i(1 - i), df = dc_total·cPrev·f(1 - f), dg = dc_total·i·(1 - g²),
    /// do = dh·tanhC·o(1 - o). gates (n, 4u); cPrev, tanhC, dh, dc, dcPrev: (n, u).
    /// </summary>
    /// <exception cref="ArgumentException">A span is shorter than its shape, or units is not a multiple of 8.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> or <paramref name="units"/> is negative.</exception>
    /// <exception cref="PlatformNotSupportedException">Neither AVX-512F nor AVX2 with FMA.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Backward(int n, int units, Span<float> gates, ReadOnlySpan<float> cPrev, ReadOnlySpan<float> tanhC,
        ReadOnlySpan<float> dh, ReadOnlySpan<float> dc, Span<float> dcPrev)
    {
        int lanes = FusedGates.Lanes(n, units, "LSTM");
        long gateValues = (long)n * 4 * units, stateValues = (long)n * units;
        Lengths.AtLeast(gates.Length, gateValues, nameof(gates), "n·4·units");
        Lengths.AtLeast(cPrev.Length, stateValues, nameof(cPrev), "n·units");
        Lengths.AtLeast(tanhC.Length, stateValues, nameof(tanhC), "n·units");
        Lengths.AtLeast(dh.Length, stateValues, nameof(dh), "n·units");
        Lengths.AtLeast(dc.Length, stateValues, nameof(dc), "n·units");
        Lengths.AtLeast(dcPrev.Length, stateValues, nameof(dcPrev), "n·units");
        if (lanes == VectorMath.Lanes) Backward<Vector512<float>, Simd512>(n, units, gates, cPrev, tanhC, dh, dc, dcPrev);
        else Backward<Vector256<float>, Simd256>(n, units, gates, cPrev, tanhC, dh, dc, dcPrev);
    }

    /// <summary>Forward on a chosen vector width (the public overload picks the widest; tests run each).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Forward<TVector, TSimd>(int n, int units, Span<float> gates, ReadOnlySpan<float> cPrev, Span<float> c,
        Span<float> tanhC, Span<float> h) where TVector : struct where TSimd : ISimd<TVector>
    {
        ref float g = ref MemoryMarshal.GetReference(gates);
        ref float cp = ref MemoryMarshal.GetReference(cPrev);
        ref float cOut = ref MemoryMarshal.GetReference(c), tc = ref MemoryMarshal.GetReference(tanhC);
        ref float hOut = ref MemoryMarshal.GetReference(h);
        nuint u = (nuint)units;
        for (nuint r = 0; r < (nuint)n; r++)
        {
            nuint gateRow = r * 4 * u, stateRow = r * u;
            for (nuint j = 0; j < u; j += (nuint)TSimd.Count)
            {
                nuint at = gateRow + j, s = stateRow + j;
                TVector i = VectorMath.Sigmoid<TVector, TSimd>(TSimd.Load(ref g, at));
                TVector f = VectorMath.Sigmoid<TVector, TSimd>(TSimd.Load(ref g, at + u));
                TVector cell = VectorMath.Tanh<TVector, TSimd>(TSimd.Load(ref g, at + 2 * u));
                TVector o = VectorMath.Sigmoid<TVector, TSimd>(TSimd.Load(ref g, at + 3 * u));
                TSimd.Store(i, ref g, at);
                TSimd.Store(f, ref g, at + u);
                TSimd.Store(cell, ref g, at + 2 * u);
                TSimd.Store(o, ref g, at + 3 * u);
                TVector next = TSimd.Add(TSimd.Multiply(f, TSimd.Load(ref cp, s)), TSimd.Multiply(i, cell));
                TVector squashed = VectorMath.Tanh<TVector, TSimd>(next);
                TSimd.Store(next, ref cOut, s);
                TSimd.Store(squashed, ref tc, s);
                TSimd.Store(TSimd.Multiply(o, squashed), ref hOut, s);
            }
        }
    }

    /// <summary>Backward on a chosen vector width (the public overload picks the widest; tests run each).</summary>
    // Products are formed left to right, as the per-activation path forms them.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Backward<TVector, TSimd>(int n, int units, Span<float> gates, ReadOnlySpan<float> cPrev,
        ReadOnlySpan<float> tanhC, ReadOnlySpan<float> dh, ReadOnlySpan<float> dc, Span<float> dcPrev)
        where TVector : struct where TSimd : ISimd<TVector>
    {
        ref float g = ref MemoryMarshal.GetReference(gates);
        ref float cp = ref MemoryMarshal.GetReference(cPrev), tc = ref MemoryMarshal.GetReference(tanhC);
        ref float dhIn = ref MemoryMarshal.GetReference(dh), dcIn = ref MemoryMarshal.GetReference(dc);
        ref float dcOut = ref MemoryMarshal.GetReference(dcPrev);
        nuint u = (nuint)units;
        TVector one = TSimd.One;
        for (nuint r = 0; r < (nuint)n; r++)
        {
            nuint gateRow = r * 4 * u, stateRow = r * u;
            for (nuint j = 0; j < u; j += (nuint)TSimd.Count)
            {
                nuint at = gateRow + j, s = stateRow + j;
                TVector i = TSimd.Load(ref g, at), f = TSimd.Load(ref g, at + u);
                TVector cell = TSimd.Load(ref g, at + 2 * u), o = TSimd.Load(ref g, at + 3 * u);
                TVector squashed = TSimd.Load(ref tc, s), dhRow = TSimd.Load(ref dhIn, s);
                TVector dcTotal = TSimd.Add(
                    TSimd.Multiply(TSimd.Multiply(dhRow, o), TSimd.Subtract(one, TSimd.Multiply(squashed, squashed))),
                    TSimd.Load(ref dcIn, s));
                TSimd.Store(TSimd.Multiply(TSimd.Multiply(TSimd.Multiply(dcTotal, cell), i), TSimd.Subtract(one, i)), ref g, at);
                TSimd.Store(TSimd.Multiply(TSimd.Multiply(TSimd.Multiply(dcTotal, TSimd.Load(ref cp, s)), f), TSimd.Subtract(one, f)),
                    ref g, at + u);
                TSimd.Store(TSimd.Multiply(TSimd.Multiply(dcTotal, i), TSimd.Subtract(one, TSimd.Multiply(cell, cell))), ref g, at + 2 * u);
                TSimd.Store(TSimd.Multiply(TSimd.Multiply(TSimd.Multiply(dhRow, squashed), o), TSimd.Subtract(one, o)), ref g, at + 3 * u);
                TSimd.Store(TSimd.Multiply(dcTotal, f), ref dcOut, s);
            }
        }
    }
}
