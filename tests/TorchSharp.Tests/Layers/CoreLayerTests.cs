using NotebookRnn.Layers;
using NotebookRnn.Models;
using NotebookRnn.Optimizers;
using NotebookRnn.Tensors;

namespace NotebookRnn.TorchSharp.Tests.Layers;

public class CoreLayerTests
{
    private static Tensor Random(long seed, params int[] shape)
    {
        var random = new RandomGenerator(seed);
        var values = new float[shape.Aggregate(1, (a, b) => a * b)];
        for (int i = 0; i < values.Length; i++) values[i] = (float)(random.NextDouble() * 2 - 1);
        return new Tensor(values, shape);
    }

    [Theory]
    [InlineData("linear")]
    [InlineData("relu")]
    [InlineData("sigmoid")]
    [InlineData("tanh")]
    [InlineData("softmax")]
    [InlineData("hard_sigmoid")]
    public void Dense_gives_the_same_outputs_and_the_same_step_on_both_backends(string activation)
    {
        var models = new BackendComparison(() => new Sequential([new Dense(5, activation, inputShape: [4]), new Dense(3)], seed: 3),
            () => new Adam(0.01), "mse");
        models.AssertSameStep(Random(1, 8, 4), Random(2, 8, 3));
    }

    [Fact]
    public void Embedding_with_maskZero_gives_the_same_outputs_and_step()
    {
        var ids = new Tensor([1, 2, 3, 0, 4, 4, 0, 0, 5, 1, 2, 3], 3, 4);
        var models = new BackendComparison(() => new Sequential([new Embedding(6, 4, maskZero: true, inputShape: [4]), new Dense(2, "softmax")], seed: 5),
            () => new RMSprop(0.01), "categorical_crossentropy");
        models.AssertSameStep(ids, Random(3, 3, 4, 2));
    }
}
