using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NotebookRnn.Kernels;

/// <summary>
/// The elementwise part of a reset-after GRU step (Keras 3's default and PyTorch's GRU) with σ gates and a tanh
/// candidate, fused into one pass over 16 lanes. Rows are (3·units) gate blocks in Keras order z, r, h; units must
/// pass <see cref="VectorMath.FitsLanes"/> (callers use the generic per-activation path otherwise).
/// </summary>
public static class GruKernels
{
    /// <summary>
    /// gates (n, 3u) hold x·W + b and projection (n, 3u) holds h·U + b_rec: z = σ(gz + pz), r = σ(gr + pr),
    /// h̃ = tanh(gh + r·ph), h = z·hPrev + (1 - z)·h̃. gates get z, r, h̃; candidate (n, u) keeps ph for the
    /// backward; hPrev, h: (n, u).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Forward(int n, int units, Span<float> gates, ReadOnlySpan<float> projection, ReadOnlySpan<float> hPrev,
        Span<float> candidate, Span<float> h)
    {
        ref float g = ref MemoryMarshal.GetReference(gates);
        ref float p = ref MemoryMarshal.GetReference(projection);
        ref float hp = ref MemoryMarshal.GetReference(hPrev);
        ref float cand = ref MemoryMarshal.GetReference(candidate), hOut = ref MemoryMarshal.GetReference(h);
        nuint u = (nuint)units;
        for (nuint row = 0; row < (nuint)n; row++)
        {
            nuint gateRow = row * 3 * u, stateRow = row * u;
            for (nuint j = 0; j < u; j += VectorMath.Lanes)
            {
                nuint at = gateRow + j, s = stateRow + j;
                Vector512<float> z = VectorMath.Sigmoid(Vector512.LoadUnsafe(ref g, at) + Vector512.LoadUnsafe(ref p, at));
                Vector512<float> r = VectorMath.Sigmoid(Vector512.LoadUnsafe(ref g, at + u) + Vector512.LoadUnsafe(ref p, at + u));
                Vector512<float> recurrent = Vector512.LoadUnsafe(ref p, at + 2 * u);
                Vector512<float> proposal = VectorMath.Tanh(Vector512.LoadUnsafe(ref g, at + 2 * u) + r * recurrent);
                z.StoreUnsafe(ref g, at);
                r.StoreUnsafe(ref g, at + u);
                proposal.StoreUnsafe(ref g, at + 2 * u);
                recurrent.StoreUnsafe(ref cand, s);
                (z * Vector512.LoadUnsafe(ref hp, s) + (Vector512<float>.One - z) * proposal).StoreUnsafe(ref hOut, s);
            }
        }
    }

    /// <summary>
    /// Back through <see cref="Forward"/>: with dh̃ = dh·(1 - z)·(1 - h̃²), turns gates into
    /// dz = dh·(hPrev - h̃)·z(1 - z), dr = dh̃·ph·r(1 - r), dh̃ (the input projection's gradients), writes the
    /// recurrent projection's gradients [dz, dr, dh̃·r] into recurrentGradients (n, 3u) and dhPrev = dh·z
    /// (the direct part; the caller adds the product with Uᵀ).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Backward(int n, int units, Span<float> gates, ReadOnlySpan<float> candidate, ReadOnlySpan<float> hPrev,
        ReadOnlySpan<float> dh, Span<float> recurrentGradients, Span<float> dhPrev)
    {
        ref float g = ref MemoryMarshal.GetReference(gates), rec = ref MemoryMarshal.GetReference(recurrentGradients);
        ref float cand = ref MemoryMarshal.GetReference(candidate), hp = ref MemoryMarshal.GetReference(hPrev);
        ref float dhIn = ref MemoryMarshal.GetReference(dh), dhOut = ref MemoryMarshal.GetReference(dhPrev);
        nuint u = (nuint)units;
        Vector512<float> one = Vector512<float>.One;
        for (nuint row = 0; row < (nuint)n; row++)
        {
            nuint gateRow = row * 3 * u, stateRow = row * u;
            for (nuint j = 0; j < u; j += VectorMath.Lanes)
            {
                nuint at = gateRow + j, s = stateRow + j;
                Vector512<float> z = Vector512.LoadUnsafe(ref g, at), r = Vector512.LoadUnsafe(ref g, at + u);
                Vector512<float> proposal = Vector512.LoadUnsafe(ref g, at + 2 * u), dhRow = Vector512.LoadUnsafe(ref dhIn, s);
                Vector512<float> dProposal = dhRow * (one - z) * (one - proposal * proposal);
                Vector512<float> dz = dhRow * (Vector512.LoadUnsafe(ref hp, s) - proposal) * z * (one - z);
                Vector512<float> dr = dProposal * Vector512.LoadUnsafe(ref cand, s) * r * (one - r);
                dz.StoreUnsafe(ref g, at);
                dr.StoreUnsafe(ref g, at + u);
                dProposal.StoreUnsafe(ref g, at + 2 * u);
                dz.StoreUnsafe(ref rec, at);
                dr.StoreUnsafe(ref rec, at + u);
                (dProposal * r).StoreUnsafe(ref rec, at + 2 * u);
                (dhRow * z).StoreUnsafe(ref dhOut, s);
            }
        }
    }
}
