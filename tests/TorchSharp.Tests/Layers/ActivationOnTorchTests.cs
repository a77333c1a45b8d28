using NotebookRnn.Layers;
using NotebookRnn.Models;
using NotebookRnn.Optimizers;
using NotebookRnn.Tensors;

namespace NotebookRnn.TorchSharp.Tests.Layers;

public class ActivationOnTorchTests
{
    [Theory]
    [InlineData("linear")]
    [InlineData("relu")]
    [InlineData("sigmoid")]
    [InlineData("tanh")]
    [InlineData("softmax")]
    [InlineData("hard_sigmoid")]
    [InlineData("hard_sigmoid_keras2")]
    public void Activation_gives_the_same_outputs_and_step_on_both_backends(string activation)
    {
        var models = new BackendComparison(() => new Sequential([new Dense(5, inputShape: [4]), new Activation(activation), new Dense(3)], seed: 3),
            () => new Adam(0.01), "mse");
        models.AssertSameStep(TestData.Uniform(1, 8, 4), TestData.Uniform(2, 8, 3));
    }

    [Fact]
    public void A_softmax_activation_as_the_output_trains_alike_though_only_the_managed_loss_fuses_it()
    {
        var models = new BackendComparison(() => new Sequential([new Dense(4, inputShape: [3]), new Activation("softmax")], seed: 4),
            () => new RMSprop(0.01), "categorical_crossentropy");
        models.AssertSameStep(TestData.Uniform(1, 6, 3), new Tensor([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 1, 0, 0], 6, 4));
    }

    [Theory]
    [InlineData("pre")]
    [InlineData("post")]
    [InlineData("ragged")]
    public void Activation_passes_the_mask_of_padded_and_ragged_ids_on(string form)
    {
        int[][] ids = TestData.Ragged(4, count: 6, minLength: 1, maxLength: 5, vocabulary: 9);
        var models = new BackendComparison(
            () => new Sequential([new Embedding(9, 4, maskZero: true, inputShape: [null]), new Activation("tanh"), new Dense(2)], seed: 5),
            (model, backend) => model.Compile(new Adam(0.01), "mse", backend: backend));
        models.AssertSameStep([TestData.Ids(form, ids)], [TestData.Uniform(3, 6, ids.Max(s => s.Length), 2)], samples: 6);
    }
}
