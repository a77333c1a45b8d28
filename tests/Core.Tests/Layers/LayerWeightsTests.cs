using NotebookRnn.Layers;
using NotebookRnn.Layers.Recurrent;
using NotebookRnn.Layers.Wrappers;
using NotebookRnn.Models;
using NotebookRnn.Persistence;
using NotebookRnn.Tensors;

namespace NotebookRnn.Tests.Layers;

/// <summary>Keras's get_weights / set_weights (layer and model, Keras order), trainable, and Embedding's pre-trained weights.</summary>
public class LayerWeightsTests
{
    private static Sequential Model(long seed) => new(
        [new Embedding(7, 3, maskZero: true, inputShape: [5]), new Bidirectional(new LSTM(4, returnSequences: true)), new GRU(2), new Dense(1)], seed: seed);

    private static readonly Tensor Ids = new float[,] { { 1, 2, 3, 0, 0 }, { 4, 5, 6, 1, 2 } };

    [Fact]
    public void GetWeights_lists_each_layer_in_Keras_order()
    {
        Sequential model = Model(1);
        string[] shapes = [.. model.GetWeights().Select(w => Tensor.ShapeText(w.Shape))];
        Assert.Equal(["(7, 3)", "(3, 16)", "(4, 16)", "(16,)", "(3, 16)", "(4, 16)", "(16,)", "(8, 6)", "(2, 6)", "(2, 6)", "(2, 1)", "(1,)"], shapes);
        Assert.Equal(["kernel", "recurrent_kernel", "bias"], model.Layers[2].Parameters.Select(p => p.Name));
    }

    [Fact]
    public void GetWeights_returns_copies()
    {
        var dense = new Dense(2);
        dense.Build([3], new RandomGenerator(1));
        dense.GetWeights()[0].Span.Fill(9);
        Assert.DoesNotContain(9f, dense.Kernel.Value.ToArray());
    }

    [Fact]
    public void SetWeights_from_another_model_gives_the_same_predictions()
    {
        Sequential source = Model(1), target = Model(2);
        Assert.NotEqual(source.Predict(Ids).ToArray(), target.Predict(Ids).ToArray());
        target.SetWeights(source.GetWeights());
        Assert.Equal(source.Predict(Ids).ToArray(), target.Predict(Ids).ToArray());
    }

    [Fact]
    public void Layer_SetWeights_copies_into_the_existing_weights()
    {
        var dense = new Dense(2, inputShape: [3]);
        dense.Build([3], new RandomGenerator(1));
        Tensor kernel = dense.Kernel.Value;
        dense.SetWeights([new Tensor([1, 2, 3, 4, 5, 6], 3, 2), new Tensor([7f, 8f], 2)]);
        Assert.Same(kernel, dense.Kernel.Value);
        Assert.Equal([1f, 2, 3, 4, 5, 6], kernel.ToArray());
        Assert.Equal([7f, 8], dense.Bias!.Value.ToArray());
    }

    [Fact]
    public void SetWeights_refuses_a_wrong_count_or_shape_and_changes_nothing()
    {
        Sequential model = Model(1);
        IReadOnlyList<Tensor> weights = model.GetWeights();
        var count = Assert.Throws<ArgumentException>(() => model.SetWeights(weights.Take(11).ToList()));
        Assert.Contains("11 weights", count.Message);
        Assert.Contains("has 12", count.Message);
        var shapes = weights.Select(w => w.Clone()).ToList();
        foreach (Tensor w in shapes) w.Span.Fill(3);
        shapes[10] = new Tensor(1, 2);
        var shape = Assert.Throws<ArgumentException>(() => model.SetWeights(shapes));
        Assert.Contains("weight 10 (kernel) has shape (2, 1), got (1, 2)", shape.Message);
        Assert.Equal(weights[0].ToArray(), model.GetWeights()[0].ToArray());
    }

    [Fact]
    public void Trainable_false_marks_the_wrapped_layers_and_every_weight_and_is_in_the_config()
    {
        var bidirectional = new Bidirectional(new LSTM(3)) { Trainable = false };
        bidirectional.Build([4, 2], new RandomGenerator(1));
        Assert.All(bidirectional.Parameters, p => Assert.False(p.Trainable));
        Assert.False(bidirectional.ForwardLayer.Trainable || bidirectional.BackwardLayer.Trainable);
        Assert.False((bool)bidirectional.GetConfig()["trainable"]!);
        Layer clone = LayerRegistry.Clone(bidirectional);
        clone.Build([4, 2], new RandomGenerator(1));
        Assert.False(clone.Trainable);
        Assert.All(clone.Parameters, p => Assert.False(p.Trainable));
        bidirectional.Trainable = true;
        Assert.All(bidirectional.Parameters, p => Assert.True(p.Trainable));
        Assert.True(bidirectional.ForwardLayer.Trainable && bidirectional.BackwardLayer.Trainable);
    }

    [Fact]
    public void Embedding_starts_from_pretrained_weights()
    {
        Tensor vectors = GradientCheck.Uniform(4, -1, 1, 7, 3);
        var embedding = new Embedding(7, 3, weights: vectors, inputShape: [5]);
        embedding.Build([5], new RandomGenerator(1));
        Assert.Equal(vectors.ToArray(), embedding.Embeddings.Value.ToArray());
        Assert.DoesNotContain("weights", embedding.GetConfig().Keys);
    }

    [Fact]
    public void Frozen_pretrained_embeddings_stay_as_given_while_the_rest_trains()
    {
        Tensor vectors = GradientCheck.Uniform(4, -1, 1, 7, 3);
        var model = new Sequential([new Embedding(7, 3, weights: vectors, inputShape: [5]) { Trainable = false }, new LSTM(2), new Dense(1)], seed: 3);
        model.Compile("sgd", "mse");
        model.Fit(Ids, new Tensor([1f, 0f], 2, 1), batchSize: 2, epochs: 3, verbose: 0);
        Assert.Equal(vectors.ToArray(), model.GetWeights()[0].ToArray());
    }

    [Fact]
    public void Embedding_weights_of_the_wrong_shape_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new Embedding(7, 3, weights: new Tensor(3, 7)));
        Assert.Contains("(7, 3)", error.Message);
        Assert.Contains("(3, 7)", error.Message);
    }
}
