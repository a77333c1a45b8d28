using System.Buffers.Binary;
using System.Text.Json;
using NotebookRnn.Initializers;
using NotebookRnn.Layers;
using NotebookRnn.Layers.Recurrent;
using NotebookRnn.Layers.Wrappers;
using NotebookRnn.Losses;
using NotebookRnn.Metrics;
using NotebookRnn.Models;
using NotebookRnn.Optimizers;
using NotebookRnn.Persistence;
using NotebookRnn.Tensors;

namespace NotebookRnn.Tests.Persistence;

public class ModelSerializerTests
{
    [Theory]
    [MemberData(nameof(TestModels.Names), MemberType = typeof(TestModels))]
    public void Every_layer_type_round_trips_to_bit_identical_predictions(string name)
    {
        using var folder = new TempFolder();
        var (model, x) = TestModels.Create(name);
        Tensor expected = model.Predict(x).Clone();
        model.Save(folder.File("model.nbrnn"));

        Sequential loaded = Sequential.Load(folder.File("model.nbrnn"));

        foreach (RecurrentLayer layer in model.Layers.OfType<RecurrentLayer>()) layer.ResetStates();
        TestModels.AssertBitIdentical(expected, loaded.Predict(x), name);
        TestModels.AssertSameWeights(model, loaded);
        Assert.Equal(model.Summary().ToString(), loaded.Summary().ToString());
        Assert.Equal(ConfigText(model), ConfigText(loaded));
        Assert.Equal((model.Name, model.Seed), (loaded.Name, loaded.Seed));
        Assert.Equal(model.InputShape, loaded.InputShape);
        Assert.Empty(folder.TemporaryFiles());
    }

    [Fact]
    public void A_stateful_layer_is_loaded_stateful_and_starts_from_zero_states()
    {
        using var folder = new TempFolder();
        var (model, x) = TestModels.Create("stateful_lstm");
        Tensor first = model.Predict(x).Clone();
        Tensor carried = model.Predict(x).Clone();
        model.Save(folder.File("stateful.nbrnn"));

        Sequential loaded = Sequential.Load(folder.File("stateful.nbrnn"));

        Assert.True(((LSTM)loaded.Layers[0]).Stateful);
        TestModels.AssertBitIdentical(first, loaded.Predict(x), "first batch after load");
        TestModels.AssertBitIdentical(carried, loaded.Predict(x), "second batch after load");
    }

    [Fact]
    public void Ragged_input_predicts_identically_after_load()
    {
        using var folder = new TempFolder();
        var model = TestModels.Model(new Embedding(20, 4, maskZero: true), new GRU(5), new Dense(3, activation: "softmax"));
        int[][] tokens = [[3, 4, 5], [7], [1, 2, 3, 4, 5, 6, 19], [8, 8]];
        Tensor expected = model.Predict(tokens).Clone();
        model.Save(folder.File("ragged.nbrnn"));

        TestModels.AssertBitIdentical(expected, Sequential.Load(folder.File("ragged.nbrnn")).Predict(tokens), "ragged");
    }

