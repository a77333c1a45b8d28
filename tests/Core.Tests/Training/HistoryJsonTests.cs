using NotebookRnn.Devices;
using NotebookRnn.Layers;
using NotebookRnn.Layers.Recurrent;
using NotebookRnn.Models;
using NotebookRnn.Training;

namespace NotebookRnn.Tests.Training;

/// <summary><see cref="History"/> as JSON: <c>ToJson</c>/<c>FromJson</c> and the atomic <c>Save</c>/<c>Load</c>.</summary>
public sealed class HistoryJsonTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("history-json-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    // A masked LSTM on two devices with a validation split: every kind of record, real and padded tokens, val_ series.
    private static History RealRun()
    {
        var random = new Random(3);
        int[][] x = [.. Enumerable.Range(0, 40).Select(_ => Enumerable.Range(0, 1 + random.Next(6)).Select(_ => 1 + random.Next(9)).ToArray())];
        float[] y = [.. x.Select(sequence => (float)(sequence[0] % 2))];
        var model = new Sequential(seed: 4);
        model.Add(new Embedding(10, 4, maskZero: true));
        model.Add(new LSTM(5));
        model.Add(new Dense(2, activation: "softmax"));
        model.Compile("rmsprop", "sparse_categorical_crossentropy", ["accuracy"], devices: 2);
        History history = model.Fit(x, y, batchSize: 8, epochs: 2, validationSplit: 0.2, verbose: 0);
        history.Label = "lstm, 2 devices";
        return history;
    }

    private static void AssertSame(History expected, History actual)
    {
        Assert.Equal(expected.BatchSize, actual.BatchSize);
        Assert.Equal(expected.EpochsRequested, actual.EpochsRequested);
        Assert.Equal((expected.StartTime.Ticks, expected.StartTime.Offset), (actual.StartTime.Ticks, actual.StartTime.Offset));
        Assert.Equal(expected.Devices, actual.Devices);
        Assert.Equal(expected.ModelSummary, actual.ModelSummary);
        Assert.Equal(expected.Label, actual.Label);
        Assert.Equal(expected.Interrupted, actual.Interrupted);
        Assert.Equal(expected.Epochs.Count, actual.Epochs.Count);
        foreach (var (e, a) in expected.Epochs.Zip(actual.Epochs))
        {
            Assert.Equal((e.Epoch, e.Duration, e.Samples, e.SamplesPerSecond), (a.Epoch, a.Duration, a.Samples, a.SamplesPerSecond));
            Assert.Equal(e.Metrics, a.Metrics);
        }
        Assert.Equal(expected.Batches.Count, actual.Batches.Count);
        foreach (var (e, a) in expected.Batches.Zip(actual.Batches))
        {
            Assert.Equal((e.Epoch, e.Batch, e.Samples, e.Duration), (a.Epoch, a.Batch, a.Samples, a.Duration));
            Assert.Equal(e.Metrics, a.Metrics);
            Assert.Equal(e.Devices, a.Devices);
        }
        Assert.Equal(expected.Series.Keys, actual.Series.Keys);
        foreach (string name in expected.Series.Keys) Assert.Equal(expected[name], actual[name]);
        Assert.Equal(expected.ToString(), actual.ToString());
    }

    [Fact]
    public void A_saved_fit_history_loads_back_equal_in_every_field()
    {
        History history = RealRun();
        Assert.Contains("val_accuracy", history.Series.Keys);
        Assert.Contains(history.Batches.SelectMany(b => b.Devices), d => d.PaddedTokens > 0);
        string path = Path.Combine(_folder, "history.json");
        history.Save(path);
        History loaded = History.Load(path);
        AssertSame(history, loaded);
        Assert.Equal(history.Batches[0].Metrics.ToString(), loaded.Batches[0].Metrics.ToString());
    }

    [Fact]
    public void An_interrupted_run_with_a_nan_loss_and_no_label_round_trips()
    {
        var history = new History(4, 5, new DateTimeOffset(2026, 12, 2, 8, 30, 0, 123, TimeSpan.FromHours(-5)).AddTicks(4567),
            ["rank0/cpu:0", "rank1/cpu:0"], "Model: \"sequential\"\n…") { Interrupted = true };
        var metrics = new Dictionary<string, double> { ["loss"] = double.NaN, ["accuracy"] = double.PositiveInfinity };
        history.AddBatch(new BatchRecord(0, 0, 4, metrics, TimeSpan.FromTicks(12_345_678),
        [
            new DeviceBatchRecord("rank0/cpu:0", 2, 7, 1, double.NaN, TimeSpan.FromTicks(1), TimeSpan.FromTicks(2)),
            new DeviceBatchRecord("rank1/cpu:0", 2, 5, 3, 0.1 + 0.2, TimeSpan.FromTicks(3), TimeSpan.Zero),
        ]));
        history.AddEpoch(new EpochRecord(0, metrics, TimeSpan.FromTicks(99), 4, 1 / 3.0));

        AssertSame(history, History.FromJson(history.ToJson()));
    }

    [Fact]
    public void Saving_replaces_the_file_whole_and_leaves_no_temporary_file()
    {
        string path = Path.Combine(_folder, "history.json");
        File.WriteAllText(path, "an older file");
        var history = new History(8, 1, DateTimeOffset.UnixEpoch);
        history.Save(path);
        Assert.Equal([path], Directory.GetFiles(_folder));
        Assert.Equal(history.ToJson(), File.ReadAllText(path));
    }

    [Fact]
    public void Saving_into_a_missing_folder_names_the_folder()
    {
        string path = Path.Combine(_folder, "missing", "history.json");
        var error = Assert.Throws<DirectoryNotFoundException>(() => new History(8, 1, DateTimeOffset.UnixEpoch).Save(path));
        Assert.Contains(Path.Combine(_folder, "missing"), error.Message);
    }

    [Theory]
    [InlineData("{\"format\": \"notebookrnn.history\", \"version\": 1, \"batch_si", "Cannot read \"{0}\" as a NotebookRnn history")]
    [InlineData("{\"loss\": [0.5, 0.4]}", "missing required properties")]
    [InlineData("{\"format\": \"keras\", \"version\": 1, \"batch_size\": 1, \"epochs_requested\": 1, \"start_time\": \"2026-01-01T00:00:00+00:00\", " +
                "\"interrupted\": false, \"devices\": [], \"model_summary\": \"\", \"epochs\": [], \"batches\": []}",
        "\"format\" is \"keras\", expected \"notebookrnn.history\"")]
    [InlineData("{\"format\": \"notebookrnn.history\", \"version\": 2, \"batch_size\": 1, \"epochs_requested\": 1, \"start_time\": \"2026-01-01T00:00:00+00:00\", " +
                "\"interrupted\": false, \"devices\": [], \"model_summary\": \"\", \"epochs\": [], \"batches\": []}",
        "version 2; this NotebookRnn reads up to version 1")]
    public void A_file_that_is_not_a_history_gives_an_error_naming_the_file_and_the_problem(string contents, string expected)
    {
        string path = Path.Combine(_folder, "bad.json");
        File.WriteAllText(path, contents);
        var error = Assert.Throws<InvalidDataException>(() => History.Load(path));
        Assert.Contains($"\"{path}\"", error.Message);
        Assert.Contains(string.Format(expected, path), error.Message);
    }

    [Fact]
    public void Loading_a_missing_file_says_which()
    {
        string path = Path.Combine(_folder, "none.json");
        Assert.Contains(path, Assert.Throws<FileNotFoundException>(() => History.Load(path)).Message);
    }
}
