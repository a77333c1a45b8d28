namespace NotebookRnn.Kernels;

/// <summary>
/// A register-tiled GEMM inner kernel on packed panels (BLIS's micro-kernel): for one
/// <see cref="Rows"/>×<see cref="Columns"/> tile, <c>C = α·Σₚ a[p]·b[p]ᵀ + β·C</c>, where the A panel holds
/// <see cref="Rows"/> floats per depth step (packed, or read in place from a row-major A) and the B panel
/// <see cref="Columns"/> floats per depth step (packed, or read in place from a row-major B).
/// When β = 0, C is not read.
/// </summary>
internal unsafe interface IGemmMicroKernel
{
    /// <summary>Rows of C computed per call (the A panel width).</summary>
    static abstract int Rows { get; }

    /// <summary>Columns of C computed per call (the B panel width).</summary>
    static abstract int Columns { get; }

    /// <summary>
    /// Updates the full tile at <paramref name="c"/> (row stride <paramref name="ldc"/>) from <paramref name="depth"/>
    /// steps. Row i of A at step p is <c>a[i·aRow + p·aStep]</c> (packed: aRow = 1, aStep = <see cref="Rows"/>; in
    /// place: aRow = lda, aStep = 1); B's steps are <paramref name="bStep"/> floats apart (<see cref="Columns"/> when packed).
    /// </summary>
    static abstract void Run(int depth, float* a, nint aRow, nint aStep, float* b, nint bStep, float* c, nint ldc, float alpha, float beta);

    /// <summary>
    /// Same, on the first <paramref name="rows"/> rows of the tile only (1 ≤ rows ≤ <see cref="Rows"/>): A's other rows
    /// are not read and C's not written, so a ragged last panel costs its rows and can be read in place.
    /// </summary>
    static abstract void RunRows(int rows, int depth, float* a, nint aRow, nint aStep, float* b, nint bStep, float* c, nint ldc,
        float alpha, float beta);
}
