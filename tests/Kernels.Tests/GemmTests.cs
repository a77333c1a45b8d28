using System.Numerics.Tensors;

namespace NotebookRnn.Kernels.Tests;

/// <summary>
/// Every GEMM path this machine supports, against a naive double-precision product. The tolerance per element is
/// the worst-case rounding bound of a length-k float dot product (Higham's γₖ ≈ k·u, u = 2⁻²⁴) with a margin of
/// two and three extra roundings for α and β: |C − C_ref| ≤ 2·(k + 3)·u·(|α|·Σₚ|op(A)ᵢₚ·op(B)ₚⱼ| + |β·Cᵢⱼ|).
/// It holds for any summation order, blocking or FMA use, and demands exact zeros where every term is zero.
/// </summary>
public class GemmTests
{
    private const double UnitRoundoff = 1.0 / (1 << 24);
    private const int SweepMax = 70;
    private const float CSentinel = 12345f;
    private static readonly int[] HeldSizes = [1, 67];
    private static readonly (float Alpha, float Beta)[] Scalars = [(1f, 0f), (-0.5f, 1f), (2f, -0.75f), (0.25f, 0f)];

    public static TheoryData<GemmPath, bool, bool> PathsAndTransposes()
    {
        var data = new TheoryData<GemmPath, bool, bool>();
        foreach (GemmPath path in Enum.GetValues<GemmPath>().Where(Gemm.IsSupported))
            foreach (bool transposeA in new[] { false, true })
                foreach (bool transposeB in new[] { false, true })
                    data.Add(path, transposeA, transposeB);
        return data;
    }

    [Fact]
    public void Every_accelerated_width_is_supported()
    {
        Assert.True(Gemm.IsSupported(GemmPath.Scalar));
        Assert.Equal(System.Runtime.Intrinsics.Vector128.IsHardwareAccelerated, Gemm.IsSupported(GemmPath.Vector128));
        Assert.Equal(System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated, Gemm.IsSupported(GemmPath.Vector256));
        Assert.True(Gemm.IsSupported(Gemm.BestPath));
    }

    [Theory, MemberData(nameof(PathsAndTransposes))]
    public void Every_path_matches_the_naive_product_when_m_sweeps(GemmPath path, bool transposeA, bool transposeB)
    {
        foreach (int n in HeldSizes)
            foreach (int k in HeldSizes)
                for (int m = 0; m <= SweepMax; m++)
                    AssertMatchesReference(SweepCase(path, transposeA, transposeB, m, n, k));
    }

    [Theory, MemberData(nameof(PathsAndTransposes))]
    public void Every_path_matches_the_naive_product_when_n_sweeps(GemmPath path, bool transposeA, bool transposeB)
    {
        foreach (int m in HeldSizes)
            foreach (int k in HeldSizes)
                for (int n = 0; n <= SweepMax; n++)
                    AssertMatchesReference(SweepCase(path, transposeA, transposeB, m, n, k));
    }

    [Theory, MemberData(nameof(PathsAndTransposes))]
    public void Every_path_matches_the_naive_product_when_k_sweeps(GemmPath path, bool transposeA, bool transposeB)
    {
        foreach (int m in HeldSizes)
            foreach (int n in HeldSizes)
                for (int k = 0; k <= SweepMax; k++)
                    AssertMatchesReference(SweepCase(path, transposeA, transposeB, m, n, k));
    }

    [Theory, MemberData(nameof(PathsAndTransposes))]
    public void Every_path_matches_the_naive_product_on_random_strided_shapes(GemmPath path, bool transposeA, bool transposeB)
    {
        var random = new Random(1000 * (int)path + 10 * (transposeA ? 1 : 0) + (transposeB ? 1 : 0));
        for (int trial = 0; trial < 8; trial++)
        {
            var (alpha, beta) = Scalars[trial % Scalars.Length];
            AssertMatchesReference(new GemmCase(path, transposeA, transposeB,
                random.Next(1, 301), random.Next(1, 301), random.Next(1, 301), alpha, beta,
                PadA: random.Next(0, 9), PadB: random.Next(0, 9), PadC: random.Next(0, 9), Seed: trial));
        }
    }

    /// <summary>Shapes that cross the driver's row, depth and column blocks, and the in-place B threshold.</summary>
    [Theory, MemberData(nameof(PathsAndTransposes))]
    public void Every_path_stitches_cache_blocks_together(GemmPath path, bool transposeA, bool transposeB)
    {
        int[][] shapes = [[250, 70, 600], [20, 2100, 40], [3, 2100, 300], [33, 64, 520], [32, 96, 257], [13, 40, 1030]];
        foreach (int[] shape in shapes)
            AssertMatchesReference(new GemmCase(path, transposeA, transposeB, shape[0], shape[1], shape[2],
                Alpha: 0.5f, Beta: 1.5f, PadA: 5, PadB: 3, PadC: 7, Seed: shape[0]));
    }

