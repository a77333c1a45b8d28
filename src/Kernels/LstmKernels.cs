using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NotebookRnn.Kernels;

/// <summary>
/// The elementwise part of an LSTM step with Keras's defaults (σ gates, tanh cell), fused into one pass over 16
/// lanes: every value is loaded once and the cell state never leaves registers between c' and tanh(c'). Rows are
/// (4·units) gate blocks in Keras order i, f, c, o; units must pass <see cref="VectorMath.FitsLanes"/> (callers use
/// the generic per-activation path otherwise).
/// </summary>
public static class LstmKernels
{
    /// <summary>
    /// gates (n, 4u): pre-activations in, σ(i), σ(f), tanh(g), σ(o) out; c' = σ(f)·cPrev + σ(i)·tanh(g),
    /// tanhC = tanh(c'), h = σ(o)·tanh(c'). cPrev, c, tanhC, h: (n, u).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Forward(int n, int units, Span<float> gates, ReadOnlySpan<float> cPrev, Span<float> c,
        Span<float> tanhC, Span<float> h)
    {
        ref float g = ref MemoryMarshal.GetReference(gates);
        ref float cp = ref MemoryMarshal.GetReference(cPrev);
        ref float cOut = ref MemoryMarshal.GetReference(c), tc = ref MemoryMarshal.GetReference(tanhC);
        ref float hOut = ref MemoryMarshal.GetReference(h);
        nuint u = (nuint)units;
        for (nuint r = 0; r < (nuint)n; r++)
        {
            nuint gateRow = r * 4 * u, stateRow = r * u;
            for (nuint j = 0; j < u; j += VectorMath.Lanes)
            {
                nuint at = gateRow + j;
                Vector512<float> i = VectorMath.Sigmoid(Vector512.LoadUnsafe(ref g, at));
                Vector512<float> f = VectorMath.Sigmoid(Vector512.LoadUnsafe(ref g, at + u));
                Vector512<float> cell = VectorMath.Tanh(Vector512.LoadUnsafe(ref g, at + 2 * u));
                Vector512<float> o = VectorMath.Sigmoid(Vector512.LoadUnsafe(ref g, at + 3 * u));
                i.StoreUnsafe(ref g, at);
                f.StoreUnsafe(ref g, at + u);
                cell.StoreUnsafe(ref g, at + 2 * u);
                o.StoreUnsafe(ref g, at + 3 * u);
                Vector512<float> next = f * Vector512.LoadUnsafe(ref cp, stateRow + j) + i * cell;
                Vector512<float> squashed = VectorMath.Tanh(next);
                next.StoreUnsafe(ref cOut, stateRow + j);
                squashed.StoreUnsafe(ref tc, stateRow + j);
                (o * squashed).StoreUnsafe(ref hOut, stateRow + j);
            }
        }
    }

    /// <summary>
    /// Back through <see cref="Forward"/>: with dc_total = dc + dh·o·(1 - tanhC²), writes dcPrev = dc_total·f and
    /// turns the activated gates into dL/d(pre-activation) in place: di = dc_total·g·i(1 - i),
    /// df = dc_total·cPrev·f(1 - f), dg = dc_total·i·(1 - g²), do = dh·tanhC·o(1 - o). dh, dc, dcPrev: (n, u).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Backward(int n, int units, Span<float> gates, ReadOnlySpan<float> cPrev, ReadOnlySpan<float> tanhC,
        ReadOnlySpan<float> dh, ReadOnlySpan<float> dc, Span<float> dcPrev)
    {
        ref float g = ref MemoryMarshal.GetReference(gates);
        ref float cp = ref MemoryMarshal.GetReference(cPrev), tc = ref MemoryMarshal.GetReference(tanhC);
        ref float dhIn = ref MemoryMarshal.GetReference(dh), dcIn = ref MemoryMarshal.GetReference(dc);
        ref float dcOut = ref MemoryMarshal.GetReference(dcPrev);
        nuint u = (nuint)units;
        Vector512<float> one = Vector512<float>.One;
        for (nuint r = 0; r < (nuint)n; r++)
        {
            nuint gateRow = r * 4 * u, stateRow = r * u;
            for (nuint j = 0; j < u; j += VectorMath.Lanes)
            {
                nuint at = gateRow + j, s = stateRow + j;
                Vector512<float> i = Vector512.LoadUnsafe(ref g, at), f = Vector512.LoadUnsafe(ref g, at + u);
                Vector512<float> cell = Vector512.LoadUnsafe(ref g, at + 2 * u), o = Vector512.LoadUnsafe(ref g, at + 3 * u);
                Vector512<float> squashed = Vector512.LoadUnsafe(ref tc, s), dhRow = Vector512.LoadUnsafe(ref dhIn, s);
                Vector512<float> dcTotal = dhRow * o * (one - squashed * squashed) + Vector512.LoadUnsafe(ref dcIn, s);
                (dcTotal * cell * i * (one - i)).StoreUnsafe(ref g, at);
                (dcTotal * Vector512.LoadUnsafe(ref cp, s) * f * (one - f)).StoreUnsafe(ref g, at + u);
                (dcTotal * i * (one - cell * cell)).StoreUnsafe(ref g, at + 2 * u);
                (dhRow * squashed * o * (one - o)).StoreUnsafe(ref g, at + 3 * u);
                (dcTotal * f).StoreUnsafe(ref dcOut, s);
            }
        }
    }
}
