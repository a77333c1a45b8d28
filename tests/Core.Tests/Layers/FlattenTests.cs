using NotebookRnn.Layers;
using NotebookRnn.Tensors;

namespace NotebookRnn.Tests.Layers;

public class FlattenTests
{
    [Fact]
    public void Flattens_all_but_the_batch_axis_and_gradients_pass_back_reshaped()
    {
        var layer = new Flatten();
        layer.Build([2, 3], new RandomGenerator(1));
        Assert.Equal([6], layer.OutputShape);
        Tensor x = GradientCheck.Uniform(1, -1, 1, 4, 2, 3);
        Tensor y = layer.Forward(x, null, true);
        Assert.Equal([4, 6], y.Shape);
        Assert.Equal(x.ToArray(), y.ToArray());
        GradientCheck.Layer(layer, x);
    }

    [Fact]
    public void Unknown_dimensions_cannot_be_flattened()
    {
        var error = Assert.Throws<ArgumentException>(() => new Flatten().Build([null, 3], new RandomGenerator(1)));
        Assert.Contains("(None, 3)", error.Message);
    }
}
