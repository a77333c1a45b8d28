namespace NotebookRnn.Kernels;

/// <summary>What the fused gate steps (<see cref="LstmKernels"/>, <see cref="GruKernels"/>) share: their shape checks and their widths.</summary>
internal static class FusedGates
{
    /// <summary>
    /// The lanes a step over rows of <paramref name="units"/> floats runs on (<see cref="VectorMath.FusedLanes"/>), after
    /// checking that n and units are not negative and units is whole vectors of <see cref="VectorMath.Lanes256"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> or <paramref name="units"/> is negative.</exception>
    /// <exception cref="ArgumentException"><paramref name="units"/> is not a multiple of 8.</exception>
    /// <exception cref="PlatformNotSupportedException">Neither AVX-512F nor AVX2 with FMA.</exception>
    public static int Lanes(int n, int units, string step)
    {
        Lengths.NotNegative(n, nameof(n));
        Lengths.NotNegative(units, nameof(units));
        if (units % VectorMath.Lanes256 != 0)
            throw new ArgumentException($"units must be a multiple of {VectorMath.Lanes256}, got {units}.", nameof(units));
        int lanes = VectorMath.FusedLanes(units);
        return lanes != 0 ? lanes : throw new PlatformNotSupportedException($"The fused {step} step needs AVX-512F, or AVX2 with FMA.");
    }
}
