using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace NotebookRnn.Kernels;

/// <summary>
/// SSE / NEON micro-kernel: a 6×8 tile of C in 12 xmm accumulators, which with the two B vectors and the A
/// broadcast fits the 16 registers SSE machines have.
/// </summary>
internal readonly unsafe struct GemmMicroKernel128 : IGemmMicroKernel
{
    public static int Rows => 6;

    public static int Columns => 8;

    public static bool IsSupported => Vector128.IsHardwareAccelerated;

    // Spelled out register by register so the 12 accumulators stay in registers for the whole depth loop.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(int depth, float* a, float* b, nint bStep, float* c, nint ldc, float alpha, float beta)
    {
        Vector128<float> c00 = default, c01 = default, c10 = default, c11 = default;
        Vector128<float> c20 = default, c21 = default, c30 = default, c31 = default;
        Vector128<float> c40 = default, c41 = default, c50 = default, c51 = default;
        for (int p = 0; p < depth; p++)
        {
            Vector128<float> b0 = Vector128.Load(b);
            Vector128<float> b1 = Vector128.Load(b + 4);
            Vector128<float> ai = Vector128.Create(a[0]);
            c00 = MultiplyAdd(ai, b0, c00);
            c01 = MultiplyAdd(ai, b1, c01);
            ai = Vector128.Create(a[1]);
            c10 = MultiplyAdd(ai, b0, c10);
            c11 = MultiplyAdd(ai, b1, c11);
            ai = Vector128.Create(a[2]);
            c20 = MultiplyAdd(ai, b0, c20);
            c21 = MultiplyAdd(ai, b1, c21);
            ai = Vector128.Create(a[3]);
            c30 = MultiplyAdd(ai, b0, c30);
            c31 = MultiplyAdd(ai, b1, c31);
            ai = Vector128.Create(a[4]);
            c40 = MultiplyAdd(ai, b0, c40);
            c41 = MultiplyAdd(ai, b1, c41);
            ai = Vector128.Create(a[5]);
            c50 = MultiplyAdd(ai, b0, c50);
            c51 = MultiplyAdd(ai, b1, c51);
            a += 6;
            b += bStep;
        }

        Vector128<float> alphaV = Vector128.Create(alpha), betaV = Vector128.Create(beta);
        bool readC = beta != 0;
        Store(c, c00, c01, alphaV, betaV, readC);
        Store(c + ldc, c10, c11, alphaV, betaV, readC);
        Store(c + 2 * ldc, c20, c21, alphaV, betaV, readC);
        Store(c + 3 * ldc, c30, c31, alphaV, betaV, readC);
        Store(c + 4 * ldc, c40, c41, alphaV, betaV, readC);
        Store(c + 5 * ldc, c50, c51, alphaV, betaV, readC);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> MultiplyAdd(Vector128<float> left, Vector128<float> right, Vector128<float> addend) =>
        Fma.IsSupported ? Fma.MultiplyAdd(left, right, addend) :
        AdvSimd.IsSupported ? AdvSimd.FusedMultiplyAdd(addend, left, right) :
        left * right + addend;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(float* row, Vector128<float> left, Vector128<float> right,
        Vector128<float> alpha, Vector128<float> beta, bool readC)
    {
        if (readC)
        {
            left = MultiplyAdd(left, alpha, Vector128.Load(row) * beta);
            right = MultiplyAdd(right, alpha, Vector128.Load(row + 4) * beta);
        }
        else
        {
            left *= alpha;
            right *= alpha;
        }

        left.Store(row);
        right.Store(row + 4);
    }
}
