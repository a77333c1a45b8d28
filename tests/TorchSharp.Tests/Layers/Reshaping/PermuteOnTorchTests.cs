using NotebookRnn.Layers;
using NotebookRnn.Layers.Reshaping;
using NotebookRnn.Models;
using NotebookRnn.Optimizers;
using NotebookRnn.Tensors;

namespace NotebookRnn.TorchSharp.Tests.Layers.Reshaping;

public class PermuteOnTorchTests
{
    [Theory]
    [InlineData(new[] { 2, 1 })]
    [InlineData(new[] { 1, 2 })]
    public void Permute_of_a_sequence_gives_the_same_outputs_and_step_on_both_backends(int[] dims)
    {
        var models = new BackendComparison(() => new Sequential([new Dense(3, "tanh", inputShape: [4, 2]), new Permute(dims), new Dense(2)], seed: 3),
            () => new Adam(0.01), "mse");
        Tensor y = TestData.Uniform(2, [5, .. models.Managed.OutputShape.Select(d => d!.Value)]);
        models.AssertSameStep(TestData.Uniform(1, 5, 4, 2), y);
    }

    [Fact]
    public void Permute_of_three_axes_gives_the_same_outputs_and_step_on_both_backends()
    {
        var models = new BackendComparison(() => new Sequential([new Dense(3, inputShape: [4, 2, 5]), new Permute([3, 1, 2]), new Flatten(), new Dense(2)], seed: 4),
            () => new RMSprop(0.01), "mse");
        models.AssertSameStep(TestData.Uniform(1, 3, 4, 2, 5), TestData.Uniform(2, 3, 2));
    }
}
