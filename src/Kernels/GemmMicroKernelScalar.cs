using System.Runtime.CompilerServices;

namespace NotebookRnn.Kernels;

/// <summary>Portable micro-kernel: a 4×4 tile of C in 16 scalar accumulators, for machines without SIMD.</summary>
internal readonly unsafe struct GemmMicroKernelScalar : IGemmMicroKernel
{
    public static int Rows => 4;

    public static int Columns => 4;

    // Spelled out so the 16 accumulators are locals the JIT can keep in registers across the depth loop.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(int depth, float* a, nint aRow, nint aStep, float* b, nint bStep, float* c, nint ldc, float alpha, float beta)
    {
        float c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
        float c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
        for (int p = 0; p < depth; p++)
        {
            float b0 = b[0], b1 = b[1], b2 = b[2], b3 = b[3];
            float ai = a[0];
            c00 += ai * b0; c01 += ai * b1; c02 += ai * b2; c03 += ai * b3;
            ai = a[1 * aRow];
            c10 += ai * b0; c11 += ai * b1; c12 += ai * b2; c13 += ai * b3;
            ai = a[2 * aRow];
            c20 += ai * b0; c21 += ai * b1; c22 += ai * b2; c23 += ai * b3;
            ai = a[3 * aRow];
            c30 += ai * b0; c31 += ai * b1; c32 += ai * b2; c33 += ai * b3;
            a += aStep;
            b += bStep;
        }

        Store(c, c00, c01, c02, c03, alpha, beta);
        Store(c + ldc, c10, c11, c12, c13, alpha, beta);
        Store(c + 2 * ldc, c20, c21, c22, c23, alpha, beta);
        Store(c + 3 * ldc, c30, c31, c32, c33, alpha, beta);
    }

    // Each value is summed in Run's order and stored as Run stores it, so a row gives the same bits either way.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void RunRows(int rows, int depth, float* a, nint aRow, nint aStep, float* b, nint bStep, float* c, nint ldc,
        float alpha, float beta)
    {
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < Columns; j++)
            {
                float sum = 0;
                for (int p = 0; p < depth; p++) sum += a[i * aRow + p * aStep] * b[p * bStep + j];
                float* to = c + i * ldc + j;
                *to = beta == 0 ? alpha * sum : alpha * sum + beta * *to;
            }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(float* row, float c0, float c1, float c2, float c3, float alpha, float beta)
    {
        if (beta == 0)
        {
            row[0] = alpha * c0; row[1] = alpha * c1; row[2] = alpha * c2; row[3] = alpha * c3;
        }
        else
        {
            row[0] = alpha * c0 + beta * row[0]; row[1] = alpha * c1 + beta * row[1];
            row[2] = alpha * c2 + beta * row[2]; row[3] = alpha * c3 + beta * row[3];
        }
    }
}
