using System.Runtime.Intrinsics.X86;

namespace NotebookRnn.Kernels.Tests;

/// <summary>The vector widths of the sigmoid, tanh and fused gate kernels that this machine runs: 16 with AVX-512F, 8 with AVX2 and FMA.</summary>
public static class Lanes
{
    /// <summary>The widths, widest first.</summary>
    public static int[] Values => [.. new[] { 16, 8 }.Where(lanes => lanes == 16 ? Avx512F.IsSupported : VectorMath.IsAccelerated256)];

    public static TheoryData<int> Supported() => [.. Values];
}
