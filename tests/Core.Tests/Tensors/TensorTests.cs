using NotebookRnn.Tensors;

namespace NotebookRnn.Tests.Tensors;

public class TensorTests
{
    [Fact]
    public void Arrays_convert_in_row_major_order()
    {
        Tensor t = new float[,,] { { { 1, 2 }, { 3, 4 } }, { { 5, 6 }, { 7, 8 } } };
        Assert.Equal([2, 2, 2], t.Shape);
        Assert.Equal(7f, t[1, 1, 0]);
        Tensor ids = new int[,] { { 3, 1 } };
        Assert.Equal([3f, 1f], ids.ToArray());
        Assert.Equal(new float[,] { { 3, 1 } }, ids.ToArray2D());
    }

    [Fact]
    public void Reshape_shares_data_and_infers_one_dimension()
    {
        var t = new Tensor([1f, 2, 3, 4, 5, 6], 2, 3);
        Tensor r = t.Reshape(3, -1);
        Assert.Equal([3, 2], r.Shape);
        r[0, 0] = 10;
        Assert.Equal(10f, t[0, 0]);
    }

    [Fact]
    public void Shape_errors_name_both_shapes()
    {
        var error = Assert.Throws<ArgumentException>(() => new Tensor(6).Reshape(4, 2));
        Assert.Contains("(6,)", error.Message);
        Assert.Contains("(4, 2)", error.Message);
        var wrap = Assert.Throws<ArgumentException>(() => new Tensor(new float[5], 2, 3));
        Assert.Contains("(2, 3)", wrap.Message);
    }

    [Fact]
    public void Batch_slicing_and_gathering_copy_whole_samples()
    {
        var t = new Tensor([.. Enumerable.Range(0, 12).Select(i => (float)i)], 4, 3);
        Assert.Equal([3f, 4, 5, 6, 7, 8], t.SliceBatch(1, 2).ToArray());
        Assert.Equal([9f, 10, 11, 0, 1, 2], t.Gather([3, 0]).ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => t.SliceBatch(3, 2));
    }

    [Fact]
    public void Preview_shows_shape_and_elides_long_axes()
    {
        var t = new Tensor(128, 40, 57);
        string text = t.ToString();
        Assert.StartsWith("Tensor(shape=[128, 40, 57], float32) [[[0, 0, 0, ..., 0]", text);
        Assert.True(text.Length < 400, text);
        Assert.Equal("Tensor(shape=[2], float32) [1.5, -2]", new Tensor([1.5f, -2f], 2).ToString());
    }

    [Fact]
    public void Element_access_checks_every_index()
    {
        var t = new Tensor(2, 3);
        var error = Assert.Throws<IndexOutOfRangeException>(() => t[1, 3]);
        Assert.Contains("axis 1", error.Message);
    }
}
