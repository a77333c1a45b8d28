using System.Runtime.CompilerServices;

namespace NotebookRnn.Kernels;

/// <summary>
/// Packed, cache-blocked GEMM (GotoBLAS / BLIS loop nest) around a register-tiled micro-kernel:
/// a <see cref="ColumnBlock"/>-wide, <see cref="DepthLimit{TKernel}"/>-deep slice of B is packed once and stays in L2, a
/// <see cref="RowBlock"/>-tall block of A is packed per slice (a row-major A is read in place), and each micro-kernel
/// call streams one A panel against one B panel that stays in L1. Computes <c>C = α·op(A)·op(B) + β·C</c> on raw pointers that
/// <see cref="Gemm"/> has validated, with m, n, k &gt; 0. The loops are marked AggressiveOptimization so that
/// even the first calls run optimized code instead of waiting for tiered compilation.
/// </summary>
internal static unsafe class GemmDriver
{
    /// <summary>
    /// Floats in one B panel at the largest depth of a packed slice (KC); k is cut into equal slices no deeper than
    /// <c>BPanelFloats / Columns</c> (<see cref="DepthLimit{TKernel}"/>). 32 KB: 256 steps of the AVX-512 kernel's 32
    /// columns, 512 of AVX2's 16, so that either kernel streams A against one panel that stays in L1 (48 KB on Zen 5,
    /// 32 KB on Zen 4); at 512 steps the AVX2 kernel loads and stores its C tiles half as often as at 256.
    /// </summary>
    public const int BPanelFloats = 8192;

    /// <summary>The deepest slice for any kernel: the SSE and scalar kernels' narrow panels would otherwise go deeper still.</summary>
    public const int MaxDepthBlock = 512;

    /// <summary>Rows of A per block (MC), rounded down to a multiple of the kernel's rows: ≤ 240 KB of L2 at the deepest slice.</summary>
    public const int RowBlock = 120;

    /// <summary>Columns of B packed at once (NC): a slice of 512 KB (AVX-512) or 1 MB (AVX2), its panels reused from L1.</summary>
    public const int ColumnBlock = 512;

    /// <summary>
    /// A row-major B is read in place, unpacked, when each of its panels serves at most this many A panels: then
    /// packing would cost about as much as the reuse saves (an RNN step with few active rows, a batch of one).
    /// </summary>
    public const int InPlaceMaxRowPanels = 4;

