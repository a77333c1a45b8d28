using NotebookRnn.Layers;
using NotebookRnn.Models;
using NotebookRnn.Optimizers;
using NotebookRnn.Regularizers;
using NotebookRnn.Tensors;

namespace NotebookRnn.TorchSharp.Tests.Layers;

public class CoreLayerTests
{
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
        models.AssertSameStep(TestData.Uniform(1, 8, 4), TestData.Uniform(2, 8, 3));
    }

    [Fact]
    public void Embedding_with_maskZero_gives_the_same_outputs_and_step()
    {
        var ids = new Tensor([1, 2, 3, 0, 4, 4, 0, 0, 5, 1, 2, 3], 3, 4);
        var models = new BackendComparison(() => new Sequential([new Embedding(6, 4, maskZero: true, inputShape: [4]), new Dense(2, "softmax")], seed: 5),
            () => new RMSprop(0.01), "categorical_crossentropy");
        models.AssertSameStep(ids, TestData.Uniform(3, 3, 4, 2));
    }

    [Theory]
    [InlineData(6)]
    [InlineData(-1)]
    public void An_embedding_id_out_of_range_is_refused_on_both_backends_with_one_message(int id)
    {
        var models = new BackendComparison(() => new Sequential([new Embedding(6, 4, inputShape: [3]), new Dense(2)], seed: 5),
            () => new RMSprop(0.01), "mse");
        var ids = new Tensor([1, 2, 3, 4, id, 0], 2, 3);
        var managed = Assert.Throws<ArgumentException>(() => models.Managed.Predict(ids));
        var torch = Assert.Throws<ArgumentException>(() => models.Torch.Predict(ids));
        Assert.Equal(managed.Message, torch.Message);
        Assert.Contains($"{id}", torch.Message);
    }

    [Fact]
    public void Dense_with_kernel_and_bias_penalties_takes_the_same_step()
    {
        var models = new BackendComparison(
            () => new Sequential([new Dense(5, "tanh", kernelRegularizer: new L2(0.05), biasRegularizer: new L1L2(0.01, 0.02), inputShape: [4]),
                new Dense(3, kernelRegularizer: new L1L2(0.03))], seed: 3),
            () => new Adam(0.01), "mse");
        models.AssertSameStep(TestData.Uniform(1, 8, 4), TestData.Uniform(2, 8, 3));
    }

    [Fact]
    public void Dense_with_an_activity_penalty_takes_the_same_step()
    {
        var models = new BackendComparison(
            () => new Sequential([new Dense(5, "tanh", activityRegularizer: new L2(0.1), inputShape: [4]), new Dense(3, activityRegularizer: new L1L2(0.05, 0.05))], seed: 3),
            () => new Adam(0.01), "mse");
        models.AssertSameStep(TestData.Uniform(1, 8, 4), TestData.Uniform(2, 8, 3));
        models.AssertSameStep(TestData.Uniform(3, 8, 4), TestData.Uniform(4, 8, 3));
    }

    [Theory]
    [InlineData("pre")]
    [InlineData("post")]
    [InlineData("ragged")]
    public void An_embedding_with_an_activity_penalty_takes_the_same_step_on_padded_and_ragged_ids(string form)
    {
        int[][] ids = TestData.Ragged(6, count: 6, minLength: 1, maxLength: 5, vocabulary: 9);
        var models = new BackendComparison(
            () => new Sequential([new Embedding(9, 4, maskZero: true, activityRegularizer: new L2(0.2), inputShape: [null]), new Dense(2)], seed: 5),
            (model, backend) => model.Compile(new Adam(0.01), "mse", backend: backend));
        models.AssertSameStep([TestData.Ids(form, ids)], [TestData.Uniform(3, 6, ids.Max(s => s.Length), 2)], samples: 6);
    }
}
