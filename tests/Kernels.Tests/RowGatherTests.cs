namespace NotebookRnn.Kernels.Tests;

public class RowGatherTests
{
    // 5 rows of 3: row r holds r·10, r·10 + 1, r·10 + 2.
    private static readonly float[] Source = [.. Enumerable.Range(0, 15).Select(i => (float)(i / 3 * 10 + i % 3))];

    [Fact]
    public void Rows_are_copied_in_index_order_and_a_negative_index_gives_zeros()
    {
        float[] destination = new float[4 * 3];
        Array.Fill(destination, 9f);
        RowGather.Copy(Source, [4, -1, 0, 4], destination, 3);
        Assert.Equal([40f, 41, 42, 0, 0, 0, 0, 1, 2, 40, 41, 42], destination);
    }

    [Fact]
    public void A_stride_takes_one_column_of_an_index_table()
    {
        // A (2 samples, 3 steps) table of row indices; the last step of each sample is column 2.
        int[] table = [0, 1, 2, 3, 4, -1];
        float[] destination = new float[2 * 3];
        RowGather.Copy(Source, table.AsSpan(2), destination, 3, rowsStride: 3);
        Assert.Equal([20f, 21, 22, 0, 0, 0], destination);
    }

    [Fact]
    public void Multiply_scales_each_gathered_row_by_its_row_of_factors()
    {
        float[] factors = [1, 2, 3, 0.5f, 0.5f, 0.5f], destination = new float[3 * 3];
        RowGather.Multiply(Source, [1, 3, -1], factors, [0, 1, 1], destination, 3);
        Assert.Equal([10f, 22, 36, 15, 15.5f, 16, 0, 0, 0], destination);
    }

    [Fact]
    public void Wide_rows_run_the_vector_loops_and_give_the_copied_values()
    {
        for (int rowLength = 0; rowLength <= 40; rowLength++)
        {
            float[] source = TestValues.Wave(4 * rowLength, 0), factors = TestValues.Wave(2 * rowLength, 1);
            float[] copy = new float[3 * rowLength], product = new float[3 * rowLength];
            RowGather.Copy(source, [3, 0, 2], copy, rowLength);
            RowGather.Multiply(source, [3, 0, 2], factors, [1, 1, 0], product, rowLength);
            for (int i = 0; i < 3; i++)
                for (int j = 0; j < rowLength; j++)
                {
                    int from = new[] { 3, 0, 2 }[i] * rowLength + j, factor = new[] { 1, 1, 0 }[i] * rowLength + j;
                    Assert.Equal(source[from], copy[i * rowLength + j]);
                    Assert.Equal(source[from] * factors[factor], product[i * rowLength + j]);
                }
        }
    }

    [Fact]
    public void Bad_arguments_are_errors_that_name_them()
    {
        float[] destination = new float[6];
        var tooFew = Assert.Throws<ArgumentException>(() => RowGather.Copy(Source, [0], destination, 3));
        Assert.Equal("rows", tooFew.ParamName);
        Assert.Contains("at least 2 values", tooFew.Message);
        var past = Assert.Throws<ArgumentOutOfRangeException>(() => RowGather.Copy(Source, [0, 5], destination, 3));
        Assert.Equal("rows", past.ParamName);
        Assert.Contains("index 5, past the 5 rows", past.Message);
        Assert.Equal("destination", Assert.Throws<ArgumentException>(() => RowGather.Copy(Source, [0, 1], new float[5], 3)).ParamName);
        Assert.Equal("rowsStride", Assert.Throws<ArgumentException>(() => RowGather.Copy(Source, [0, 1], destination, 3, rowsStride: 0)).ParamName);
        Assert.Equal("factorRows", Assert.Throws<ArgumentOutOfRangeException>(() =>
            RowGather.Multiply(Source, [0, 1], new float[3], [0, 1], destination, 3)).ParamName);
        Assert.Equal("factorRows", Assert.Throws<ArgumentException>(() =>
            RowGather.Multiply(Source, [0, 1], new float[3], [0], destination, 3)).ParamName);
    }
}
