
namespace NotebookRnn.Kernels.Tests;

/// <summary>Row moves by index list against element-by-element expectations; rows of width 3 unless said.</summary>
public class RowKernelsTests
{
    // Row r of the matrix holds r·10 + 0, 1, 2.
    private static float[] Rows(int rows, int width = 3) => [.. Enumerable.Range(0, rows * width).Select(i => (float)(i / width * 10 + i % width))];

    private static float[] Row(int r, int width = 3) => Rows(r + 1, width)[(r * width)..];

    [Fact]
    public void Gather_takes_the_listed_rows_and_zeros_for_negative_indices()
    {
        float[] destination = [.. Enumerable.Repeat(9f, 9)];
        RowKernels.Gather(Rows(4), [3, -1, 0], destination, 3);
        Assert.Equal([.. Row(3), 0, 0, 0, .. Row(0)], destination);
    }

    [Fact]
    public void Scatter_writes_each_row_to_its_slot_and_skips_negative_indices()
    {
        float[] destination = new float[4 * 3];
        RowKernels.Scatter(Rows(3), destination, [2, -1, 0], 3);
        Assert.Equal([.. Row(2), 0, 0, 0, .. Row(0), 0, 0, 0], destination);
    }

    [Fact]
    public void Scatter_add_accumulates_rows_listed_twice()
    {
        float[] destination = [.. Enumerable.Repeat(1f, 6)];
        RowKernels.ScatterAdd(Rows(3), destination, [1, 1, -1], 3);
        Assert.Equal([1f, 1, 1, 11, 13, 15], destination);
    }

    [Fact]
    public void Copy_and_add_pair_source_rows_with_destination_rows()
    {
        float[] copied = new float[3 * 3], added = [.. Enumerable.Repeat(1f, 9)];
        RowKernels.Copy(Rows(3), [2, 0], copied, [0, 2], 3);
        Assert.Equal([.. Row(2), 0, 0, 0, .. Row(0)], copied);
        RowKernels.Add(Rows(3), [1, 1], added, [2, 0], 3);
        Assert.Equal([11f, 12, 13, 1, 1, 1, 11, 12, 13], added);
        Assert.Throws<ArgumentException>(() => RowKernels.Copy(Rows(3), [0, 1], copied, [0], 3));
    }

    [Fact]
    public void Multiply_rows_scales_each_row_by_its_factor_row()
    {
        float[] rows = Rows(2), factors = [2, 2, 2, 0, 1, -1];
        RowKernels.MultiplyRows(rows, factors, [1, 0], 3);
        Assert.Equal([0f, 1, -2, 20, 22, 24], rows);
    }

    [Fact]
    public void Carry_set_aside_and_add_back_touch_only_rows_not_kept()
    {
        bool[] keep = [true, false, true];
        float[] rows = Rows(3), previous = [.. Enumerable.Repeat(-1f, 9)];
        RowKernels.Carry(keep, previous, rows, 3);
        Assert.Equal([0f, 1, 2, -1, -1, -1, 20, 21, 22], rows);

        float[] gradients = Rows(3), aside = new float[9];
        RowKernels.SetAside(keep, gradients, aside, 3);
        Assert.Equal([0f, 1, 2, 0, 0, 0, 20, 21, 22], gradients);
        Assert.Equal([0f, 0, 0, 10, 11, 12, 0, 0, 0], aside);
        float[] previousGradients = [.. Enumerable.Repeat(1f, 9)];
        RowKernels.AddBack(keep, aside, previousGradients, 3);
        Assert.Equal([1f, 1, 1, 11, 12, 13, 1, 1, 1], previousGradients);
    }

    [Fact]
    public void Keep_rows_clears_dropped_rows_even_when_they_hold_infinities()
    {
        float[] source = [1, 2, float.PositiveInfinity, float.NaN, 5, 6], destination = new float[6];
        RowKernels.KeepRows(source, [1, 0, 1], destination, 2);
        Assert.Equal([1f, 2, 0, 0, 5, 6], destination);
    }

    [Fact]
    public void Concatenate_and_split_are_inverse()
    {
        float[] left = Rows(3, 2), right = Rows(3, 1), joined = new float[9];
        RowKernels.Concatenate(left, 2, right, 1, joined);
        Assert.Equal([0f, 1, 0, 10, 11, 10, 20, 21, 20], joined);
        float[] leftBack = new float[6], rightBack = new float[3];
        RowKernels.Split(joined, leftBack, 2, rightBack, 1);
        Assert.Equal(left, leftBack);
        Assert.Equal(right, rightBack);
        Assert.Throws<ArgumentException>(() => RowKernels.Concatenate(left, 2, right[..2], 1, joined));
    }

    [Fact]
    public void Reverse_within_blocks_reverses_each_sequence_separately()
    {
        float[] source = Rows(6, 1), destination = new float[6];
        RowKernels.ReverseWithinBlocks(source, destination, blocks: 2, blockRows: 3, width: 1);
        Assert.Equal([20f, 10, 0, 50, 40, 30], destination);
    }

    [Fact]
    public void Too_short_buffers_are_rejected_with_both_sizes()
    {
        var error = Assert.Throws<ArgumentException>(() => RowKernels.Gather(Rows(4), [0, 1, 2], new float[8], 3));
        Assert.Equal("destination", error.ParamName);
        Assert.Contains("3 rows of 3 floats (9), got 8", error.Message);
        Assert.Throws<ArgumentException>(() => RowKernels.MultiplyRows(new float[3], new float[6], [0, 1], 3));
    }
}
