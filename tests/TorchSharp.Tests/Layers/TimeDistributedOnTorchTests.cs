using NotebookRnn.Layers;
using NotebookRnn.Models;
using NotebookRnn.Optimizers;
using NotebookRnn.Tensors;

namespace NotebookRnn.TorchSharp.Tests.Layers;

public class TimeDistributedOnTorchTests
{
    [Fact]
    public void TimeDistributed_dense_gives_the_same_outputs_and_step_on_both_backends()
    {
        var models = new BackendComparison(() => new Sequential([new TimeDistributed(new Dense(4, "relu"), inputShape: [5, 3]), new Flatten(), new Dense(2)], seed: 3),
            () => new Adam(0.01), "mse");
        models.AssertSameStep(TestData.Uniform(1, 6, 5, 3), TestData.Uniform(2, 6, 2));
    }

    [Fact]
    public void TimeDistributed_embedding_then_flatten_runs_the_wrapped_layers_on_every_step()
    {
        // ids: (batch, steps, words) → (batch, steps, words, 3) → (batch, steps, words·3)
        var ids = new Tensor([.. Enumerable.Range(0, 4 * 3 * 2).Select(i => (float)(i * 7 % 10))], 4, 3, 2);
        var models = new BackendComparison(
            () => new Sequential([new TimeDistributed(new Embedding(10, 3), inputShape: [3, 2]), new TimeDistributed(new Flatten()), new Dense(2)], seed: 4),
            () => new RMSprop(0.01), "mse");
        models.AssertSameStep(ids, TestData.Uniform(2, 4, 3, 2));
    }

    [Theory]
    [InlineData("pre")]
    [InlineData("post")]
    [InlineData("ragged")]
    public void TimeDistributed_passes_the_mask_of_padded_and_ragged_ids_on(string form)
    {
        int[][] ids = TestData.Ragged(8, count: 6, minLength: 1, maxLength: 5, vocabulary: 9);
        var models = new BackendComparison(
            () => new Sequential([new Embedding(9, 4, maskZero: true, inputShape: [null]), new TimeDistributed(new Dense(3, "tanh")), new Dense(2)], seed: 5),
            (model, backend) => model.Compile(new Adam(0.01), "mse", backend: backend));
        models.AssertSameStep([TestData.Ids(form, ids)], [TestData.Uniform(3, 6, ids.Max(s => s.Length), 2)], samples: 6);
    }

    [Fact]
    public void TimeDistributed_dropout_drops_the_same_values_on_both_backends()
    {
        var models = new BackendComparison(
            () => new Sequential([new TimeDistributed(new Dense(6, "tanh"), inputShape: [4, 3]), new TimeDistributed(new Dropout(0.5)), new Dense(2)], seed: 6),
            () => new Adam(0.01), "mse");
        models.AssertSameStep(TestData.Uniform(1, 5, 4, 3), TestData.Uniform(2, 5, 4, 2));
        models.AssertSameStep(TestData.Uniform(3, 5, 4, 3), TestData.Uniform(4, 5, 4, 2));
    }
}
