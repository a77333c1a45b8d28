using NotebookRnn.Layers;
using NotebookRnn.Losses;
using NotebookRnn.Models;
using NotebookRnn.Models.Callbacks;
using NotebookRnn.Optimizers;
using NotebookRnn.Tensors;
using NotebookRnn.Training;

namespace NotebookRnn.Tests.Models.Callbacks;

public class CallbackTests
{
    private static (Sequential Model, Tensor X, Tensor Y) Problem(double learningRate = 0.05)
    {
        var (x, y) = Clusters.Generate(200, seed: 1, classes: 3, features: 4);
        var model = new Sequential(seed: 2);
        model.Add(new Dense(8, activation: "tanh", inputShape: [4]));
        model.Add(new Dense(3, activation: "softmax"));
        model.Compile(new SGD(learningRate), "sparse_categorical_crossentropy", ["accuracy"]);
        return (model, x, y);
    }

    [Fact]
    public void Early_stopping_stops_after_patience_epochs_without_improvement_and_restores_the_best()
    {
        var (model, x, y) = Problem();
        var stopping = new EarlyStopping(monitor: "loss", patience: 1, minDelta: 10, restoreBestWeights: true);
        History history = model.Fit(x, y, epochs: 10, verbose: 0, callbacks: [stopping]);
        Assert.Equal(0, stopping.BestEpoch);
        Assert.Equal(2, stopping.StoppedEpoch);
        Assert.Equal(3, history.Epochs.Count);
        Assert.True(history.Interrupted);
    }

    [Fact]
    public void Early_stopping_names_the_missing_quantity_and_what_the_logs_hold()
    {
        var (model, x, y) = Problem();
        var error = Assert.Throws<InvalidOperationException>(() => model.Fit(x, y, verbose: 0, callbacks: [new EarlyStopping()]));
        Assert.Contains("\"val_loss\"", error.Message);
        Assert.Contains("loss, accuracy", error.Message);
    }

    [Fact]
    public void Terminate_on_nan_stops_at_the_bad_batch_and_can_restore_the_last_good_weights()
    {
        var (model, x, y) = Problem(learningRate: 3e38);
        var terminate = new TerminateOnNaN(restoreLastGood: true);
        var afterBatch = new List<float[]>();
        var record = new LambdaCallback(onBatchEnd: (_, _) => afterBatch.Add([.. model.Parameters.SelectMany(p => p.Value.ToArray())]));
        History history = model.Fit(x, y, batchSize: 16, epochs: 3, verbose: 0, callbacks: [record, terminate]);
        Assert.NotNull(terminate.StoppedAt);
        var (epoch, batch) = terminate.StoppedAt!.Value;
        Assert.True(history.Interrupted);
        Assert.Equal(history.Batches.Count - 1, epoch * 13 + batch);
        Assert.False(double.IsFinite(history.Batches[^1].Loss));
        Assert.True(history.Batches.Take(history.Batches.Count - 1).All(b => double.IsFinite(b.Loss)));
        Assert.Contains($"Batch {batch} of epoch {epoch}", terminate.Message);
        Assert.Equal(afterBatch[^2], model.Parameters.SelectMany(p => p.Value.ToArray()));
    }

    [Fact]
    public void Learning_rate_scheduler_sets_the_rate_each_epoch()
    {
        var (model, x, y) = Problem();
        var rates = new List<double>();
        var record = new LambdaCallback(onEpochEnd: (_, _) => rates.Add(model.Optimizer!.LearningRate));
        model.Fit(x, y, epochs: 3, verbose: 0, callbacks: [new LearningRateScheduler((epoch, _) => 0.1 / (epoch + 1)), record]);
        Assert.Equal([0.1, 0.05, 0.1 / 3], rates);
    }

    [Fact]
    public void Cancelling_mid_epoch_keeps_the_weights_of_the_last_completed_batch()
    {
        float[] Weights(Sequential m) => [.. m.Parameters.SelectMany(p => p.Value.ToArray())];
        var (reference, x, y) = Problem();
        var afterBatch = new List<float[]>();
        reference.Fit(x, y, batchSize: 16, epochs: 1, verbose: 0, callbacks: [new LambdaCallback(onBatchEnd: (_, _) => afterBatch.Add(Weights(reference)))]);

        var (model, _, _) = Problem();
        using var cancellation = new CancellationTokenSource();
        var cancelAfterFive = new LambdaCallback(onBatchEnd: (batch, _) => { if (batch == 4) cancellation.Cancel(); });
        History history = model.Fit(x, y, batchSize: 16, epochs: 2, verbose: 0, callbacks: [cancelAfterFive], cancellationToken: cancellation.Token);

        Assert.True(history.Interrupted);
        Assert.Equal(5, history.Batches.Count);
        Assert.Equal(afterBatch[4], Weights(model));
        Assert.True(double.IsFinite(model.Evaluate(x, y).Loss));
    }
}
