using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NotebookRnn.Kernels;

/// <summary>
/// AVX2 micro-kernel: a 6×16 tile of C in 12 ymm accumulators, which with the two B vectors and the A broadcast
/// fits the 16 registers AVX2 machines have (BLIS's Haswell shape).
/// </summary>
internal readonly unsafe struct GemmMicroKernel256 : IGemmMicroKernel
{
    public static int Rows => 6;

    public static int Columns => 16;

    public static bool IsSupported => Vector256.IsHardwareAccelerated;

    // Spelled out register by register so the 12 accumulators stay in registers for the whole depth loop.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(int depth, float* a, float* b, nint bStep, float* c, nint ldc, float alpha, float beta)
    {
        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default;
        Vector256<float> c20 = default, c21 = default, c30 = default, c31 = default;
        Vector256<float> c40 = default, c41 = default, c50 = default, c51 = default;
        for (int p = 0; p < depth; p++)
        {
            Vector256<float> b0 = Vector256.Load(b);
            Vector256<float> b1 = Vector256.Load(b + 8);
            Vector256<float> ai = Vector256.Create(a[0]);
            c00 = MultiplyAdd(ai, b0, c00);
            c01 = MultiplyAdd(ai, b1, c01);
            ai = Vector256.Create(a[1]);
            c10 = MultiplyAdd(ai, b0, c10);
            c11 = MultiplyAdd(ai, b1, c11);
            ai = Vector256.Create(a[2]);
            c20 = MultiplyAdd(ai, b0, c20);
            c21 = MultiplyAdd(ai, b1, c21);
            ai = Vector256.Create(a[3]);
            c30 = MultiplyAdd(ai, b0, c30);
            c31 = MultiplyAdd(ai, b1, c31);
            ai = Vector256.Create(a[4]);
            c40 = MultiplyAdd(ai, b0, c40);
            c41 = MultiplyAdd(ai, b1, c41);
            ai = Vector256.Create(a[5]);
            c50 = MultiplyAdd(ai, b0, c50);
            c51 = MultiplyAdd(ai, b1, c51);
            a += 6;
            b += bStep;
        }

        Vector256<float> alphaV = Vector256.Create(alpha), betaV = Vector256.Create(beta);
        bool readC = beta != 0;
        Store(c, c00, c01, alphaV, betaV, readC);
        Store(c + ldc, c10, c11, alphaV, betaV, readC);
        Store(c + 2 * ldc, c20, c21, alphaV, betaV, readC);
        Store(c + 3 * ldc, c30, c31, alphaV, betaV, readC);
        Store(c + 4 * ldc, c40, c41, alphaV, betaV, readC);
        Store(c + 5 * ldc, c50, c51, alphaV, betaV, readC);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> MultiplyAdd(Vector256<float> left, Vector256<float> right, Vector256<float> addend) =>
        Fma.IsSupported ? Fma.MultiplyAdd(left, right, addend) : left * right + addend;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(float* row, Vector256<float> left, Vector256<float> right,
        Vector256<float> alpha, Vector256<float> beta, bool readC)
    {
        if (readC)
        {
            left = MultiplyAdd(left, alpha, Vector256.Load(row) * beta);
            right = MultiplyAdd(right, alpha, Vector256.Load(row + 8) * beta);
        }
        else
        {
            left *= alpha;
            right *= alpha;
        }

        left.Store(row);
        right.Store(row + 8);
    }
}
