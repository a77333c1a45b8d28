using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace NotebookRnn.Kernels;

/// <summary>
/// The SIMD micro-kernel, written once for every vector width: a <see cref="Rows"/> × (two vectors) tile of C in
/// 2·<see cref="Rows"/> accumulators. AVX-512 has 32 vector registers: 8 rows, 16 zmm accumulators (an 8×32 tile;
/// every shape from 6×32 to 14×32 and 4×64 runs the FMA units at the same rate there, and 8 rows divide the batch sizes
/// RNNs use). SSE, NEON and AVX2 get 6 rows: 12 accumulators, which with the two B vectors and the A broadcast fit
/// the 16 registers of SSE and AVX2 machines (BLIS's Haswell shape: 6×16 on AVX2, 6×8 on SSE).
/// </summary>
internal readonly unsafe struct GemmMicroKernel<TVector, TSimd> : IGemmMicroKernel where TVector : struct where TSimd : ISimd<TVector>
{
    public static int Rows => TSimd.Count == 16 ? 8 : 6;

    public static int Columns => 2 * TSimd.Count;

    // Neither entry may inline into the macro-kernel's loops: there the accumulators would share the registers with
    // the loops' own values and spill.
    [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
    public static void Run(int depth, float* a, nint aRow, nint aStep, float* b, nint bStep, float* c, nint ldc, float alpha, float beta) =>
        Tile(Rows, depth, a, aRow, aStep, b, bStep, c, ldc, alpha, beta);

    [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
    public static void RunRows(int rows, int depth, float* a, nint aRow, nint aStep, float* b, nint bStep, float* c, nint ldc,
        float alpha, float beta) =>
        Tile(rows, depth, a, aRow, aStep, b, bStep, c, ldc, alpha, beta);

    // The tile is spelled out register by register: the accumulators must stay in registers for the whole depth loop,
    // which arrays or loops over rows would not guarantee. In Run, rows is the constant Rows, so the JIT drops every
    // row test, and rows 6 and 7 (and their accumulators) from the 6-row kernels; in RunRows the tests stay, and a
    // ragged panel costs its rows instead of a full tile (at m = 128 on AVX2, 2 rows of 6 in one panel of 22).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Tile(int rows, int depth, float* a, nint aRow, nint aStep, float* b, nint bStep, float* c, nint ldc,
        float alpha, float beta)
    {
        // Rows is read once, first: a Rows call left uninlined at the end of this long body would make the JIT spill
        // the accumulators. Testing it beside rows drops rows 6 and 7 from the 6-row kernels even in RunRows.
        int tileRows = Rows;
        PrefetchTile(c, ldc, rows);
        TVector c00 = TSimd.Zero, c01 = TSimd.Zero, c10 = TSimd.Zero, c11 = TSimd.Zero;
        TVector c20 = TSimd.Zero, c21 = TSimd.Zero, c30 = TSimd.Zero, c31 = TSimd.Zero;
        TVector c40 = TSimd.Zero, c41 = TSimd.Zero, c50 = TSimd.Zero, c51 = TSimd.Zero;
        TVector c60 = TSimd.Zero, c61 = TSimd.Zero, c70 = TSimd.Zero, c71 = TSimd.Zero;
        // Rows 3 and 6 get pointers of their own, so that every row's address is a pointer plus 0, 1 or 2 strides:
        // one addressing mode, whether A is packed or read in place.
        float* a3 = a + 3 * aRow, a6 = a + 6 * aRow;
        // Loop invariants the JIT would otherwise recompute on every step.
        nint aRow2 = 2 * aRow, aStepBytes = aStep * sizeof(float);
        // Two steps per iteration: the loop's own counter, compare and branch then cost half as much per FMA
        // (1024³ on AVX2 beside OpenBLAS in one process: 0.99–1.00× its speed before, 1.00–1.02× after).
        int p = 0;
        for (; p + 2 <= depth; p += 2)
        {
            Step(rows, tileRows, a, a3, a6, aRow, aRow2, b, ref c00, ref c01, ref c10, ref c11, ref c20, ref c21, ref c30, ref c31,
                ref c40, ref c41, ref c50, ref c51, ref c60, ref c61, ref c70, ref c71);
            a = (float*)((byte*)a + aStepBytes);
            a3 = (float*)((byte*)a3 + aStepBytes);
            a6 = (float*)((byte*)a6 + aStepBytes);
            Step(rows, tileRows, a, a3, a6, aRow, aRow2, b + bStep, ref c00, ref c01, ref c10, ref c11, ref c20, ref c21, ref c30,
                ref c31, ref c40, ref c41, ref c50, ref c51, ref c60, ref c61, ref c70, ref c71);
            a = (float*)((byte*)a + aStepBytes);
            a3 = (float*)((byte*)a3 + aStepBytes);
            a6 = (float*)((byte*)a6 + aStepBytes);
            b += 2 * bStep;
        }

        if (p < depth)
            Step(rows, tileRows, a, a3, a6, aRow, aRow2, b, ref c00, ref c01, ref c10, ref c11, ref c20, ref c21, ref c30, ref c31,
                ref c40, ref c41, ref c50, ref c51, ref c60, ref c61, ref c70, ref c71);

        TVector alphaV = TSimd.Create(alpha), betaV = TSimd.Create(beta);
        bool readC = beta != 0;
        Store(c, c00, c01, alphaV, betaV, readC);
        if (rows > 1) Store(c + ldc, c10, c11, alphaV, betaV, readC);
        if (rows > 2) Store(c + 2 * ldc, c20, c21, alphaV, betaV, readC);
        if (rows > 3) Store(c + 3 * ldc, c30, c31, alphaV, betaV, readC);
        if (rows > 4) Store(c + 4 * ldc, c40, c41, alphaV, betaV, readC);
        if (rows > 5) Store(c + 5 * ldc, c50, c51, alphaV, betaV, readC);
        if (tileRows > 6 && rows > 6) Store(c + 6 * ldc, c60, c61, alphaV, betaV, readC);
        if (tileRows > 7 && rows > 7) Store(c + 7 * ldc, c70, c71, alphaV, betaV, readC);
    }

    /// <summary>One depth step of the tile: row i's accumulators += a[i]·(b0, b1), for the rows the tile computes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Step(int rows, int tileRows, float* a, float* a3, float* a6, nint aRow, nint aRow2, float* b,
        ref TVector c00, ref TVector c01, ref TVector c10, ref TVector c11, ref TVector c20, ref TVector c21, ref TVector c30,
        ref TVector c31, ref TVector c40, ref TVector c41, ref TVector c50, ref TVector c51, ref TVector c60, ref TVector c61,
        ref TVector c70, ref TVector c71)
    {
        TVector b0 = TSimd.Load(b);
        TVector b1 = TSimd.Load(b + TSimd.Count);
        TVector ai = TSimd.Create(a[0]);
        c00 = TSimd.MultiplyAdd(ai, b0, c00);
        c01 = TSimd.MultiplyAdd(ai, b1, c01);
        if (rows > 1)
        {
            ai = TSimd.Create(a[aRow]);
            c10 = TSimd.MultiplyAdd(ai, b0, c10);
            c11 = TSimd.MultiplyAdd(ai, b1, c11);
        }

        if (rows > 2)
        {
            ai = TSimd.Create(a[aRow2]);
            c20 = TSimd.MultiplyAdd(ai, b0, c20);
            c21 = TSimd.MultiplyAdd(ai, b1, c21);
        }

        if (rows > 3)
        {
            ai = TSimd.Create(a3[0]);
            c30 = TSimd.MultiplyAdd(ai, b0, c30);
            c31 = TSimd.MultiplyAdd(ai, b1, c31);
        }

        if (rows > 4)
        {
            ai = TSimd.Create(a3[aRow]);
            c40 = TSimd.MultiplyAdd(ai, b0, c40);
            c41 = TSimd.MultiplyAdd(ai, b1, c41);
        }

        if (rows > 5)
        {
            ai = TSimd.Create(a3[aRow2]);
            c50 = TSimd.MultiplyAdd(ai, b0, c50);
            c51 = TSimd.MultiplyAdd(ai, b1, c51);
        }

        if (tileRows > 6 && rows > 6)
        {
            ai = TSimd.Create(a6[0]);
            c60 = TSimd.MultiplyAdd(ai, b0, c60);
            c61 = TSimd.MultiplyAdd(ai, b1, c61);
        }

        if (tileRows > 7 && rows > 7)
        {
            ai = TSimd.Create(a6[aRow]);
            c70 = TSimd.MultiplyAdd(ai, b0, c70);
            c71 = TSimd.MultiplyAdd(ai, b1, c71);
        }
    }

    // C's rows lie a whole row stride apart, so the hardware prefetchers miss them; without this the tile's loads at
    // the end of the depth loop wait on memory (1024³ on AVX2, best of runs: 88 → 92 GFLOP/s). Both lines a row may
    // span are fetched.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void PrefetchTile(float* c, nint ldc, int rows)
    {
        if (!Sse.IsSupported) return;
        for (int i = 0; i < rows; i++)
        {
            Sse.Prefetch0(c + i * ldc);
            Sse.Prefetch0(c + i * ldc + Columns - 1);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(float* row, TVector left, TVector right, TVector alpha, TVector beta, bool readC)
    {
        if (readC)
        {
            left = TSimd.MultiplyAdd(left, alpha, TSimd.Multiply(TSimd.Load(row), beta));
            right = TSimd.MultiplyAdd(right, alpha, TSimd.Multiply(TSimd.Load(row + TSimd.Count), beta));
        }
        else
        {
            left = TSimd.Multiply(left, alpha);
            right = TSimd.Multiply(right, alpha);
        }

        TSimd.Store(left, row);
        TSimd.Store(right, row + TSimd.Count);
    }
}