    public static TheoryData<string> Optimizers => ["adam", "rmsprop_momentum_centered", "sgd_nesterov", "adam_amsgrad_weight_decay",
        "adamw_excluding_bias", "adagrad", "adadelta", "adamax", "nadam", "sgd_weight_decay"];

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void Optimizer_state_round_trips_so_training_resumes_bit_identically(string optimizerName)
    {
        using var folder = new TempFolder();
        Optimizer Create() => optimizerName switch
        {
            "adam" => new Adam(learningRate: 0.02, beta1: 0.8, clipNorm: 5),
            "rmsprop_momentum_centered" => new RMSprop(learningRate: 0.01, rho: 0.8, momentum: 0.5, centered: true, globalClipNorm: 3),
            "sgd_nesterov" => new SGD(learningRate: 0.1, momentum: 0.9, nesterov: true, clipValue: 0.5),
            "adam_amsgrad_weight_decay" => new Adam(learningRate: 0.02, amsgrad: true, weightDecay: 0.05, globalClipNorm: 3),
            "adamw_excluding_bias" => ExcludingBias(new AdamW(learningRate: 0.02, weightDecay: 0.1, beta2: 0.9, amsgrad: true)),
            "adagrad" => new Adagrad(learningRate: 0.05, initialAccumulatorValue: 0.3, epsilon: 1e-6, weightDecay: 0.01, clipNorm: 5),
            "adadelta" => new Adadelta(learningRate: 1.0, rho: 0.8, epsilon: 1e-6, clipValue: 0.5),
            "adamax" => new Adamax(learningRate: 0.02, beta1: 0.85, beta2: 0.95, weightDecay: 0.01),
            "nadam" => new Nadam(learningRate: 0.02, beta1: 0.5, beta2: 0.67, epsilon: 1e-5, weightDecay: 0.01),
            _ => new SGD(learningRate: 0.1, weightDecay: 0.2),
        };
        var model = new Sequential([new Embedding(10, 3, maskZero: true, inputShape: [null]), new Bidirectional(new LSTM(4)), new Dense(3, activation: "softmax")], seed: 7);
        model.Compile(optimizer: Create(), loss: "sparse_categorical_crossentropy", metrics: ["accuracy"]);
        Tensor x = TestModels.Ids(11, 6, 5, 10), y = new float[] { 0, 1, 2, 0, 1, 2 };
        for (int step = 0; step < 3; step++) model.TrainOnBatch(x, y);
        model.Save(folder.File("training.nbrnn"));
        for (int step = 0; step < 3; step++) model.TrainOnBatch(x, y);

        Sequential resumed = Sequential.Load(folder.File("training.nbrnn"));
        Assert.Equal(3, resumed.Optimizer!.Iterations);
        for (int step = 0; step < 3; step++) resumed.TrainOnBatch(x, y);

        TestModels.AssertSameWeights(model, resumed);
        TestModels.AssertBitIdentical(model.Predict(x), resumed.Predict(x), optimizerName);
        Assert.Equal(model.Optimizer!.GetConfig(), resumed.Optimizer.GetConfig());
        Assert.Equal(model.Optimizer.GetType(), resumed.Optimizer.GetType());
        Assert.Equal(model.Evaluate(x, y)["accuracy"], resumed.Evaluate(x, y)["accuracy"]);
    }

    [Fact]
    public void Weights_excluded_from_weight_decay_by_reference_are_the_loaded_models_same_weights()
    {
        using var folder = new TempFolder();
        var model = new Sequential([new Embedding(10, 3, inputShape: [null]), new LSTM(4), new Dense(3, activation: "softmax")], seed: 7);
        var optimizer = new AdamW(learningRate: 0.05, weightDecay: 0.5);
        model.Compile(optimizer: optimizer, loss: "sparse_categorical_crossentropy");
        optimizer.ExcludeFromWeightDecay(varList: [model.Layers[0].Parameters[0]], varNames: ["bias"]);
        Tensor x = TestModels.Ids(11, 6, 5, 10), y = new float[] { 0, 1, 2, 0, 1, 2 };
        for (int step = 0; step < 2; step++) model.TrainOnBatch(x, y);
        model.Save(folder.File("excluded.nbrnn"));
        for (int step = 0; step < 2; step++) model.TrainOnBatch(x, y);

        Sequential resumed = Sequential.Load(folder.File("excluded.nbrnn"));
        for (int step = 0; step < 2; step++) resumed.TrainOnBatch(x, y);

        Assert.Same(resumed.Layers[0].Parameters[0], Assert.Single(resumed.Optimizer!.WeightDecayExcludedParameters));
        Assert.Equal(["bias"], resumed.Optimizer.WeightDecayExcludedNames);
        TestModels.AssertSameWeights(model, resumed);
        TestModels.AssertBitIdentical(model.Predict(x), resumed.Predict(x), "excluded by reference");
    }

    private static Optimizer ExcludingBias(Optimizer optimizer)
    {
        optimizer.ExcludeFromWeightDecay(varNames: ["bias"]);
        return optimizer;
    }

