using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NotebookRnn.Kernels;

/// <summary>
/// General matrix multiply on row-major spans: <c>C = α·op(A)·op(B) + β·C</c>, where op(X) is X or Xᵀ.
/// op(A) is m×k, op(B) is k×n and C is m×n. <c>lda</c>, <c>ldb</c>, <c>ldc</c> are row strides of the stored
/// matrices (A is stored m×k, or k×m when transposed). When β = 0, C is not read (it may hold NaN).
/// </summary>
public static class Gemm
{
    /// <summary>The fastest path this machine supports.</summary>
    public static GemmPath BestPath =>
        Vector512.IsHardwareAccelerated ? GemmPath.Vector512 :
        Vector256.IsHardwareAccelerated ? GemmPath.Vector256 :
        Vector128.IsHardwareAccelerated ? GemmPath.Vector128 : GemmPath.Scalar;

    /// <summary>Computes <c>C = α·op(A)·op(B) + β·C</c> with dense (unstrided) matrices.</summary>
    public static void Multiply(bool transposeA, bool transposeB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, ReadOnlySpan<float> b, float beta, Span<float> c) =>
        Multiply(transposeA, transposeB, m, n, k, alpha, a, transposeA ? m : k, b, transposeB ? k : n, beta, c, n);

    /// <summary>Computes <c>C = α·op(A)·op(B) + β·C</c> with explicit row strides.</summary>
    /// <remarks>
    /// Runs on <see cref="BestPath"/>, single-threaded, and allocates nothing once the calling thread has run a
    /// problem of this size (packing buffers are kept per thread).
    /// </remarks>
    /// <exception cref="ArgumentException">A dimension is negative, a stride is too small or a span too short.</exception>
    public static void Multiply(bool transposeA, bool transposeB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc) =>
        Multiply(BestPath, transposeA, transposeB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);

    /// <summary>
    /// Computes <c>C = α·op(A)·B + β·C</c> where B is a <see cref="PackedMatrix"/> (k × n): the same product as
    /// the unpacked overloads, without re-packing B.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="b"/> is null.</exception>
    /// <exception cref="ArgumentException">A stride is too small or a span too short for B's k and n.</exception>
    public static void Multiply(bool transposeA, int m, float alpha, ReadOnlySpan<float> a, int lda, PackedMatrix b,
        float beta, Span<float> c, int ldc)
    {
        ArgumentNullException.ThrowIfNull(b);
        Multiply(b.Path, transposeA, false, m, b.Columns, b.Depth, alpha, a, lda, default, b.Columns, beta, c, ldc, b);
    }

    /// <summary>
    /// Same as the public overload, on a chosen <paramref name="path"/> (tests run every path); with
    /// <paramref name="packedB"/> (packed for that path), B's panels come from it and <paramref name="b"/> is unused.
    /// </summary>
    /// <exception cref="PlatformNotSupportedException">This machine cannot run <paramref name="path"/>.</exception>
    internal static unsafe void Multiply(GemmPath path, bool transposeA, bool transposeB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc,
        PackedMatrix? packedB = null)
    {
        if (packedB is null) Validate(transposeA, transposeB, m, n, k, a, lda, b, ldb, c, ldc);
        else Validate(transposeA, m, n, k, a, lda, c, ldc);
        // A range check: Enum.IsDefined allocates whenever a collection has dropped its cache.
        if (path is < GemmPath.Scalar or > GemmPath.Vector512) throw new ArgumentOutOfRangeException(nameof(path), path, "Unknown GEMM path.");
        if (!IsSupported(path))
            throw new PlatformNotSupportedException(
                $"GEMM path {path} is not supported on this machine; the best it supports is {BestPath}.");
        if (m == 0 || n == 0) return;
        if (k == 0 || alpha == 0)
        {
            ScaleC(m, n, beta, c, ldc);
            return;
        }

        float* prepacked = packedB is null ? null : packedB.Data;
        fixed (float* pa = a, pb = b, pc = c)
        {
            switch (path)
            {
                case GemmPath.Vector512:
                    GemmDriver.Multiply<GemmMicroKernel<Vector512<float>, Simd512>>(transposeA, transposeB, m, n, k,
                        alpha, pa, lda, pb, ldb, beta, pc, ldc, prepacked);
                    break;
                case GemmPath.Vector256:
                    GemmDriver.Multiply<GemmMicroKernel<Vector256<float>, Simd256>>(transposeA, transposeB, m, n, k,
                        alpha, pa, lda, pb, ldb, beta, pc, ldc, prepacked);
                    break;
                case GemmPath.Vector128:
                    GemmDriver.Multiply<GemmMicroKernel<Vector128<float>, Simd128>>(transposeA, transposeB, m, n, k,
                        alpha, pa, lda, pb, ldb, beta, pc, ldc, prepacked);
                    break;
                default:
                    GemmDriver.Multiply<GemmMicroKernelScalar>(transposeA, transposeB, m, n, k,
                        alpha, pa, lda, pb, ldb, beta, pc, ldc, prepacked);
                    break;
            }
        }
    }

    /// <summary>Whether this machine can run <paramref name="path"/>.</summary>
    /// <remarks>
    /// Vector512 needs only AVX-512F, even where .NET prefers 256-bit vectors (<see cref="BestPath"/> then says
    /// Vector256), so that the tests run every path the instructions allow.
    /// </remarks>
    internal static bool IsSupported(GemmPath path) => path switch
    {
        GemmPath.Vector512 => Avx512F.IsSupported,
        GemmPath.Vector256 => Vector256.IsHardwareAccelerated,
        GemmPath.Vector128 => Vector128.IsHardwareAccelerated,
        GemmPath.Scalar => true,
        _ => false,
    };

    private static void ScaleC(int m, int n, float beta, Span<float> c, int ldc)
    {
        if (beta == 1) return;
        for (int i = 0; i < m; i++)
        {
            Span<float> row = c.Slice(i * ldc, n);
            if (beta == 0) row.Clear();
            else ElementwiseKernels.Multiply(row, beta, row);
        }
    }

    private static void Validate(bool transposeA, bool transposeB, int m, int n, int k,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, Span<float> c, int ldc)
    {
        Validate(transposeA, m, n, k, a, lda, c, ldc);
        CheckMatrix("b", transposeB ? n : k, transposeB ? k : n, b.Length, ldb);
    }

    private static void Validate(bool transposeA, int m, int n, int k, ReadOnlySpan<float> a, int lda, Span<float> c, int ldc)
    {
        if (m < 0 || n < 0 || k < 0)
            throw new ArgumentException($"Dimensions must be ≥ 0, got m={m}, n={n}, k={k}.",
                m < 0 ? nameof(m) : n < 0 ? nameof(n) : nameof(k));
        CheckMatrix("a", transposeA ? k : m, transposeA ? m : k, a.Length, lda);
        CheckMatrix("c", m, n, c.Length, ldc);
    }

    /// <summary>Throws unless a span of <paramref name="length"/> holds a rows × columns matrix with row stride <paramref name="stride"/>.</summary>
    internal static void CheckMatrix(string name, int rows, int columns, int length, int stride)
    {
        if (rows == 0 || columns == 0) return;
        if (stride < columns)
            throw new ArgumentException($"Row stride of {name} must be ≥ {columns}, got {stride}.", name);
        long needed = (long)(rows - 1) * stride + columns;
        if (length < needed)
            throw new ArgumentException(
                $"{name} must hold at least {needed} elements for {rows}×{columns} with stride {stride}, got {length}.", name);
    }
}
