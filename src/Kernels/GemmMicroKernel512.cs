using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NotebookRnn.Kernels;

/// <summary>
/// AVX-512 micro-kernel: an 8×32 tile of C in 16 zmm accumulators (two FMAs per A broadcast). Every tile shape
/// from 6×32 to 14×32 and 4×64 runs the FMA units at the same rate here; 8 rows divide the batch sizes RNNs use.
/// </summary>
internal readonly unsafe struct GemmMicroKernel512 : IGemmMicroKernel
{
    public static int Rows => 8;

    public static int Columns => 32;

    public static bool IsSupported => Avx512F.IsSupported;

    // The tile is spelled out register by register: 16 accumulators must stay in registers for the whole
    // depth loop, which arrays or loops over rows would not guarantee.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(int depth, float* a, float* b, nint bStep, float* c, nint ldc, float alpha, float beta)
    {
        Vector512<float> c00 = default, c01 = default, c10 = default, c11 = default;
        Vector512<float> c20 = default, c21 = default, c30 = default, c31 = default;
        Vector512<float> c40 = default, c41 = default, c50 = default, c51 = default;
        Vector512<float> c60 = default, c61 = default, c70 = default, c71 = default;
        for (int p = 0; p < depth; p++)
        {
            Vector512<float> b0 = Vector512.Load(b);
            Vector512<float> b1 = Vector512.Load(b + 16);
            Vector512<float> ai = Vector512.Create(a[0]);
            c00 = Avx512F.FusedMultiplyAdd(ai, b0, c00);
            c01 = Avx512F.FusedMultiplyAdd(ai, b1, c01);
            ai = Vector512.Create(a[1]);
            c10 = Avx512F.FusedMultiplyAdd(ai, b0, c10);
            c11 = Avx512F.FusedMultiplyAdd(ai, b1, c11);
            ai = Vector512.Create(a[2]);
            c20 = Avx512F.FusedMultiplyAdd(ai, b0, c20);
            c21 = Avx512F.FusedMultiplyAdd(ai, b1, c21);
            ai = Vector512.Create(a[3]);
            c30 = Avx512F.FusedMultiplyAdd(ai, b0, c30);
            c31 = Avx512F.FusedMultiplyAdd(ai, b1, c31);
            ai = Vector512.Create(a[4]);
            c40 = Avx512F.FusedMultiplyAdd(ai, b0, c40);
            c41 = Avx512F.FusedMultiplyAdd(ai, b1, c41);
            ai = Vector512.Create(a[5]);
            c50 = Avx512F.FusedMultiplyAdd(ai, b0, c50);
            c51 = Avx512F.FusedMultiplyAdd(ai, b1, c51);
            ai = Vector512.Create(a[6]);
            c60 = Avx512F.FusedMultiplyAdd(ai, b0, c60);
            c61 = Avx512F.FusedMultiplyAdd(ai, b1, c61);
            ai = Vector512.Create(a[7]);
            c70 = Avx512F.FusedMultiplyAdd(ai, b0, c70);
            c71 = Avx512F.FusedMultiplyAdd(ai, b1, c71);
            a += 8;
            b += bStep;
        }

        Vector512<float> alphaV = Vector512.Create(alpha), betaV = Vector512.Create(beta);
        bool readC = beta != 0;
        Store(c, c00, c01, alphaV, betaV, readC);
        Store(c + ldc, c10, c11, alphaV, betaV, readC);
        Store(c + 2 * ldc, c20, c21, alphaV, betaV, readC);
        Store(c + 3 * ldc, c30, c31, alphaV, betaV, readC);
        Store(c + 4 * ldc, c40, c41, alphaV, betaV, readC);
        Store(c + 5 * ldc, c50, c51, alphaV, betaV, readC);
        Store(c + 6 * ldc, c60, c61, alphaV, betaV, readC);
        Store(c + 7 * ldc, c70, c71, alphaV, betaV, readC);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(float* row, Vector512<float> left, Vector512<float> right,
        Vector512<float> alpha, Vector512<float> beta, bool readC)
    {
        if (readC)
        {
            left = Avx512F.FusedMultiplyAdd(left, alpha, Vector512.Load(row) * beta);
            right = Avx512F.FusedMultiplyAdd(right, alpha, Vector512.Load(row + 16) * beta);
        }
        else
        {
            left *= alpha;
            right *= alpha;
        }

        left.Store(row);
        right.Store(row + 16);
    }
}