    [Theory, MemberData(nameof(PathsAndTransposes))]
    public void A_zero_alpha_only_scales_c(GemmPath path, bool transposeA, bool transposeB)
    {
        AssertMatchesReference(new GemmCase(path, transposeA, transposeB, 9, 13, 17, 0f, 0.5f, 1, 2, 3, Seed: 1));
        AssertMatchesReference(new GemmCase(path, transposeA, transposeB, 9, 13, 17, 0f, 0f, 1, 2, 3, Seed: 2));
    }

    [Fact]
    public void The_public_overloads_run_the_best_path()
    {
        var random = new Random(7);
        float[] a = RandomValues(random, 45 * 70), b = RandomValues(random, 70 * 51);
        float[] viaBest = RandomValues(new Random(8), 45 * 51), viaStrided = (float[])viaBest.Clone(), viaDense = (float[])viaBest.Clone();
        Gemm.Multiply(Gemm.BestPath, false, true, 45, 51, 70, 1.5f, a, 70, b, 70, 0.5f, viaBest, 51);
        Gemm.Multiply(false, true, 45, 51, 70, 1.5f, a, 70, b, 70, 0.5f, viaStrided, 51);
        Gemm.Multiply(false, true, 45, 51, 70, 1.5f, a, b, 0.5f, viaDense);
        Assert.Equal(viaBest, viaStrided);
        Assert.Equal(viaBest, viaDense);
    }

    [Fact]
    public void Multiplying_allocates_nothing_after_warm_up()
    {
        var random = new Random(3);
        float[] a = RandomValues(random, 200 * 300), b = RandomValues(random, 300 * 200), c = new float[200 * 200];
        GemmPath[] paths = Enum.GetValues<GemmPath>().Where(Gemm.IsSupported).ToArray();
        void MultiplyAll()
        {
            foreach (GemmPath path in paths)
            {
                Gemm.Multiply(path, false, false, 200, 200, 300, 1f, a, 300, b, 200, 0f, c, 200);
                Gemm.Multiply(path, true, true, 200, 200, 300, 1f, a, 200, b, 300, 1f, c, 200);
                Gemm.Multiply(path, false, false, 5, 200, 300, 1f, a, 300, b, 200, 0f, c, 200);
            }
        }

        // Tiered compilation may touch this thread's allocation counter while the rest of the suite runs in parallel,
        // so the claim is checked as "some warm run allocates nothing": a GEMM that allocated would do so every run.
        for (int i = 0; i < 3; i++) MultiplyAll();
        var allocated = new List<long>();
        for (int run = 0; run < 5; run++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            MultiplyAll();
            allocated.Add(GC.GetAllocatedBytesForCurrentThread() - before);
        }
        Assert.True(allocated.Min() == 0, $"every warm run allocated: {string.Join(", ", allocated)} bytes");
    }

    [Theory]
    [InlineData(-1, 2, 2, "m")]
    [InlineData(2, -1, 2, "n")]
    [InlineData(2, 2, -1, "k")]
    public void Negative_dimensions_throw_naming_the_dimension(int m, int n, int k, string name)
    {
        var error = Assert.Throws<ArgumentException>(() =>
            Gemm.Multiply(false, false, m, n, k, 1f, new float[16], 4, new float[16], 4, 0f, new float[16], 4));
        Assert.Equal(name, error.ParamName);
        Assert.Contains("≥ 0", error.Message);
    }

    [Theory]
    [InlineData(false, false, 2, 4, 4, "a")]
    [InlineData(true, false, 3, 4, 4, "a")]
    [InlineData(false, false, 3, 3, 4, "b")]
    [InlineData(false, true, 3, 2, 4, "b")]
    [InlineData(false, false, 3, 4, 3, "c")]
    public void Strides_shorter_than_a_row_throw_naming_the_matrix(bool transposeA, bool transposeB, int lda, int ldb, int ldc, string name)
    {
        // op(A) is 4×3, op(B) is 3×4, C is 4×4: the tight strides are 3 (A), 4 (Aᵀ), 4 (B), 3 (Bᵀ) and 4 (C).
        var error = Assert.Throws<ArgumentException>(() => Gemm.Multiply(transposeA, transposeB, 4, 4, 3, 1f,
            new float[64], lda, new float[64], ldb, 0f, new float[64], ldc));
        Assert.Equal(name, error.ParamName);
        Assert.Contains("stride", error.Message);
    }

    [Theory]
    [InlineData(11, 12, 16, "a")]
    [InlineData(12, 11, 16, "b")]
    [InlineData(12, 12, 15, "c")]
    public void Spans_shorter_than_their_matrix_throw_naming_the_matrix(int aLength, int bLength, int cLength, string name)
    {
        var error = Assert.Throws<ArgumentException>(() => Gemm.Multiply(false, false, 4, 4, 3, 1f,
            new float[aLength], 3, new float[bLength], 4, 0f, new float[cLength], 4));
        Assert.Equal(name, error.ParamName);
        Assert.Contains("at least", error.Message);
    }

