using NotebookRnn.Kernels;

namespace NotebookRnn.Tests.Kernels;

/// <summary>Products over the nonzeros against the dense GEMM, and when a matrix counts as sparse.</summary>
public class SparseRowsTests
{
    [Fact]
    public void One_hot_rows_are_captured_and_dense_rows_are_not()
    {
        var sparse = new SparseRows();
        Assert.True(sparse.TryCapture(OneHot(new Random(1), 50, 57), 50, 57));
        Assert.Equal(50, sparse.NonZeros);
        float[] dense = [.. Enumerable.Range(1, 50 * 57).Select(i => (float)i)];
        Assert.False(sparse.TryCapture(dense, 50, 57));
        float[] quarter = new float[8 * 4];
        for (int r = 0; r < 8; r++) quarter[r * 4 + r % 4] = 2;
        Assert.True(sparse.TryCapture(quarter, 8, 4), "exactly a quarter nonzero is still sparse");
        quarter[1] = 3;
        Assert.False(sparse.TryCapture(quarter, 8, 4), "one more nonzero is not");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Products_match_the_dense_gemm(bool withBias)
    {
        var random = new Random(2);
        int rows = 40, k = 23, n = 37;
        float[] x = new float[rows * k];
        for (int r = 0; r < rows; r++)
            for (int e = 0; e < r % 4; e++) x[r * k + random.Next(k)] = (float)random.NextDouble() * 4 - 2;
        float[] b = Values(random, k * n), bias = withBias ? Values(random, n) : [];
        float[] expected = new float[rows * n], actual = Values(random, rows * n);
        Gemm.Multiply(false, false, rows, n, k, 1f, x, b, 0f, expected);
        if (withBias) ActivationKernels.AddBias(expected, bias);
        var sparse = new SparseRows();
        Assert.True(sparse.TryCapture(x, rows, k));
        sparse.Multiply(b, n, bias, actual);
        AssertClose(expected, actual);

        float[] d = Values(random, rows * n), start = Values(random, k * n);
        float[] expectedT = (float[])start.Clone(), actualT = (float[])start.Clone();
        Gemm.Multiply(true, false, k, n, rows, 1f, x, d, 1f, expectedT);
        sparse.AddTransposedProduct(d, n, actualT);
        AssertClose(expectedT, actualT);
    }

    [Fact]
    public void NaN_in_the_input_reaches_the_product()
    {
        float[] x = [0, float.NaN, 0, 0, 0, 1, 0, 0];
        var sparse = new SparseRows();
        Assert.True(sparse.TryCapture(x, 4, 2));
        float[] c = new float[4 * 3];
        sparse.Multiply([1, 2, 3, 4, 5, 6], 3, [], c);
        Assert.True(float.IsNaN(c[0]) && float.IsNaN(c[2]));
        Assert.Equal([0f, 0f, 0f, 4f, 5f, 6f], c[3..9]);
    }

    [Fact]
    public void A_smaller_matrix_after_a_larger_one_reuses_the_buffers_correctly()
    {
        var sparse = new SparseRows();
        Assert.True(sparse.TryCapture(OneHot(new Random(3), 100, 10), 100, 10));
        float[] small = OneHot(new Random(4), 3, 10);
        Assert.True(sparse.TryCapture(small, 3, 10));
        Assert.Equal((3, 10, 3), (sparse.Rows, sparse.Columns, sparse.NonZeros));
        float[] b = [.. Enumerable.Range(0, 10 * 2).Select(i => (float)i)], c = new float[6];
        sparse.Multiply(b, 2, [], c);
        for (int r = 0; r < 3; r++)
        {
            int hot = Array.IndexOf(small, 1f, r * 10) - r * 10;
            Assert.Equal([2f * hot, 2f * hot + 1], c[(r * 2)..(r * 2 + 2)]);
        }
    }

    private static float[] OneHot(Random random, int rows, int columns)
    {
        float[] x = new float[rows * columns];
        for (int r = 0; r < rows; r++) x[r * columns + random.Next(columns)] = 1;
        return x;
    }

    private static float[] Values(Random random, int length) =>
        [.. Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() * 2 - 1))];

    private static void AssertClose(float[] expected, float[] actual)
    {
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 1e-5f);
    }
}
