using System.Runtime.Intrinsics.X86;

namespace NotebookRnn.Kernels;

/// <summary>What the fused gate steps (<see cref="LstmKernels"/>, <see cref="GruKernels"/>) share: their shape checks and their widths.</summary>
internal static class FusedGates
{
    /// <summary>Whether the steps run on 16 lanes (AVX-512F); otherwise on 8 where <see cref="VectorMath.IsAccelerated256"/>.</summary>
    public static bool Use512 => Avx512F.IsSupported;

    /// <summary>Throws unless n and units are not negative and units is whole vectors of <see cref="VectorMath.Lanes"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> or <paramref name="units"/> is negative.</exception>
    /// <exception cref="ArgumentException"><paramref name="units"/> is not a multiple of 16.</exception>
    public static void CheckShape(int n, int units)
    {
        Lengths.NotNegative(n, nameof(n));
        Lengths.NotNegative(units, nameof(units));
        if (units % VectorMath.Lanes != 0)
            throw new ArgumentException($"units must be a multiple of {VectorMath.Lanes}, got {units}.", nameof(units));
    }

    /// <summary>The error for a machine with neither width.</summary>
    public static PlatformNotSupportedException NotSupported(string step) => new($"The fused {step} step needs AVX-512F, or AVX2 with FMA.");
}