    [Fact]
    public void Compile_settings_come_back_with_the_metrics_as_resolved()
    {
        using var folder = new TempFolder();
        var model = TestModels.Model(new Dense(1, activation: "sigmoid", inputShape: [3]));
        model.Compile(optimizer: new RMSprop(lr: 0.05), loss: "binary_crossentropy", metrics: ["acc", new BinaryAccuracy(0.7f, "strict")]);
        model.Save(folder.File("compiled.nbrnn"), includeOptimizer: false);

        Sequential loaded = Sequential.Load(folder.File("compiled.nbrnn"));

        Assert.IsType<RMSprop>(loaded.Optimizer);
        Assert.Equal(0.05, loaded.Optimizer!.LearningRate);
        Assert.Equal(0, loaded.Optimizer.Iterations);
        Assert.IsType<BinaryCrossentropy>(loaded.Loss);
        Tensor x = TestModels.Uniform(3, 8, 3), y = new float[,] { { 1 }, { 0 }, { 1 }, { 1 }, { 0 }, { 0 }, { 1 }, { 0 } };
        Assert.Equal(model.Evaluate(x, y), loaded.Evaluate(x, y));
    }

    [Fact]
    public void Uncompiled_and_unbuilt_models_load_as_they_were()
    {
        using var folder = new TempFolder();
        var unbuilt = new Sequential([new LSTM(3, name: "encoder"), new Dense(2)], name: "draft", seed: 9);
        unbuilt.Save(folder.File("draft.nbrnn"));

        Sequential loaded = Sequential.Load(folder.File("draft.nbrnn"));

        Assert.False(loaded.IsBuilt);
        Assert.Null(loaded.Optimizer);
        Assert.Equal(["encoder", "dense"], loaded.Layers.Select(l => l.Name));
        Assert.Equal("draft", loaded.Name);
        Assert.Equal(9, loaded.Seed);
    }

    [Fact]
    public void SaveWeights_and_LoadWeights_restore_the_weights_of_a_model_built_the_same_way()
    {
        using var folder = new TempFolder();
        var (model, x) = TestModels.Create("bidirectional_concat_and_ave");
        model.SaveWeights(folder.File("weights.safetensors"));
        var (fresh, _) = TestModels.Create("bidirectional_concat_and_ave");
        foreach (Parameter p in fresh.Parameters) p.Value.Span.Fill(0.5f);

        fresh.LoadWeights(folder.File("weights.safetensors"));

        TestModels.AssertSameWeights(model, fresh);
        TestModels.AssertBitIdentical(model.Predict(x), fresh.Predict(x), "predictions");
    }

    [Fact]
    public void LoadWeights_also_reads_a_full_model_file()
    {
        using var folder = new TempFolder();
        var (model, _) = TestModels.Create("masking_lstm_gru");
        model.TrainOnBatch(TestModels.Padded(1, 4, 5, 4, -1), TestModels.Uniform(2, 4, 2));
        model.Save(folder.File("model.nbrnn"));
        var (fresh, _) = TestModels.Create("masking_lstm_gru");

        fresh.LoadWeights(folder.File("model.nbrnn"));

        TestModels.AssertSameWeights(model, fresh);
    }

    [Fact]
    public void Load_rejects_a_weights_only_file_and_points_to_LoadWeights()
    {
        using var folder = new TempFolder();
        TestModels.Create("dense_dropout_softmax").Model.SaveWeights(folder.File("weights.safetensors"));

        var error = Assert.Throws<ModelFormatException>(() => Sequential.Load(folder.File("weights.safetensors")));

        Assert.Contains("weights only", error.Message);
        Assert.Contains("LoadWeights", error.Message);
        Assert.Equal(folder.File("weights.safetensors"), error.FilePath);
    }

    [Fact]
    public void LoadWeights_into_another_architecture_names_the_first_mismatching_weight_and_both_shapes_and_changes_nothing()
    {
        using var folder = new TempFolder();
        TestModels.Model(new Dense(4, inputShape: [3]), new Dense(2)).SaveWeights(folder.File("small.safetensors"));
        var other = TestModels.Model(new Dense(4, inputShape: [3]), new Dense(5));
        float[][] before = [.. other.Parameters.Select(p => p.Value.ToArray())];

        var error = Assert.Throws<ModelFormatException>(() => other.LoadWeights(folder.File("small.safetensors")));

        Assert.Equal("weight 'dense_1/kernel'", error.Location);
        Assert.Contains("the model's weight has shape (4, 5), the file's has shape (4, 2)", error.Message);
        Assert.Equal(before, other.Parameters.Select(p => p.Value.ToArray()));
    }

