using NotebookRnn.Tests.Persistence;
using NotebookRnn.Layers;
using NotebookRnn.Models;
using NotebookRnn.Models.Callbacks;
using NotebookRnn.Optimizers;
using NotebookRnn.Persistence;
using NotebookRnn.Tensors;
using NotebookRnn.Training;

namespace NotebookRnn.Tests.Models.Callbacks;

public class ModelCheckpointTests
{
    private static (Sequential Model, Tensor X, Tensor Y) Problem()
    {
        var (x, y) = Clusters.Generate(120, seed: 1, classes: 3, features: 4);
        var model = new Sequential([new Dense(8, activation: "tanh", inputShape: [4]), new Dense(3, activation: "softmax")], seed: 2);
        model.Compile(new Adam(0.01), "sparse_categorical_crossentropy", ["accuracy"]);
        return (model, x, y);
    }

    private static Dictionary<string, double> Logs(double loss, double accuracy = 0.5) => new() { ["loss"] = loss, ["val_accuracy"] = accuracy };

    [Fact]
    public void Every_epoch_is_saved_to_the_formatted_path_in_a_folder_made_for_it()
    {
        using var folder = new TempFolder();
        var (model, x, y) = Problem();
        var checkpoint = new ModelCheckpoint(Path.Combine(folder.Root, "ckpt", "model-{epoch:02d}-{loss:.3f}.nbrnn"), monitor: "loss");

        History history = model.Fit(x, y, epochs: 3, verbose: 0, callbacks: [checkpoint]);

        string[] files = [.. Directory.GetFiles(Path.Combine(folder.Root, "ckpt")).Select(Path.GetFileName).Order()!];
        Assert.Equal([.. history["loss"].Select((loss, e) => $"model-{e + 1:00}-{loss:0.000}.nbrnn")], files);
        Assert.Equal(Path.Combine(folder.Root, "ckpt", files[^1]), checkpoint.LastFilePath);
        TestModels.AssertBitIdentical(model.Predict(x), Sequential.Load(checkpoint.LastFilePath!).Predict(x), "last checkpoint");
    }

    [Fact]
    public void Save_best_only_keeps_the_best_and_the_last_checkpoint()
    {
        using var folder = new TempFolder();
        var (model, x, _) = Problem();
        var checkpoint = new ModelCheckpoint(folder.File("model.nbrnn"), monitor: "loss", saveBestOnly: true) { Model = model };
        checkpoint.OnEpochEnd(0, Logs(1.0));
        Tensor best = model.Predict(x).Clone();
        foreach (Parameter p in model.Parameters) p.Value.Span.Fill(0.1f);
        checkpoint.OnEpochEnd(1, Logs(2.0));
        checkpoint.OnEpochEnd(2, Logs(double.NaN));

        Assert.Equal(1.0, checkpoint.Best);
        Assert.Equal(folder.File("model.nbrnn"), checkpoint.BestFilePath);
        Assert.Equal(folder.File("model.last.nbrnn"), checkpoint.LastFilePath);
        TestModels.AssertBitIdentical(best, Sequential.Load(folder.File("model.nbrnn")).Predict(x), "best");
        TestModels.AssertBitIdentical(model.Predict(x), Sequential.Load(folder.File("model.last.nbrnn")).Predict(x), "last");
        Assert.Equal(2, Directory.GetFiles(folder.Root).Length);
    }

    [Fact]
    public void With_placeholders_best_files_accumulate_and_only_the_newest_last_file_is_kept()
    {
        using var folder = new TempFolder();
        var (model, _, _) = Problem();
        var checkpoint = new ModelCheckpoint(folder.File("m{epoch}.nbrnn"), monitor: "val_accuracy", saveBestOnly: true) { Model = model };

        checkpoint.OnEpochEnd(0, Logs(1, accuracy: 0.5));
        checkpoint.OnEpochEnd(1, Logs(1, accuracy: 0.4));
        checkpoint.OnEpochEnd(2, Logs(1, accuracy: 0.7));
        checkpoint.OnEpochEnd(3, Logs(1, accuracy: 0.6));

        Assert.True(checkpoint.HigherIsBetter);
        Assert.Equal(["m1.nbrnn", "m3.nbrnn", "m4.last.nbrnn"], Directory.GetFiles(folder.Root).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void Mode_min_overrides_the_name_and_weights_only_checkpoints_load_with_LoadWeights()
    {
        using var folder = new TempFolder();
        var (model, x, _) = Problem();
        var checkpoint = new ModelCheckpoint(folder.File("w.safetensors"), monitor: "val_accuracy", saveBestOnly: true,
            mode: MonitorMode.Min, saveWeightsOnly: true) { Model = model };

        checkpoint.OnEpochEnd(0, Logs(1, accuracy: 0.5));
        checkpoint.OnEpochEnd(1, Logs(1, accuracy: 0.7));

        Assert.Equal(0.5, checkpoint.Best);
        Assert.Throws<ModelFormatException>(() => Sequential.Load(folder.File("w.safetensors")));
        var (fresh, _, _) = Problem();
        fresh.LoadWeights(folder.File("w.last.safetensors"));
        TestModels.AssertBitIdentical(model.Predict(x), fresh.Predict(x), "weights");
    }

    [Fact]
    public void A_monitor_missing_from_the_logs_stops_training_with_the_keys_there_are()
    {
        using var folder = new TempFolder();
        var (model, x, y) = Problem();

        var error = Assert.Throws<InvalidOperationException>(() =>
            model.Fit(x, y, epochs: 2, verbose: 0, callbacks: [new ModelCheckpoint(folder.File("m.nbrnn"), saveBestOnly: true)]));

        Assert.Contains("\"val_loss\"", error.Message);
        Assert.Contains("hold only loss, accuracy", error.Message);
    }

    [Fact]
    public void Bad_arguments_are_rejected_in_the_constructor()
    {
        Assert.Equal("filepath", Assert.Throws<ArgumentException>(() => new ModelCheckpoint("m-{epoch:x}.nbrnn")).ParamName);
        Assert.Equal("monitor", Assert.Throws<ArgumentException>(() => new ModelCheckpoint("m.nbrnn", monitor: "")).ParamName);
        var unattached = Assert.Throws<InvalidOperationException>(() => new ModelCheckpoint("m.nbrnn").OnEpochEnd(0, Logs(1)));
        Assert.Contains("not attached", unattached.Message);
    }
}
