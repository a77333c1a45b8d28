namespace NotebookRnn.Tests.Models;

public class TrainingEventsTests
{
    [Fact]
    public void Fit_publishes_run_batch_and_epoch_events_in_order()
    {
        var (x, y) = SequentialTrainingTests.Clusters(40, seed: 1, classes: 2, features: 3);
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

    [Fact]
    public void Batch_records_count_real_and_padded_tokens_of_masked_batches()
    {
        var model = new Sequential(seed: 1);
        model.Add(new Embedding(5, 3, maskZero: true));
        model.Add(new LSTM(2));
        model.Add(new Dense(1));
        model.Compile("sgd", "mse");
        History history = model.Fit(new int[,] { { 1, 2, 0, 0 }, { 3, 0, 0, 0 } }, new float[,] { { 1 }, { 0 } }, verbose: 0);
        DeviceBatchRecord device = Assert.Single(history.Batches[0].Devices);
        Assert.Equal(("cpu:0", 2, 3, 5), (device.Device, device.Samples, device.RealTokens, device.PaddedTokens));
        Assert.Equal(history.Batches[0].Loss, device.Loss);
    }
}
