using System.Runtime.Intrinsics;

namespace NotebookRnn.Kernels;

/// <summary>
/// op(B) (k × n) packed once into the GEMM's panel layout, for many products with different A: an RNN multiplies
/// its recurrent kernel at every step, and packing it each time cost as much as a tenth of the product. The buffer
/// is reused by the next pack; a pack is stale once B changes.
/// </summary>
public sealed unsafe class PackedMatrix
{
    private float[]? _buffer;

    /// <summary>k: rows of op(B).</summary>
    public int Depth { get; private set; }

    /// <summary>n: columns of op(B).</summary>
    public int Columns { get; private set; }

    /// <summary>The GEMM path whose panel width the pack has.</summary>
    public GemmPath Path { get; private set; }

    /// <summary>The packed panels.</summary>
    internal float* Data { get; private set; }

    /// <summary>Packs op(B), with B stored row-major with stride <paramref name="ldb"/>, for <see cref="Gemm.BestPath"/>.</summary>
    /// <exception cref="ArgumentException">A dimension is negative, the stride too small or the span too short.</exception>
    public void Pack(bool transpose, int k, int n, ReadOnlySpan<float> b, int ldb) => Pack(Gemm.BestPath, transpose, k, n, b, ldb);

    /// <summary>Same, for a chosen path (tests run every path).</summary>
    internal void Pack(GemmPath path, bool transpose, int k, int n, ReadOnlySpan<float> b, int ldb)
    {
        if (k < 0 || n < 0) throw new ArgumentException($"Dimensions must be ≥ 0, got k={k}, n={n}.", k < 0 ? nameof(k) : nameof(n));
        Gemm.CheckMatrix("b", transpose ? n : k, transpose ? k : n, b.Length, ldb);
        if (!Gemm.IsSupported(path))
            throw new PlatformNotSupportedException($"GEMM path {path} is not supported on this machine; the best it supports is {Gemm.BestPath}.");
        (Depth, Columns, Path) = (k, n, path);
        fixed (float* source = b)
            switch (path)
            {
                case GemmPath.Vector512: Data = Fill<GemmMicroKernel<Vector512<float>, Simd512>>(transpose, k, n, source, ldb); break;
                case GemmPath.Vector256: Data = Fill<GemmMicroKernel<Vector256<float>, Simd256>>(transpose, k, n, source, ldb); break;
                case GemmPath.Vector128: Data = Fill<GemmMicroKernel<Vector128<float>, Simd128>>(transpose, k, n, source, ldb); break;
                default: Data = Fill<GemmMicroKernelScalar>(transpose, k, n, source, ldb); break;
            }
    }

    private float* Fill<TKernel>(bool transpose, int k, int n, float* source, int ldb) where TKernel : struct, IGemmMicroKernel
    {
        float* data = GemmBuffers.Aligned(ref _buffer, GemmDriver.PackedLength<TKernel>(k, n));
        if (k > 0 && n > 0) GemmDriver.PackAll<TKernel>(transpose, k, n, source, ldb, data);
        return data;
    }
}