    // prepackedB: null, or all of op(B) already in panels (PackAll); then b is unused.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Multiply<TKernel>(bool transposeA, bool transposeB, int m, int n, int k, float alpha,
        float* a, nint lda, float* b, nint ldb, float beta, float* c, nint ldc, float* prepackedB = null)
        where TKernel : struct, IGemmMicroKernel
    {
        int rowBlock = Math.Max(RowBlock / TKernel.Rows, 1) * TKernel.Rows;
        bool bInPlace = !transposeB && m <= InPlaceMaxRowPanels * TKernel.Rows;
        int depthBlock = BalancedBlock(k, DepthLimit<TKernel>());
        float* packedA = transposeA ? GemmBuffers.PackedA(Math.Min(rowBlock, RoundUp(m, TKernel.Rows)) * depthBlock) : null;
        float* packedB = prepackedB != null ? null : GemmBuffers.PackedB(
            (bInPlace ? TKernel.Columns : Math.Min(ColumnBlock, RoundUp(n, TKernel.Columns))) * depthBlock);
        for (int jc = 0; jc < n; jc += ColumnBlock)
        {
            int nc = Math.Min(ColumnBlock, n - jc);
            for (int pc = 0; pc < k; pc += depthBlock)
            {
                int kc = Math.Min(depthBlock, k - pc);
                float* bSlice = transposeB ? b + jc * ldb + pc : b + pc * ldb + jc;
                var panels = prepackedB != null ? Panels<TKernel>(prepackedB + SliceOffset<TKernel>(jc, pc, nc, k), nc, kc)
                    : bInPlace ? InPlace<TKernel>(bSlice, ldb, nc, kc, packedB)
                    : Packed<TKernel>(bSlice, ldb, !transposeB, nc, kc, packedB);
                for (int ic = 0; ic < m; ic += rowBlock)
                {
                    int mc = Math.Min(rowBlock, m - ic);
                    var aPanels = transposeA ? PackedA<TKernel>(a + pc * lda + ic, lda, mc, kc, packedA)
                        : InPlaceA<TKernel>(a + ic * lda + pc, lda);
                    MacroKernel<TKernel>(mc, nc, kc, alpha, pc == 0 ? beta : 1, aPanels, panels, c + ic * ldc + jc, ldc);
                }
            }
        }
    }

    /// <summary>
    /// Where the A panels of one block are: packed one after another (row stride 1, step stride the kernel's rows), or
    /// in place in a row-major A (row stride lda, step stride 1).
    /// </summary>
    private readonly struct APanels(float* first, nint panelStride, nint rowStride, nint stepStride)
    {
        public readonly float* First = first;
        public readonly nint PanelStride = panelStride;
        public readonly nint RowStride = rowStride;
        public readonly nint StepStride = stepStride;
    }

    /// <summary>Where the B panels of one slice are: packed one after another, or in place with a packed tail.</summary>
    private readonly struct BPanels(float* first, nint panelStride, nint stepStride, float* tail)
    {
        public readonly float* First = first;
        public readonly nint PanelStride = panelStride;
        public readonly nint StepStride = stepStride;
        public readonly float* Tail = tail;
    }

    /// <summary>The floats <see cref="PackAll{TKernel}"/> writes for a k × n op(B).</summary>
    public static int PackedLength<TKernel>(int k, int n) where TKernel : struct, IGemmMicroKernel =>
        RoundUp(n, TKernel.Columns) * k;

    /// <summary>
    /// Packs all of op(B) (k × n) into <paramref name="destination"/> (<see cref="PackedLength{TKernel}"/> floats),
    /// slice by slice in the order and layout <see cref="Multiply{TKernel}"/> would pack them.
    /// </summary>
    public static void PackAll<TKernel>(bool transposeB, int k, int n, float* b, nint ldb, float* destination)
        where TKernel : struct, IGemmMicroKernel
    {
        int depthBlock = BalancedBlock(k, DepthLimit<TKernel>());
        for (int jc = 0; jc < n; jc += ColumnBlock)
        {
            int nc = Math.Min(ColumnBlock, n - jc);
            for (int pc = 0; pc < k; pc += depthBlock)
            {
                float* bSlice = transposeB ? b + jc * ldb + pc : b + pc * ldb + jc;
                GemmPacking.Pack(bSlice, ldb, !transposeB, nc, Math.Min(depthBlock, k - pc), TKernel.Columns,
                    destination + SliceOffset<TKernel>(jc, pc, nc, k));
            }
        }
    }

    // Column blocks before jc hold jc·k floats (ColumnBlock is a multiple of the panel width); within a block, the
    // slices before depth pc hold pc rows of its rounded-up width.
    private static nint SliceOffset<TKernel>(int jc, int pc, int nc, int k) where TKernel : struct, IGemmMicroKernel =>
        (nint)jc * k + (nint)pc * RoundUp(nc, TKernel.Columns);

    // A transposed A is packed: its rows are columns of the stored matrix, too far apart to broadcast from.
    private static APanels PackedA<TKernel>(float* block, nint lda, int mc, int kc, float* packedA)
        where TKernel : struct, IGemmMicroKernel
    {
        GemmPacking.Pack(block, lda, true, mc, kc, TKernel.Rows, packedA);
        return new APanels(packedA, (nint)kc * TKernel.Rows, 1, TKernel.Rows);
    }

    // A row-major A is broadcast from where it is: the kernel runs as fast on its rows as on a packed panel (each row is
    // a stream the prefetchers follow), and its pack was the largest part of the overhead at 128×128×512 on AVX2. A
    // ragged last panel reads only its own rows (RunRows).
    private static APanels InPlaceA<TKernel>(float* block, nint lda) where TKernel : struct, IGemmMicroKernel =>
        new(block, TKernel.Rows * lda, lda, 1);

    private static BPanels Packed<TKernel>(float* slice, nint ldb, bool rowMajor, int nc, int kc, float* packedB)
        where TKernel : struct, IGemmMicroKernel
    {
        GemmPacking.Pack(slice, ldb, rowMajor, nc, kc, TKernel.Columns, packedB);
        return Panels<TKernel>(packedB, nc, kc);
    }

    private static BPanels Panels<TKernel>(float* packedB, int nc, int kc) where TKernel : struct, IGemmMicroKernel
    {
        nint panelSize = (nint)kc * TKernel.Columns;
        return new BPanels(packedB, panelSize, TKernel.Columns, packedB + nc / TKernel.Columns * panelSize);
    }

    private static BPanels InPlace<TKernel>(float* slice, nint ldb, int nc, int kc, float* packedB)
        where TKernel : struct, IGemmMicroKernel
    {
        int full = nc / TKernel.Columns * TKernel.Columns;
        if (full < nc) GemmPacking.Pack(slice + full, ldb, true, nc - full, kc, TKernel.Columns, packedB);
        return new BPanels(slice, TKernel.Columns, ldb, packedB);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MacroKernel<TKernel>(int mc, int nc, int kc, float alpha, float beta,
        APanels aPanels, BPanels panels, float* c, nint ldc)
        where TKernel : struct, IGemmMicroKernel
    {
        for (int jr = 0; jr < nc; jr += TKernel.Columns)
        {
            int nr = Math.Min(TKernel.Columns, nc - jr);
            bool full = nr == TKernel.Columns;
            float* bPanel = full ? panels.First + jr / TKernel.Columns * panels.PanelStride : panels.Tail;
            nint bStep = full ? panels.StepStride : TKernel.Columns;
            for (int ir = 0; ir < mc; ir += TKernel.Rows)
            {
                int mr = Math.Min(TKernel.Rows, mc - ir);
                float* aPanel = aPanels.First + ir / TKernel.Rows * aPanels.PanelStride;
                nint aRow = aPanels.RowStride, aStep = aPanels.StepStride;
                float* cTile = c + ir * ldc + jr;
                if (full && mr == TKernel.Rows) TKernel.Run(kc, aPanel, aRow, aStep, bPanel, bStep, cTile, ldc, alpha, beta);
                else if (full) TKernel.RunRows(mr, kc, aPanel, aRow, aStep, bPanel, bStep, cTile, ldc, alpha, beta);
                else EdgeTile<TKernel>(mr, nr, kc, alpha, beta, aPanel, aRow, aStep, bPanel, bStep, cTile, ldc);
            }
        }
    }

    /// <summary>A tile short of columns: the kernel fills the rows of a scratch tile, and only the valid columns are merged into C.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void EdgeTile<TKernel>(int mr, int nr, int kc, float alpha, float beta,
        float* aPanel, nint aRow, nint aStep, float* bPanel, nint bStep, float* c, nint ldc)
        where TKernel : struct, IGemmMicroKernel
    {
        float* tile = stackalloc float[TKernel.Rows * TKernel.Columns];
        TKernel.RunRows(mr, kc, aPanel, aRow, aStep, bPanel, bStep, tile, TKernel.Columns, alpha, 0);
        for (int i = 0; i < mr; i++)
        {
            float* from = tile + i * TKernel.Columns;
            float* to = c + i * ldc;
            if (beta == 0)
                for (int j = 0; j < nr; j++) to[j] = from[j];
            else
                for (int j = 0; j < nr; j++) to[j] = from[j] + beta * to[j];
        }
    }

    /// <summary>The largest depth of a packed slice for <typeparamref name="TKernel"/>: a B panel of <see cref="BPanelFloats"/>, at most <see cref="MaxDepthBlock"/>.</summary>
    public static int DepthLimit<TKernel>() where TKernel : struct, IGemmMicroKernel => Math.Min(MaxDepthBlock, BPanelFloats / TKernel.Columns);

    /// <summary>The size of ⌈total / limit⌉ equal blocks, so that k = 300 runs as 150 + 150 rather than 256 + 44.</summary>
    private static int BalancedBlock(int total, int limit)
    {
        int blocks = (total + limit - 1) / limit;
        return (total + blocks - 1) / blocks;
    }

    private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;
}