    [Fact]
    public void LoadWeights_names_weights_that_one_side_lacks()
    {
        using var folder = new TempFolder();
        TestModels.Model(new Dense(4, inputShape: [3]), new Dense(2)).SaveWeights(folder.File("two.safetensors"));

        var missing = Assert.Throws<ModelFormatException>(() =>
            TestModels.Model(new Dense(4, inputShape: [3]), new Dense(2), new Dense(2)).LoadWeights(folder.File("two.safetensors")));
        var extra = Assert.Throws<ModelFormatException>(() =>
            TestModels.Model(new Dense(4, inputShape: [3])).LoadWeights(folder.File("two.safetensors")));
        var noBias = Assert.Throws<ModelFormatException>(() =>
            TestModels.Model(new Dense(4, useBias: false, inputShape: [3]), new Dense(2)).LoadWeights(folder.File("two.safetensors")));

        Assert.Contains("the model has weight 'dense_2/kernel' of shape (2, 2), which the file lacks", missing.Message);
        Assert.True(noBias.Message.Contains("the file has weight 'dense/bias' of shape (4,), which the model lacks"), noBias.Message);
        Assert.Equal("weight 'dense_1/kernel'", extra.Location);
    }

    [Fact]
    public void LoadWeights_needs_a_built_model()
    {
        using var folder = new TempFolder();
        TestModels.Create("dense_dropout_softmax").Model.SaveWeights(folder.File("w.safetensors"));
        var error = Assert.Throws<InvalidOperationException>(() => new Sequential([new Dense(3)]).LoadWeights(folder.File("w.safetensors")));
        Assert.Contains("not built", error.Message);
    }

    [Fact]
    public void Weights_are_named_by_layer_and_wrapped_layer()
    {
        using var folder = new TempFolder();
        var model = TestModels.Model(new TimeDistributed(new Dense(2), inputShape: [3, 4]), new Bidirectional(new LSTM(2)));
        model.TrainOnBatch(TestModels.Uniform(1, 2, 3, 4), TestModels.Uniform(2, 2, 4));
        model.Save(folder.File("names.nbrnn"));

        string[] names = [.. SafetensorsHeader(folder.File("names.nbrnn")).EnumerateObject().Select(p => p.Name)];

        Assert.Equal(["__metadata__",
            "time_distributed/dense/kernel", "time_distributed/dense/bias",
            "bidirectional/forward_lstm/kernel", "bidirectional/forward_lstm/recurrent_kernel", "bidirectional/forward_lstm/bias",
            "bidirectional/backward_lstm/kernel", "bidirectional/backward_lstm/recurrent_kernel", "bidirectional/backward_lstm/bias",
            "optimizer/time_distributed/dense/kernel/0", "optimizer/time_distributed/dense/kernel/1"], names.Take(11));
        Assert.Equal(1 + 8 + 8 * 2, names.Length);
    }

    [Fact]
    public void The_file_is_plain_safetensors_that_any_reader_understands()
    {
        using var folder = new TempFolder();
        var model = TestModels.Model(new Dense(3, inputShape: [2]));
        model.Save(folder.File("plain.safetensors"), includeOptimizer: false);
        byte[] bytes = File.ReadAllBytes(folder.File("plain.safetensors"));

        long headerLength = (long)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        JsonElement header = SafetensorsHeader(folder.File("plain.safetensors"));
        JsonElement kernel = header.GetProperty("dense/kernel");
        long begin = kernel.GetProperty("data_offsets")[0].GetInt64(), end = kernel.GetProperty("data_offsets")[1].GetInt64();
        float[] stored = [.. Enumerable.Range(0, (int)(end - begin) / 4)
            .Select(i => BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan((int)(8 + headerLength + begin + 4 * i))))];

