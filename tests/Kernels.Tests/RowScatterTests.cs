namespace NotebookRnn.Kernels.Tests;

public class RowScatterTests
{
    // 3 rows of 2: 1 2 / 3 4 / 5 6.
    private static readonly float[] Source = [1, 2, 3, 4, 5, 6];

    [Fact]
    public void Rows_are_copied_to_their_indices_and_negative_indices_are_skipped()
    {
        float[] destination = new float[4 * 2];
        Array.Fill(destination, 9f);
        RowScatter.Copy(Source, [3, -1, 0], destination, 2);
        Assert.Equal([5f, 6, 9, 9, 9, 9, 1, 2], destination);
    }

    [Fact]
    public void Add_accumulates_rows_that_share_an_index()
    {
        float[] destination = [10, 20, 30, 40];
        RowScatter.Add(Source, [1, 1, -1], destination, 2);
        Assert.Equal([10f, 20, 34, 46], destination);
    }

    [Fact]
    public void A_stride_takes_one_column_of_an_index_table()
    {
        // A (3 samples, 2 steps) table; the last step of each sample is column 1.
        int[] table = [9, 2, 9, -1, 9, 0];
        float[] destination = new float[3 * 2];
        RowScatter.Add(Source, table.AsSpan(1), destination, 2, rowsStride: 2);
        Assert.Equal([5f, 6, 0, 0, 1, 2], destination);
    }

    [Fact]
    public void Multiply_writes_each_row_times_its_row_of_factors()
    {
        float[] factors = [2, 0.5f, -1, 1], destination = new float[3 * 2];
        RowScatter.Multiply(Source, [2, 0, -1], factors, [0, 1, 1], destination, 2);
        Assert.Equal([-3f, 4, 0, 0, 2, 1], destination);
    }

    [Fact]
    public void Wide_rows_run_the_vector_loops_and_give_the_scattered_values()
    {
        for (int rowLength = 0; rowLength <= 40; rowLength++)
        {
            float[] source = TestValues.Wave(2 * rowLength, 0), factors = TestValues.Wave(rowLength, 1);
            float[] added = TestValues.Wave(3 * rowLength, 2), start = [.. added], product = new float[3 * rowLength];
            RowScatter.Add(source, [2, 0], added, rowLength);
            RowScatter.Multiply(source, [2, 0], factors, [0, 0], product, rowLength);
            for (int j = 0; j < rowLength; j++)
            {
                Assert.Equal(start[2 * rowLength + j] + source[j], added[2 * rowLength + j]);
                Assert.Equal(start[j] + source[rowLength + j], added[j]);
                Assert.Equal(start[rowLength + j], added[rowLength + j]);
                Assert.Equal(source[j] * factors[j], product[2 * rowLength + j]);
            }
        }
    }

    [Fact]
    public void Bad_arguments_are_errors_that_name_them()
    {
        float[] destination = new float[4];
        Assert.Equal("rows", Assert.Throws<ArgumentOutOfRangeException>(() => RowScatter.Copy(Source, [0, 1, 2], destination, 2)).ParamName);
        Assert.Equal("rows", Assert.Throws<ArgumentException>(() => RowScatter.Add(Source, [0, 1], destination, 2)).ParamName);
        Assert.Equal("source", Assert.Throws<ArgumentException>(() => RowScatter.Add(Source, [0, 1, 0], destination, 4)).ParamName);
        Assert.Equal("rowLength", Assert.Throws<ArgumentOutOfRangeException>(() => RowScatter.Copy(Source, [0], destination, -2)).ParamName);
    }
}
