namespace NotebookRnn.Kernels.Tests;

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
        float[] sixteenth = new float[16 * 16];
        for (int r = 0; r < 16; r++) sixteenth[r * 16 + r] = 2;
        Assert.True(sparse.TryCapture(sixteenth, 16, 16), "exactly MaxDensity nonzero is still sparse");
        sixteenth[1] = 3;
        Assert.False(sparse.TryCapture(sixteenth, 16, 16), "one more nonzero is not");
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
            for (int e = 0; e < r % 3; e++) x[r * k + random.Next(k)] = (float)random.NextDouble() * 4 - 2;
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
    public void Capturing_through_a_row_map_equals_gathering_then_capturing()
    {
        var random = new Random(4);
        float[] source = OneHot(random, 30, 57);
        int[] map = [.. Enumerable.Range(0, 45).Select(i => i % 9 == 4 ? -1 : random.Next(30))];
        float[] gathered = new float[map.Length * 57];
        RowKernels.Gather(source, map, gathered, 57);
        SparseRows byMap = new(), byCopy = new();
        Assert.True(byMap.TryCapture(source, map, 57));
        Assert.True(byCopy.TryCapture(gathered, map.Length, 57));
        float[] b = Values(random, 57 * 11), bias = Values(random, 11), viaMap = new float[map.Length * 11], viaCopy = new float[map.Length * 11];
        byMap.Multiply(b, 11, bias, viaMap);
        byCopy.Multiply(b, 11, bias, viaCopy);
        Assert.Equal(viaCopy, viaMap);
        Assert.Equal(byCopy.NonZeros, byMap.NonZeros);
        Assert.False(byMap.TryCapture([.. Enumerable.Range(1, 30 * 57).Select(i => (float)i)], map, 57));
        Assert.Throws<ArgumentException>(() => byMap.TryCapture(source, [30], 57));
    }

    [Fact]
    public void A_range_of_rows_gives_those_rows_of_the_whole_product()
    {
        var random = new Random(6);
        float[] x = OneHot(random, 40, 20), b = Values(random, 20 * 9), bias = Values(random, 9), whole = new float[40 * 9];
        var sparse = new SparseRows();
        Assert.True(sparse.TryCapture(x, 40, 20));
        sparse.Multiply(b, 9, bias, whole);
        float[] part = new float[7 * 9];
        sparse.Multiply(b, 9, bias, part, 13, 7);
        Assert.Equal(whole[(13 * 9)..(20 * 9)], part);
        Assert.Throws<ArgumentOutOfRangeException>(() => sparse.Multiply(b, 9, bias, part, 35, 7));
    }

    [Fact]
    public void Negative_zero_is_a_zero_and_every_other_value_in_any_column_is_captured()
    {
        float[] x = new float[3 * 40];
        x[5] = -0f;
        x[39] = 2;
        x[40 + 0] = -3;
        x[80 + 17] = 0.5f;
        var sparse = new SparseRows();
        Assert.True(sparse.TryCapture(x, 3, 40));
        Assert.Equal(3, sparse.NonZeros);
        float[] b = [.. Enumerable.Range(0, 40).Select(i => (float)i + 1)], c = new float[3];
        sparse.Multiply(b, 1, [], c);
        Assert.Equal([80f, -3f, 9f], c);
    }

    [Fact]
    public void NaN_in_the_input_reaches_the_product()
    {
        float[] x = new float[4 * 16];
        x[1] = float.NaN;
        x[2 * 16 + 1] = 1;
        var sparse = new SparseRows();
        Assert.True(sparse.TryCapture(x, 4, 16));
        float[] b = [.. Enumerable.Range(0, 16 * 3).Select(i => (float)i)], c = new float[4 * 3];
        sparse.Multiply(b, 3, [], c);
        Assert.True(c[..3].All(float.IsNaN));
        Assert.Equal([0f, 0f, 0f, 3f, 4f, 5f, 0f, 0f, 0f], c[3..]);
    }

    [Fact]
    public void A_smaller_matrix_after_a_larger_one_reuses_the_buffers_correctly()
    {
        var sparse = new SparseRows();
        Assert.True(sparse.TryCapture(OneHot(new Random(3), 100, 20), 100, 20));
        float[] small = OneHot(new Random(4), 3, 20);
        Assert.True(sparse.TryCapture(small, 3, 20));
        Assert.Equal((3, 20, 3), (sparse.Rows, sparse.Columns, sparse.NonZeros));
        float[] b = [.. Enumerable.Range(0, 20 * 2).Select(i => (float)i)], c = new float[6];
        sparse.Multiply(b, 2, [], c);
        for (int r = 0; r < 3; r++)
        {
            int hot = Array.IndexOf(small, 1f, r * 20) - r * 20;
            Assert.Equal([2f * hot, 2f * hot + 1], c[(r * 2)..(r * 2 + 2)]);
        }
    }

    [Fact]
    public void Spans_shorter_than_their_matrix_are_errors_that_name_them()
    {
        var sparse = new SparseRows();
        Assert.Equal("dense", Assert.Throws<ArgumentException>(() => sparse.TryCapture(new float[19], 4, 5)).ParamName);
        Assert.Equal("rows", Assert.Throws<ArgumentOutOfRangeException>(() => sparse.TryCapture(new float[20], -4, 5)).ParamName);
        Assert.True(sparse.TryCapture(OneHot(new Random(5), 4, 20), 4, 20));
        var error = Assert.Throws<ArgumentException>(() => sparse.Multiply(new float[20 * 3 - 1], 3, [], new float[12]));
        Assert.Equal("b", error.ParamName);
        Assert.Contains("at least 60 values", error.Message);
        Assert.Equal("c", Assert.Throws<ArgumentException>(() => sparse.Multiply(new float[60], 3, [], new float[11])).ParamName);
        Assert.Equal("bias", Assert.Throws<ArgumentException>(() => sparse.Multiply(new float[60], 3, new float[2], new float[12])).ParamName);
        Assert.Equal("target", Assert.Throws<ArgumentException>(() => sparse.AddTransposedProduct(new float[12], 3, new float[59])).ParamName);
        Assert.Equal("d", Assert.Throws<ArgumentException>(() => sparse.AddTransposedProduct(new float[11], 3, new float[60])).ParamName);
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
