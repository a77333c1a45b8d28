using NotebookRnn.Layers;
using NotebookRnn.Layers.Functional;
using NotebookRnn.Layers.Merging;
using NotebookRnn.Models;
using NotebookRnn.Optimizers;

namespace NotebookRnn.TorchSharp.Tests.Layers;

public class DropoutOnTorchTests
{
    [Fact]
    public void Dropout_drops_the_same_values_on_both_backends_step_after_step()
    {
        var models = new BackendComparison(() => new Sequential([new Dense(16, "relu", inputShape: [4]), new Dropout(0.5), new Dense(3)], seed: 3),
            () => new Adam(0.01), "mse");
        for (int step = 0; step < 3; step++) models.AssertSameStep(TestData.Uniform(1 + step, 8, 4), TestData.Uniform(10 + step, 8, 3));
    }

    [Fact]
    public void Dropout_with_its_own_seed_drops_the_same_values_on_both_backends()
    {
        var models = new BackendComparison(() => new Sequential([new Dense(8, inputShape: [4]), new Dropout(0.3, seed: 42), new Dense(2)], seed: 9),
            () => new RMSprop(0.01), "mse");
        models.AssertSameStep(TestData.Uniform(1, 8, 4), TestData.Uniform(2, 8, 2));
        models.AssertSameStep(TestData.Uniform(3, 8, 4), TestData.Uniform(4, 8, 2));
    }

    [Theory]
    [InlineData("pre")]
    [InlineData("post")]
    [InlineData("ragged")]
    public void Dropout_passes_the_mask_of_padded_and_ragged_ids_on(string form)
    {
        int[][] ids = TestData.Ragged(7, count: 6, minLength: 1, maxLength: 5, vocabulary: 9);
        var models = new BackendComparison(
            () => new Sequential([new Embedding(9, 6, maskZero: true, inputShape: [null]), new Dropout(0.4), new Dense(2)], seed: 5),
            (model, backend) => model.Compile(new Adam(0.01), "mse", backend: backend));
        models.AssertSameStep([TestData.Ids(form, ids)], [TestData.Uniform(3, 6, ids.Max(s => s.Length), 2)], samples: 6);
    }

    [Fact]
    public void A_dropout_called_twice_draws_for_its_second_call_what_the_managed_copy_draws()
    {
        // One Dense and one Dropout, each called on two inputs: the Dense's gradients add up, the second Dropout call has its own stream.
        var models = new BackendComparison(() =>
        {
            var a = new Input([4], name: "a");
            var b = new Input([4], name: "b");
            Dense shared = new(8, "tanh");
            Dropout dropout = new(0.5);
            SymbolicTensor merged = new Concatenate().Call(dropout.Call(shared.Call(a)), dropout.Call(shared.Call(b)));
            return new Model([a, b], new Dense(2).Call(new Dropout(0.3).Call(merged)), seed: 8);
        }, (model, backend) => model.Compile(new Adam(0.01), "mse", backend: backend));
        for (int step = 0; step < 2; step++)
            models.AssertSameStep([TestData.Uniform(1 + step, 6, 4), TestData.Uniform(5 + step, 6, 4)], [TestData.Uniform(9 + step, 6, 2)], samples: 6);
    }

    [Fact]
    public void On_two_devices_each_device_drops_what_its_managed_replica_drops()
    {
        var models = new BackendComparison(() => new Sequential([new Dense(8, "relu", inputShape: [4]), new Dropout(0.5), new Dense(2)], seed: 12),
            (model, backend) => model.Compile(new Adam(0.01), "mse", devices: 2, backend: backend));
        for (int step = 0; step < 2; step++) models.AssertSameStep([TestData.Uniform(1 + step, 8, 4)], [TestData.Uniform(5 + step, 8, 2)], samples: 8);
    }
}