        Assert.Equal(0, (8 + headerLength) % 8);
        Assert.Equal("F32", kernel.GetProperty("dtype").GetString());
        Assert.Equal([2, 3], kernel.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()));
        Assert.Equal(model.Layers[0].Parameters[0].Value.ToArray(), stored);
        JsonElement metadata = header.GetProperty("__metadata__");
        Assert.Equal("notebookrnn", metadata.GetProperty("format").GetString());
        Assert.Equal("2", metadata.GetProperty("format_version").GetString());
        Assert.Equal("Sequential", JsonDocument.Parse(metadata.GetProperty("model").GetString()!).RootElement.GetProperty("class_name").GetString());
    }

    [Fact]
    public void Save_refuses_non_finite_weights_and_keeps_the_previous_file()
    {
        using var folder = new TempFolder();
        var (model, x) = TestModels.Create("dense_dropout_softmax");
        model.Save(folder.File("model.nbrnn"));
        Tensor expected = model.Predict(x).Clone();
        model.Layers[2].Parameters[0].Value.Span[5] = float.NaN;

        var error = Assert.Throws<InvalidOperationException>(() => model.Save(folder.File("model.nbrnn")));

        Assert.Contains("'dense_1/kernel' has the value NaN at flat index 5", error.Message);
        TestModels.AssertBitIdentical(expected, Sequential.Load(folder.File("model.nbrnn")).Predict(x), "previous file");
        Assert.Empty(folder.TemporaryFiles());
    }

    [Fact]
    public void Save_refuses_a_configuration_that_Load_could_not_restore()
    {
        using var folder = new TempFolder();
        var custom = TestModels.Model(new Dense(2, kernelInitializer: new HalfInitializer(), inputShape: [3]));

        var error = Assert.Throws<NotSupportedException>(() => custom.Save(folder.File("custom.nbrnn")));

        Assert.Contains("kernel_initializer", error.Message);
        Assert.Contains("HalfInitializer", error.Message);
        Assert.Contains("SaveWeights", error.Message);
        Assert.False(File.Exists(folder.File("custom.nbrnn")));
        custom.SaveWeights(folder.File("custom.safetensors"));
    }

    [Fact]
    public void An_initializer_with_arguments_is_saved_with_them()
    {
        using var folder = new TempFolder();
        var model = TestModels.Model(new Dense(2, kernelInitializer: new VarianceScaling(3, FanMode.Out), inputShape: [3]));

        model.Save(folder.File("scaled.nbrnn"));
        var loaded = (VarianceScaling)((Dense)Sequential.Load(folder.File("scaled.nbrnn")).Layers[0]).KernelInitializer;

        Assert.Equal((3.0, FanMode.Out, Distribution.TruncatedNormal), (loaded.Scale, loaded.Mode, loaded.Distribution));
    }

    private sealed class HalfInitializer : Initializer
    {
        public override string Name => "half";

        public override void Fill(Span<float> values, IReadOnlyList<int> shape, RandomGenerator random) => values.Fill(0.5f);
    }

    [Fact]
    public void Saving_over_a_file_replaces_it_atomically_and_leaves_no_temporary_file()
    {
        using var folder = new TempFolder();
        var (first, x) = TestModels.Create("dense_dropout_softmax");
        first.Save(folder.File("model.nbrnn"));
        var second = TestModels.Model(new Dense(7, activation: "relu", inputShape: [6]), new Dropout(0.3), new Dense(3, activation: "softmax"));
        foreach (Parameter p in second.Parameters) p.Value.Span.Fill(0.25f);

        second.Save(folder.File("model.nbrnn"));

        TestModels.AssertBitIdentical(second.Predict(x), Sequential.Load(folder.File("model.nbrnn")).Predict(x), "replaced file");
        Assert.Equal([folder.File("model.nbrnn")], Directory.GetFiles(folder.Root));
    }

    internal static string ConfigText(Sequential model) =>
        JsonSerializer.Serialize(model.Layers.Select(l => l.GetConfig()).ToList());

    internal static JsonElement SafetensorsHeader(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        int length = (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        return JsonDocument.Parse(bytes.AsMemory(8, length)).RootElement.Clone();
    }
}
