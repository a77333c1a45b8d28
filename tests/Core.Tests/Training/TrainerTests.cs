using NotebookRnn.Data;
using NotebookRnn.Layers;
using NotebookRnn.Losses;
using NotebookRnn.Models;
using NotebookRnn.Models.Callbacks;
using NotebookRnn.Optimizers;
using NotebookRnn.Tensors;
using NotebookRnn.Training;

namespace NotebookRnn.Tests.Training;

/// <summary>The training loop behind <c>Fit</c> and <c>TrainOnBatch</c>: batches, History, events, callbacks, reproducibility.</summary>
public class TrainerTests
{
    [Fact]
    public void The_same_seed_gives_bit_identical_weights_and_curves()
    {
        (float[] Weights, double[] Losses) Run()
        {
            var (x, y) = Clusters.Generate(400, seed: 5, classes: 3, features: 4);
            var model = new Sequential(seed: 42);
            model.Add(new Dense(16, activation: "tanh", inputShape: [4]));
            model.Add(new Dropout(0.2));
            model.Add(new Dense(3));
            model.Add(new Activation("softmax"));
            model.Compile(new RMSprop(lr: 0.01), "sparse_categorical_crossentropy");
            History history = model.Fit(x, y, batchSize: 32, epochs: 3, verbose: 0);
            return ([.. model.Parameters.SelectMany(p => p.Value.ToArray())], [.. history.Batches.Select(b => b.Loss)]);
        }
        var first = Run();
        var second = Run();
        Assert.Equal(first.Weights, second.Weights);
        Assert.Equal(first.Losses, second.Losses);
    }

    [Fact]
    public void History_records_every_batch_with_sizes_and_epoch_means()
    {
        var (x, y) = Clusters.Generate(100, seed: 1, classes: 2, features: 3);
        var model = new Sequential(seed: 1);
        model.Add(new Dense(2, activation: "softmax", inputShape: [3]));
        model.Compile("sgd", "sparse_categorical_crossentropy", ["accuracy"]);
        History history = model.Fit(x, y, batchSize: 32, epochs: 2, verbose: 0, shuffle: false);
        Assert.Equal(8, history.Batches.Count);
        Assert.Equal([32, 32, 32, 4], history.Batches.Take(4).Select(b => b.Samples));
        double expected = history.Batches.Take(4).Sum(b => b.Loss * b.Samples) / 100;
        Assert.Equal(expected, history["loss"][0], 10);
        Assert.False(history.Interrupted);
        Assert.Contains("samples/s", history.ToString());
    }

    [Fact]
    public void Train_on_batch_returns_the_loss_before_the_update_and_changes_weights()
    {
        var model = new Sequential(seed: 1);
        model.Add(new Dense(1, inputShape: [2]));
        model.Compile("sgd", "mse");
        Tensor x = new float[,] { { 1, 2 } }, y = new float[,] { { 3 } };
        double before = model.Evaluate(x, y).Loss;
        Assert.Equal(before, model.TrainOnBatch(x, y).Loss, 6);
        Assert.True(model.Evaluate(x, y).Loss < before);
    }

    [Fact]
    public void A_callback_can_stop_training_and_history_says_so()
    {
        var (x, y) = Clusters.Generate(64, seed: 1, classes: 2, features: 3);
        var model = new Sequential(seed: 1);
        model.Add(new Dense(2, activation: "softmax", inputShape: [3]));
        model.Compile("sgd", "sparse_categorical_crossentropy");
        var stop = new LambdaCallback(onEpochEnd: (epoch, _) => { if (epoch == 1) stopModel!.StopTraining = true; });
        stopModel = model;
        History history = model.Fit(x, y, epochs: 10, verbose: 0, callbacks: [stop]);
        Assert.Equal(2, history.Epochs.Count);
        Assert.True(history.Interrupted);
    }

    [Fact]
    public void Fitting_before_compiling_says_what_to_do()
    {
        var model = new Sequential([new Dense(2, inputShape: [2])]);
        var error = Assert.Throws<InvalidOperationException>(() => model.Fit(new Tensor(2, 2), new Tensor(2, 2)));
        Assert.Contains("Compile", error.Message);
    }

    [Fact]
    public void Fit_publishes_run_batch_and_epoch_events_in_order()
    {
        var (x, y) = Clusters.Generate(40, seed: 1, classes: 2, features: 3);
        var model = new Sequential(seed: 1);
        model.Add(new Dense(2, activation: "softmax", inputShape: [3]));
        model.Compile("sgd", "sparse_categorical_crossentropy");
        var seen = new List<string>();
        using (model.TrainingEvents.Subscribe(e => seen.Add(e switch
        {
            RunStarted => "run",
            BatchCompleted b => $"batch {b.Record.Batch}/{b.BatchesInEpoch}",
            EpochCompleted ep => $"epoch {ep.Record.Epoch}",
            RunCompleted => "done",
            _ => "?",
        })))
            model.Fit(x, y, batchSize: 16, epochs: 2, verbose: 0);
        Assert.Equal(["run", "batch 0/3", "batch 1/3", "batch 2/3", "epoch 0", "batch 0/3", "batch 1/3", "batch 2/3", "epoch 1", "done"], seen);
        model.Fit(x, y, batchSize: 16, epochs: 1, verbose: 0);
        Assert.Equal(10, seen.Count);
    }

    private static Sequential? stopModel;
}
