using NotebookRnn.Data;
using NotebookRnn.Tensors;

namespace NotebookRnn.Tests.Data;

public class TensorDataSourceTests
{
    [Fact]
    public void A_batch_gathers_the_listed_samples_in_order_and_all_samples_in_order_are_not_copied()
    {
        Tensor x = new float[,] { { 1, 2 }, { 3, 4 }, { 5, 6 } }, y = new float[] { 10, 20, 30 };
        var source = new TensorDataSource(x, y);

        Batch some = source.Take([2, 0]);
        Assert.Equal([5f, 6, 1, 2], some.X.ToArray());
        Assert.Equal([30f, 10], some.Y!.ToArray());
        Assert.Same(x, source.Take([0, 1, 2]).X);
    }

    [Fact]
    public void A_view_assembles_batches_in_buffers_of_its_own_and_follows_Rebind()
    {
        var source = new TensorDataSource(new float[,] { { 1 }, { 2 } }, null) { SampleTokens = [1, 1] };
        var view = (TensorDataSource)source.CreateView();
        Tensor fromSource = source.Take([1]).X, fromView = view.Take([0]).X;
        Assert.NotSame(fromSource, fromView);
        Assert.Equal((2f, 1f), (fromSource[0, 0], fromView[0, 0]));

        source.Rebind(new float[,] { { 7 }, { 8 }, { 9 } }, null);

        Assert.Equal((3, 9f), (view.Count, view.Take([2]).X[0, 0]));
        Assert.Null(view.SampleTokens);
    }
}
