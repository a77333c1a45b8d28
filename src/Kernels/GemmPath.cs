namespace NotebookRnn.Kernels;

/// <summary>The instruction set a <see cref="Gemm"/> call runs on.</summary>
public enum GemmPath
{
    /// <summary>Plain scalar code; runs everywhere.</summary>
    Scalar,

    /// <summary>128-bit vectors (SSE / NEON).</summary>
    Vector128,

    /// <summary>256-bit vectors (AVX2 + FMA).</summary>
    Vector256,

    /// <summary>512-bit vectors (AVX-512).</summary>
    Vector512,
}
