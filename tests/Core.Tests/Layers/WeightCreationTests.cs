using NotebookRnn.Layers;
using NotebookRnn.Layers.Recurrent;
using NotebookRnn.Layers.Wrappers;
using NotebookRnn.Tensors;

namespace NotebookRnn.Tests.Layers;

public class WeightCreationTests
{
    [Fact]
    public void A_layer_built_for_loading_leaves_weights_at_zero_and_stops_at_the_value_budget()
    {
        var weights = WeightCreation.ForLoading(2 * 3 + 3 + 3 * 4);
        var first = new Dense(3);
        first.BuildWith(weights, [2], new RandomGenerator(1));

        Assert.All(first.Parameters, p => Assert.All(p.Value.ToArray(), v => Assert.Equal(0f, v)));
        var error = Assert.Throws<ArgumentException>(() => new Dense(4).BuildWith(weights, [3], new RandomGenerator(1)));
        Assert.Contains("would create weight 'bias' of shape (4,), more values than the 0 left in the file being loaded", error.Message);
    }

    [Fact]
    public void A_copy_built_on_shared_weights_uses_the_same_value_tensors_with_gradients_of_its_own()
    {
        var primary = new Bidirectional(new LSTM(3));
        primary.Build([null, 2], new RandomGenerator(1));
        var copy = (Bidirectional)LayerConfig.Clone(primary);
        var weights = WeightCreation.SharedWith(primary.Parameters);

        copy.BuildWith(weights, [null, 2], new RandomGenerator(2));
        weights.EnsureComplete(copy);

        Assert.All(primary.Parameters.Zip(copy.Parameters), pair => Assert.Same(pair.First.Value, pair.Second.Value));
        Assert.All(primary.Parameters.Zip(copy.Parameters), pair => Assert.NotSame(pair.First.Gradient, pair.Second.Gradient));
    }

    [Fact]
    public void Sharing_fails_when_the_copy_asks_for_other_weights()
    {
        var primary = new Dense(3, useBias: false);
        primary.Build([2], new RandomGenerator(1));
        var weights = WeightCreation.SharedWith(primary.Parameters);

        var error = Assert.Throws<ArgumentException>(() => new Dense(3).BuildWith(weights, [2], new RandomGenerator(1)));
        Assert.Contains("creates weight 'bias' (3,), but the layer it copies has no more weights", error.Message);
        var unused = WeightCreation.SharedWith(primary.Parameters);
        Assert.Contains("created 0 weights, but the layer it copies has 1",
            Assert.Throws<InvalidOperationException>(() => unused.EnsureComplete(primary)).Message);
    }
}
