using NotebookRnn.Layers;
using NotebookRnn.Models;
using NotebookRnn.Optimizers;
using NotebookRnn.Tensors;
using NotebookRnn.Training;

namespace NotebookRnn.Tests.Models;

/// <summary>Whole models learning small problems, and what Sequential itself does: seeds, compile, predict.</summary>
public class SequentialTests
{
    [Fact]
    public void A_small_mlp_learns_xor_to_full_accuracy()
    {
        var model = new Sequential(seed: 1);
        model.Add(new Dense(8, activation: "tanh", inputShape: [2]));
        model.Add(new Dense(1, activation: "sigmoid"));
        model.Compile(optimizer: new Adam(learningRate: 0.05), loss: "binary_crossentropy", metrics: ["accuracy"]);
        Tensor x = new float[,] { { 0, 0 }, { 0, 1 }, { 1, 0 }, { 1, 1 } };
        Tensor y = new float[,] { { 0 }, { 1 }, { 1 }, { 0 } };
        History history = model.Fit(x, y, batchSize: 4, epochs: 300, verbose: 0);
        Assert.Equal(1.0, model.Evaluate(x, y)["accuracy"]);
        Assert.Equal(1.0, history["accuracy"][^1]);
        Assert.True(history["loss"][^1] < 0.1, $"final loss {history["loss"][^1]}");
        float[] p = model.Predict(x).ToArray();
        Assert.True(p[0] < 0.5 && p[1] > 0.5 && p[2] > 0.5 && p[3] < 0.5, string.Join(", ", p));
    }

    [Fact]
    public void A_seeded_ten_class_problem_reaches_99_percent_on_held_out_data()
    {
        var (x, y) = Clusters.Generate(3000, seed: 1);
        var (testX, testY) = Clusters.Generate(1000, seed: 2);
        var model = new Sequential(seed: 3);
        model.Add(new Dense(64, activation: "relu", inputShape: [20]));
        model.Add(new Dropout(0.1));
        model.Add(new Dense(10, activation: "softmax"));
        model.Compile(optimizer: "adam", loss: "sparse_categorical_crossentropy", metrics: ["accuracy"]);
        History history = model.Fit(x, y, batchSize: 32, epochs: 8, verbose: 0, validationSplit: 0.1);
        Assert.Equal(["accuracy", "loss", "val_accuracy", "val_loss"], history.Series.Keys.Order());
        double accuracy = model.Evaluate(testX, testY)["accuracy"];
        Assert.True(accuracy >= 0.99, $"held-out accuracy {accuracy:0.0000}");
    }

    [Fact]
    public void Global_seed_makes_models_without_their_own_seed_reproducible()
    {
        Seeds.Set(7);
        float[] a = [.. new Sequential([new Dense(3, inputShape: [2])]).Parameters[0].Value.ToArray()];
        Seeds.Set(7);
        float[] b = [.. new Sequential([new Dense(3, inputShape: [2])]).Parameters[0].Value.ToArray()];
        Assert.Equal(a, b);
    }

    [Fact]
    public void Predict_returns_one_row_per_sample_in_order_across_batches()
    {
        var model = new Sequential(seed: 1);
        model.Add(new Dense(2, inputShape: [1], kernelInitializer: "ones"));
        Tensor x = new float[,] { { 1 }, { 2 }, { 3 }, { 4 }, { 5 } };
        Assert.Equal([1f, 1, 2, 2, 3, 3, 4, 4, 5, 5], model.Predict(x, batchSize: 2).ToArray());
    }

    [Fact]
    public void Unknown_loss_string_names_the_loss_and_the_choices()
    {
        var model = new Sequential([new Dense(2, inputShape: [2])]);
        var error = Assert.Throws<ArgumentException>(() => model.Compile("sgd", "hinge_squared"));
        Assert.Equal("name", error.ParamName);
        Assert.Contains("Loss \"hinge_squared\" not understood", error.Message);
        Assert.Contains("categorical_crossentropy", error.Message);
    }
}