    [Fact]
    public void Undefined_paths_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            Gemm.Multiply((GemmPath)99, false, false, 1, 1, 1, 1f, new float[1], 1, new float[1], 1, 0f, new float[1], 1));
    }

    private sealed record GemmCase(GemmPath Path, bool TransposeA, bool TransposeB, int M, int N, int K,
        float Alpha, float Beta, int PadA, int PadB, int PadC, int Seed);

    private static GemmCase SweepCase(GemmPath path, bool transposeA, bool transposeB, int m, int n, int k)
    {
        int index = m + n + k;
        var (alpha, beta) = Scalars[index % Scalars.Length];
        int pad = index % 3 * 2;
        return new GemmCase(path, transposeA, transposeB, m, n, k, alpha, beta, pad, 2 - pad / 2, pad, index);
    }

    /// <summary>
    /// Runs one case with NaN in every stored element of A and B outside op(A) and op(B) (so reading them would
    /// show), NaN in C when β = 0 (so reading C would show), and a sentinel in C's stride padding (which must survive).
    /// </summary>
    private static void AssertMatchesReference(GemmCase test)
    {
        var random = new Random(test.Seed);
        int aRows = test.TransposeA ? test.K : test.M, aColumns = test.TransposeA ? test.M : test.K;
        int bRows = test.TransposeB ? test.N : test.K, bColumns = test.TransposeB ? test.K : test.N;
        int lda = aColumns + test.PadA, ldb = bColumns + test.PadB, ldc = test.N + test.PadC;
        float[] a = StridedMatrix(random, aRows, aColumns, lda, float.NaN);
        float[] b = StridedMatrix(random, bRows, bColumns, ldb, float.NaN);
        float[] c = StridedMatrix(random, test.M, test.N, ldc, CSentinel);
        if (test.Beta == 0) Array.Fill(c, float.NaN);
        RestorePadding(c, test.M, test.N, ldc, CSentinel);
        float[] original = (float[])c.Clone();

        Gemm.Multiply(test.Path, test.TransposeA, test.TransposeB, test.M, test.N, test.K, test.Alpha,
            a, lda, b, ldb, test.Beta, c, ldc);

        double[] opA = Dense(a, lda, test.M, test.K, test.TransposeA);
        double[] opBTransposed = Dense(b, ldb, test.N, test.K, !test.TransposeB);
        double[] opAMagnitude = Magnitudes(opA), opBTransposedMagnitude = Magnitudes(opBTransposed);
        for (int i = 0; i < test.M; i++)
        {
            for (int j = 0; j < test.N; j++)
            {
                double sum = TensorPrimitives.Dot<double>(opA.AsSpan(i * test.K, test.K), opBTransposed.AsSpan(j * test.K, test.K));
                double magnitude = TensorPrimitives.Dot<double>(opAMagnitude.AsSpan(i * test.K, test.K),
                    opBTransposedMagnitude.AsSpan(j * test.K, test.K));
                double scaledC = test.Beta == 0 ? 0 : (double)test.Beta * original[i * ldc + j];
                double expected = test.Alpha * sum + scaledC;
                double tolerance = 2 * (test.K + 3) * UnitRoundoff * (Math.Abs(test.Alpha) * magnitude + Math.Abs(scaledC));
                float actual = c[i * ldc + j];
                if (!(Math.Abs(actual - expected) <= tolerance))
                    Assert.Fail($"{test}: C[{i},{j}] = {actual}, expected {expected} ± {tolerance}.");
            }

            for (int j = test.N; j < ldc && i * ldc + j < c.Length; j++)
                if (c[i * ldc + j] != CSentinel) Assert.Fail($"{test}: C[{i},{j}] is stride padding but was written.");
        }
    }

    /// <summary>The rows×columns matrix stored at <paramref name="values"/>, or its transpose, densely in double.</summary>
    private static double[] Dense(float[] values, int stride, int rows, int columns, bool transposed)
    {
        var dense = new double[rows * columns];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < columns; j++)
                dense[i * columns + j] = transposed ? values[j * stride + i] : values[i * stride + j];
        return dense;
    }

    private static double[] Magnitudes(double[] values)
    {
        var magnitudes = new double[values.Length];
        TensorPrimitives.Abs<double>(values, magnitudes);
        return magnitudes;
    }

    private static float[] StridedMatrix(Random random, int rows, int columns, int stride, float padding)
    {
        float[] values = RandomValues(random, rows == 0 ? 0 : (rows - 1) * stride + columns);
        RestorePadding(values, rows, columns, stride, padding);
        return values;
    }

    private static void RestorePadding(float[] values, int rows, int columns, int stride, float padding)
    {
        for (int i = 0; i < rows; i++)
            for (int j = columns; j < stride && i * stride + j < values.Length; j++)
                values[i * stride + j] = padding;
    }

    private static float[] RandomValues(Random random, int length)
    {
        var values = new float[length];
        for (int i = 0; i < length; i++) values[i] = (float)(2 * random.NextDouble() - 1);
        return values;
    }
}
