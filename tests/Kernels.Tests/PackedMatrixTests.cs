namespace NotebookRnn.Kernels.Tests;

/// <summary>B packed once for many products: the same numbers as packing per product, and the checks before packing.</summary>
public class PackedMatrixTests
{
    /// <summary>Packed panels feed the same micro-kernel in the same order, so the products agree bit for bit.</summary>
    [Theory, MemberData(nameof(GemmTests.PathsAndTransposes), MemberType = typeof(GemmTests))]
    public void A_prepacked_b_gives_the_unpacked_product_exactly(GemmPath path, bool transposeA, bool transposeB)
    {
        int[][] shapes = [[128, 512, 128], [250, 70, 600], [20, 2100, 40], [3, 2100, 300], [1, 33, 7], [5, 0, 4], [4, 6, 0]];
        var packed = new PackedMatrix();
        foreach (int[] shape in shapes)
        {
            int m = shape[0], n = shape[1], k = shape[2];
            var random = new Random(m + n + k);
            float[] a = RandomValues(random, m * k), b = RandomValues(random, k * n);
            float[] expected = RandomValues(random, m * n), actual = (float[])expected.Clone();
            int lda = transposeA ? m : k, ldb = transposeB ? k : n;
            Gemm.Multiply(path, transposeA, transposeB, m, n, k, 0.5f, a, lda, b, ldb, 1.5f, expected, n);
            packed.Pack(path, transposeB, k, n, b, ldb);
            Gemm.Multiply(transposeA, m, 0.5f, a, lda, packed, 1.5f, actual, n);
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void A_missing_pack_is_an_error()
    {
        Assert.Equal("b", Assert.Throws<ArgumentNullException>(() =>
            Gemm.Multiply(false, 1, 1f, new float[1], 1, null!, 0f, new float[1], 1)).ParamName);
    }

    [Fact]
    public void Packing_checks_b_before_touching_it()
    {
        var packed = new PackedMatrix();
        var error = Assert.Throws<ArgumentException>(() => packed.Pack(false, 4, 8, new float[31], 8));
        Assert.Equal("b", error.ParamName);
        Assert.Contains("at least 32 elements", error.Message);
        Assert.Equal("k", Assert.Throws<ArgumentException>(() => packed.Pack(false, -1, 8, new float[8], 8)).ParamName);
        Assert.Equal(0, packed.Depth);
    }

    private static float[] RandomValues(Random random, int length) =>
        [.. Enumerable.Range(0, length).Select(_ => (float)(2 * random.NextDouble() - 1))];
}
