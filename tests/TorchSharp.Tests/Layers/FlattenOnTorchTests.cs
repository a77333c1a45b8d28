using NotebookRnn.Layers;
using NotebookRnn.Models;
using NotebookRnn.Optimizers;
using NotebookRnn.Tensors;

namespace NotebookRnn.TorchSharp.Tests.Layers;

public class FlattenOnTorchTests
{
    [Fact]
    public void Flatten_gives_the_same_outputs_and_step_on_both_backends()
    {
        var models = new BackendComparison(() => new Sequential([new Dense(3, "tanh", inputShape: [4, 2]), new Flatten(), new Dense(2)], seed: 3),
            () => new Adam(0.01), "mse");
        models.AssertSameStep(TestData.Uniform(1, 5, 4, 2), TestData.Uniform(2, 5, 2));
    }

    [Fact]
    public void A_mask_reaching_flatten_is_refused_on_both_backends_with_one_message()
    {
        var models = new BackendComparison(() => new Sequential([new Embedding(9, 4, maskZero: true, inputShape: [5]), new Flatten(), new Dense(2)], seed: 3),
            () => new Adam(0.01), "mse");
        Tensor ids = TestData.Padded(TestData.Ragged(1, count: 4, minLength: 1, maxLength: 5, vocabulary: 9), 5, Padding.Post);
        var managed = Assert.Throws<InvalidOperationException>(() => models.Managed.Predict(ids));
        var torch = Assert.Throws<InvalidOperationException>(() => models.Torch.Predict(ids));
        Assert.Equal(managed.Message, torch.Message);
    }
}
