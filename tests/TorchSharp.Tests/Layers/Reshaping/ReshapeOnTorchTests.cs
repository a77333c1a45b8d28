using NotebookRnn.Layers;
using NotebookRnn.Layers.Reshaping;
using NotebookRnn.Models;
using NotebookRnn.Optimizers;
using NotebookRnn.Tensors;

namespace NotebookRnn.TorchSharp.Tests.Layers.Reshaping;

public class ReshapeOnTorchTests
{
    [Theory]
    [InlineData(new[] { 3, 4 })]
    [InlineData(new[] { -1, 2 })]
    [InlineData(new[] { 12 })]
    public void Reshape_gives_the_same_outputs_and_step_on_both_backends(int[] target)
    {
        var models = new BackendComparison(() => new Sequential([new Dense(3, "tanh", inputShape: [4, 2]), new Reshape(target), new Dense(2)], seed: 3),
            () => new Adam(0.01), "mse");
        int?[] output = models.Managed.OutputShape;
        Tensor y = TestData.Uniform(2, [5, .. output.Select(d => d!.Value)]);
        models.AssertSameStep(TestData.Uniform(1, 5, 4, 2), y);
    }

    [Fact]
    public void Reshape_of_a_size_that_does_not_fit_is_refused_on_both_backends_with_one_message()
    {
        var models = new BackendComparison(() => new Sequential([new Reshape([-1, 4], inputShape: [null, 3]), new Dense(2)], seed: 3),
            () => new Adam(0.01), "mse");
        var x = TestData.Uniform(1, 2, 5, 3);
        var managed = Assert.Throws<ArgumentException>(() => models.Managed.Predict(x));
        var torch = Assert.Throws<ArgumentException>(() => models.Torch.Predict(x));
        Assert.Contains("cannot be divided by the 4 values", torch.Message);
        Assert.Equal(managed.Message, torch.Message);
    }
}
