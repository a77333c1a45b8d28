namespace NotebookRnn.Kernels.Tests;

/// <summary>Runs one micro-kernel tile on packed panels, and with A in place, and checks it against the product in double precision.</summary>
internal static unsafe class GemmTile
{
    private const float Sentinel = 12345f;

    /// <summary>
    /// A full tile at depth <paramref name="depth"/> with C in a wider matrix (its padding must survive), for
    /// C = α·A·B + β·C with β = 0 (C holds NaN, which must not be read) and with β ≠ 0.
    /// </summary>
    public static void AssertMatchesReference<TKernel>(int depth) where TKernel : struct, IGemmMicroKernel
    {
        int rows = TKernel.Rows, columns = TKernel.Columns, ldc = columns + 3;
        var random = new Random(depth * 100 + columns);
        float[] a = Values(random, rows * depth), b = Values(random, depth * columns);
        foreach (var (alpha, beta) in new[] { (1f, 0f), (-0.5f, 1.5f) })
        {
            float[] c = new float[rows * ldc];
            for (int i = 0; i < c.Length; i++) c[i] = i % ldc >= columns ? Sentinel : beta == 0 ? float.NaN : (float)random.NextDouble();
            float[] before = [.. c];
            fixed (float* pa = a, pb = b, pc = c) TKernel.Run(depth, pa, 1, rows, pb, columns, pc, ldc, alpha, beta);
            AssertTile<TKernel>(depth, alpha, beta, a, b, before, c, ldc);
            // A in place: rows of a row-major matrix with two NaN floats of padding, which must not be read.
            int lda = depth + 2;
            float[] rowMajor = new float[rows * lda];
            for (int i = 0; i < rowMajor.Length; i++) rowMajor[i] = i % lda >= depth ? float.NaN : a[i % lda * rows + i / lda];
            c = [.. before];
            fixed (float* pa = rowMajor, pb = b, pc = c) TKernel.Run(depth, pa, lda, 1, pb, columns, pc, ldc, alpha, beta);
            AssertTile<TKernel>(depth, alpha, beta, a, b, before, c, ldc);
        }
    }

    /// <summary>
    /// RunRows on each row count gives Run's bits on its rows and leaves C's other rows as they were, with A in place
    /// and its other rows NaN.
    /// </summary>
    public static void AssertRowsMatchFullTile<TKernel>(int depth) where TKernel : struct, IGemmMicroKernel
    {
        int rows = TKernel.Rows, columns = TKernel.Columns, lda = depth + 1;
        var random = new Random(depth * 10 + rows);
        float[] a = Values(random, rows * lda), b = Values(random, depth * columns), cStart = Values(random, rows * columns);
        float[] full = [.. cStart];
        fixed (float* pa = a, pb = b, pc = full) TKernel.Run(depth, pa, lda, 1, pb, columns, pc, columns, 0.5f, 2f);
        for (int used = 1; used <= rows; used++)
        {
            float[] partA = [.. a], c = [.. cStart];
            Array.Fill(partA, float.NaN, used * lda, (rows - used) * lda);
            fixed (float* pa = partA, pb = b, pc = c) TKernel.RunRows(used, depth, pa, lda, 1, pb, columns, pc, columns, 0.5f, 2f);
            Assert.Equal(full.AsSpan(0, used * columns).ToArray(), c.AsSpan(0, used * columns).ToArray());
            Assert.Equal(cStart.AsSpan(used * columns).ToArray(), c.AsSpan(used * columns).ToArray());
        }
    }

    private static void AssertTile<TKernel>(int depth, float alpha, float beta, float[] a, float[] b, float[] before, float[] c, int ldc)
        where TKernel : struct, IGemmMicroKernel
    {
        int rows = TKernel.Rows, columns = TKernel.Columns;
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < columns; j++)
            {
                double sum = 0, magnitude = 0;
                for (int p = 0; p < depth; p++)
                {
                    sum += (double)a[p * rows + i] * b[p * columns + j];
                    magnitude += Math.Abs((double)a[p * rows + i] * b[p * columns + j]);
                }
                double scaledC = beta == 0 ? 0 : beta * (double)before[i * ldc + j];
                double tolerance = 2 * (depth + 3) * Math.Pow(2, -24) * (Math.Abs(alpha) * magnitude + Math.Abs(scaledC));
                Assert.True(Math.Abs(c[i * ldc + j] - (alpha * sum + scaledC)) <= tolerance,
                    $"{typeof(TKernel).Name} depth {depth}: C[{i},{j}] = {c[i * ldc + j]}, expected {alpha * sum + scaledC}");
            }
            for (int j = columns; j < ldc; j++) Assert.Equal(Sentinel, c[i * ldc + j]);
        }
    }

    private static float[] Values(Random random, int length) =>
        [.. Enumerable.Range(0, length).Select(_ => (float)(2 * random.NextDouble() - 1))];
}
