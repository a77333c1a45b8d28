using System.Text.Json;
using System.Text.Json.Nodes;
using NotebookRnn.Layers;
using NotebookRnn.Layers.Functional;
using NotebookRnn.Layers.Recurrent;
using NotebookRnn.Losses;
using NotebookRnn.Models;
using NotebookRnn.Models.Callbacks;
using NotebookRnn.Optimizers;
using NotebookRnn.Persistence;
using NotebookRnn.Tensors;
using NotebookRnn.Training;

namespace NotebookRnn.Tests.Persistence;

/// <summary>
/// Functional models saved and loaded: Keras's functional configuration (keras/src/models/functional.py, get_config and
/// functional_from_config), bit-identical predictions after loading, compile settings of several outputs, training that
/// resumes identically, and errors that name the place in the configuration.
/// </summary>
public class FunctionalPersistenceTests
{
    // lstm_seq2seq with the encoder's states also as outputs: two inputs, a state handover, returnState outputs.
    private static Model Seq2Seq(long seed = 5)
    {
        var encoderInputs = new Input([null, 3], name: "encoder_inputs");
        var (_, stateH, stateC) = new LSTM(4, returnState: true, name: "encoder").Call(encoderInputs);
        var decoderInputs = new Input([null, 2], name: "decoder_inputs");
        SymbolicTensor decoded = new LSTM(4, returnSequences: true, name: "decoder").Call(decoderInputs, initialState: [stateH, stateC]);
        SymbolicTensor probabilities = new Dense(2, activation: "softmax", name: "softmax").Call(decoded);
        return new Model([encoderInputs, decoderInputs], [probabilities, stateH, stateC], name: "seq2seq", seed: seed);
    }

    private static Tensor[] Seq2SeqInputs() => [TestModels.Uniform(1, 6, 5, 3), TestModels.Uniform(2, 6, 4, 2)];

    // Two inputs, each read by a GRU — one GRU called on both (shared weights), or one each — and two heads: several outputs.
    private static Model TwoHeads(bool shared)
    {
        var left = new Input([4, 3], name: "left");
        var right = new Input([4, 3], name: "right");
        var gru = new GRU(5, name: "shared");
        SymbolicTensor a = new Dense(2, name: "a").Call(gru.Call(left));
        SymbolicTensor b = new Dense(1, activation: "sigmoid", name: "b").Call((shared ? gru : new GRU(3, name: "right_gru")).Call(right));
        return new Model([left, right], [a, b], name: "two_heads", seed: 9);
    }

    private static Tensor[] SharedInputs() => [TestModels.Uniform(3, 8, 4, 3), TestModels.Uniform(4, 8, 4, 3)];

    private static Tensor[] SharedTargets() => [TestModels.Uniform(5, 8, 2), GradientCheck.Uniform(6, 0, 1, 8, 1)];

    [Fact]
    public void A_seq2seq_model_with_state_outputs_loads_to_bit_identical_predictions()
    {
        using var folder = new TempFolder();
        Model model = Seq2Seq();
        IReadOnlyList<Tensor> expected = [.. model.Predict(Seq2SeqInputs()).Select(t => t.Clone())];
        model.Save(folder.File("seq2seq.nbrnn"));

        Model loaded = Model.Load(folder.File("seq2seq.nbrnn"));

        Assert.IsNotType<Sequential>(loaded);
        IReadOnlyList<Tensor> actual = loaded.Predict(Seq2SeqInputs());
        Assert.Equal(3, actual.Count);
        for (int k = 0; k < 3; k++) TestModels.AssertBitIdentical(expected[k], actual[k], $"output {k}");
        AssertSameWeights(model, loaded);
        Assert.Equal(model.Summary().ToString(), loaded.Summary().ToString());
        Assert.Equal((model.Name, model.Seed), (loaded.Name, loaded.Seed));
        Assert.Equal(["encoder_inputs", "decoder_inputs"], loaded.Inputs.Select(i => i.Name));
        Assert.Equal(["softmax", "encoder:1", "encoder:2"], loaded.OutputNames);
    }

    [Fact]
    public void The_configuration_is_kerass_functional_one()
    {
        using var folder = new TempFolder();
        Seq2Seq().Save(folder.File("seq2seq.nbrnn"));

        JsonNode model = SavedFile.Read(folder.File("seq2seq.nbrnn")).Model;

        Assert.Equal("Functional", (string?)model["class_name"]);
        JsonNode config = model["config"]!;
        Assert.Equal("""[["encoder_inputs",0,0],["decoder_inputs",0,0]]""", config["input_layers"]!.ToJsonString());
        Assert.Equal("""[["softmax",0,0],["encoder",0,1],["encoder",0,2]]""", config["output_layers"]!.ToJsonString());
        JsonArray layers = config["layers"]!.AsArray();
        Assert.Equal(["encoder_inputs", "decoder_inputs", "encoder", "decoder", "softmax"], layers.Select(l => (string?)l!["name"]));
        Assert.Equal("""{"name":"encoder_inputs","batch_shape":[null,null,3],"dtype":"float32"}""", layers[0]!["config"]!.ToJsonString());
        Assert.Equal("[]", layers[0]!["inbound_nodes"]!.ToJsonString());
        JsonNode decoderCall = layers[3]!["inbound_nodes"]![0]!;
        Assert.Equal("""{"class_name":"__keras_tensor__","config":{"shape":[null,null,2],"dtype":"float32","keras_history":["decoder_inputs",0,0]}}""",
            decoderCall["args"]![0]!.ToJsonString());
        Assert.Equal("""[["encoder",0,1],["encoder",0,2]]""",
            new JsonArray([.. decoderCall["kwargs"]!["initial_state"]!.AsArray().Select(t => t!["config"]!["keras_history"]!.DeepClone())]).ToJsonString());
    }

    [Fact]
    public void A_shared_layer_is_saved_once_with_one_inbound_node_per_call_and_loads_shared()
    {
        using var folder = new TempFolder();
        Model model = TwoHeads(shared: true);
        IReadOnlyList<Tensor> expected = [.. model.Predict(SharedInputs()).Select(t => t.Clone())];
        model.Save(folder.File("shared.nbrnn"));

        SavedFile file = SavedFile.Read(folder.File("shared.nbrnn"));
        Model loaded = Model.Load(folder.File("shared.nbrnn"));

        JsonNode shared = file.Model["config"]!["layers"]!.AsArray().Single(l => (string?)l!["name"] == "shared")!;
        Assert.Equal(2, shared["inbound_nodes"]!.AsArray().Count);
        Assert.Equal(["shared/kernel", "shared/recurrent_kernel", "shared/bias"], file.Header.Select(e => e.Key).Where(k => k.StartsWith("shared/", StringComparison.Ordinal)));
        IReadOnlyList<Tensor> actual = loaded.Predict(SharedInputs());
        for (int k = 0; k < 2; k++) TestModels.AssertBitIdentical(expected[k], actual[k], $"output {k}");
        Assert.Single(loaded.Layers.OfType<GRU>());
        Assert.Equal(3 + 2 + 2, loaded.Parameters.Count);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Compile_settings_of_several_outputs_come_back_and_training_resumes_bit_identically(bool shared)
    {
        using var folder = new TempFolder();
        Model model = TwoHeads(shared);
        model.Compile(new Adam(learningRate: 0.02), ["mse", "binary_crossentropy"], lossWeights: [0.25, 2],
            metrics: [[], ["binary_accuracy"]]);
        model.Fit(SharedInputs(), SharedTargets(), batchSize: 4, epochs: 2, verbose: 0, shuffle: false);
        model.Save(folder.File("training.nbrnn"));
        History original = model.Fit(SharedInputs(), SharedTargets(), batchSize: 4, epochs: 2, verbose: 0, shuffle: false);

        Model resumed = Model.Load(folder.File("training.nbrnn"));
        Assert.Equal(4, resumed.Optimizer!.Iterations);
        Assert.Equal([typeof(MeanSquaredError), typeof(BinaryCrossentropy)], resumed.Losses!.Select(l => l.GetType()));
        History continued = resumed.Fit(SharedInputs(), SharedTargets(), batchSize: 4, epochs: 2, verbose: 0, shuffle: false);

        Assert.Equal(["loss", "a_loss", "b_loss", "b_binary_accuracy"], continued.Epochs[0].Metrics.Keys);
        Assert.Equal(original["loss"], continued["loss"]);
        Assert.Equal(original["b_binary_accuracy"], continued["b_binary_accuracy"]);
        AssertSameWeights(model, resumed);
        EvaluationResult a = model.Evaluate(SharedInputs(), SharedTargets()), b = resumed.Evaluate(SharedInputs(), SharedTargets());
        Assert.Equal(0.25 * b["a_loss"] + 2 * b["b_loss"], b["loss"], 6);
        Assert.Equal((a["loss"], a["a_loss"], a["b_loss"]), (b["loss"], b["a_loss"], b["b_loss"]));
    }

    [Fact]
    public void A_seq2seq_model_resumes_training_bit_identically_with_its_optimizer_state()
    {
        // The encoder's state outputs get zero loss weights: only the decoder's softmax is trained, as in lstm_seq2seq.
        using var folder = new TempFolder();
        Model model = Seq2Seq();
        Tensor[] targets = [new Tensor([.. Enumerable.Range(0, 6 * 4).Select(i => (float)(i % 2))], 6, 4), new Tensor(6, 4), new Tensor(6, 4)];
        model.Compile(new RMSprop(learningRate: 0.01, momentum: 0.5), ["sparse_categorical_crossentropy", "mse", "mse"], lossWeights: [1, 0, 0],
            metrics: [["accuracy"], [], []]);
        model.Fit(Seq2SeqInputs(), targets, batchSize: 3, epochs: 1, verbose: 0, shuffle: false);
        model.Save(folder.File("seq2seq.nbrnn"));
        History original = model.Fit(Seq2SeqInputs(), targets, batchSize: 3, epochs: 2, verbose: 0, shuffle: false);

        Model resumed = Model.Load(folder.File("seq2seq.nbrnn"));
        History continued = resumed.Fit(Seq2SeqInputs(), targets, batchSize: 3, epochs: 2, verbose: 0, shuffle: false);

        Assert.Equal(original["loss"], continued["loss"]);
        Assert.Equal(original["softmax_accuracy"], continued["softmax_accuracy"]);
        AssertSameWeights(model, resumed);
        for (int k = 0; k < 3; k++) TestModels.AssertBitIdentical(model.Predict(Seq2SeqInputs())[k], resumed.Predict(Seq2SeqInputs())[k], $"output {k}");
    }

    [Fact]
    public void An_inference_decoder_built_from_trained_layers_saves_its_own_calls_only()
    {
        // lstm_seq2seq's inference decoder: the trained decoder LSTM and Dense called again on new state inputs.
        using var folder = new TempFolder();
        var encoderInputs = new Input([null, 3], name: "encoder_inputs");
        var (_, h, c) = new LSTM(4, returnState: true, name: "encoder").Call(encoderInputs);
        var decoderInputs = new Input([null, 2], name: "decoder_inputs");
        var decoderLstm = new LSTM(4, returnSequences: true, returnState: true, name: "decoder");
        var softmax = new Dense(2, activation: "softmax", name: "softmax");
        var (decoded, _, _) = decoderLstm.Call(decoderInputs, initialState: [h, c]);
        var training = new Model([encoderInputs, decoderInputs], softmax.Call(decoded), seed: 3);
        var stateH = new Input([4], name: "state_h");
        var stateC = new Input([4], name: "state_c");
        var (stepOutput, nextH, nextC) = decoderLstm.Call(decoderInputs, initialState: [stateH, stateC]);
        var decoder = new Model([decoderInputs, stateH, stateC], [softmax.Call(stepOutput), nextH, nextC], name: "inference_decoder", seed: 4);
        Tensor[] x = [TestModels.Uniform(7, 5, 1, 2), TestModels.Uniform(8, 5, 4), TestModels.Uniform(9, 5, 4)];
        IReadOnlyList<Tensor> expected = [.. decoder.Predict(x).Select(t => t.Clone())];
        decoder.Save(folder.File("decoder.nbrnn"));

        Model loaded = Model.Load(folder.File("decoder.nbrnn"));

        Assert.Equal(["decoder_inputs", "state_h", "state_c", "decoder", "softmax"], loaded.Layers.Select(l => l.Name));
        for (int k = 0; k < 3; k++) TestModels.AssertBitIdentical(expected[k], loaded.Predict(x)[k], $"output {k}");
        Assert.Equal(training.Layers.Single(l => l.Name == "decoder").Parameters.Count, loaded.Layers.Single(l => l.Name == "decoder").Parameters.Count);
    }

    [Fact]
    public void Weights_alone_and_keras_get_and_set_weights_carry_a_functional_models_values()
    {
        using var folder = new TempFolder();
        Model trained = Seq2Seq(seed: 5), fresh = Seq2Seq(seed: 6), copied = Seq2Seq(seed: 7);
        Tensor expected = trained.Predict(Seq2SeqInputs())[0].Clone();
        trained.SaveWeights(folder.File("weights.nbrnn"));

        fresh.LoadWeights(folder.File("weights.nbrnn"));
        copied.SetWeights(trained.GetWeights());

        Assert.Equal(trained.Parameters.Count, trained.GetWeights().Count);
        TestModels.AssertBitIdentical(expected, fresh.Predict(Seq2SeqInputs())[0], "LoadWeights");
        TestModels.AssertBitIdentical(expected, copied.Predict(Seq2SeqInputs())[0], "SetWeights");
        Assert.Throws<ArgumentException>(() => copied.SetWeights(trained.GetWeights().Skip(1).ToList()));
    }

    [Fact]
    public void Model_load_gives_a_sequential_model_for_a_sequential_file_and_sequential_load_refuses_a_functional_one()
    {
        using var folder = new TempFolder();
        var (sequential, x) = TestModels.Create("masking_lstm_gru");
        sequential.Save(folder.File("sequential.nbrnn"));
        Seq2Seq().Save(folder.File("functional.nbrnn"));

        Model loaded = Model.Load(folder.File("sequential.nbrnn"));
        var error = Assert.Throws<ModelFormatException>(() => Sequential.Load(folder.File("functional.nbrnn")));

        Assert.IsType<Sequential>(loaded);
        TestModels.AssertBitIdentical(sequential.Predict(x), loaded.Predict(x), "sequential through Model.Load");
        Assert.Equal("model config model.class_name", error.Location);
        Assert.Contains("functional model 'seq2seq'", error.Message);
        Assert.Contains("Model.Load", error.Message);
    }

    [Fact]
    public void Model_checkpoint_saves_a_functional_model()
    {
        using var folder = new TempFolder();
        Model model = TwoHeads(shared: true);
        model.Compile(new SGD(0.1), ["mse", "mse"]);
        var checkpoint = new ModelCheckpoint(folder.File("model-{epoch:02d}.nbrnn"), monitor: "loss");

        model.Fit(SharedInputs(), SharedTargets(), batchSize: 4, epochs: 2, verbose: 0, callbacks: [checkpoint]);

        Assert.Equal(folder.File("model-02.nbrnn"), checkpoint.LastFilePath);
        IReadOnlyList<Tensor> expected = model.Predict(SharedInputs());
        TestModels.AssertBitIdentical(expected[1], Model.Load(checkpoint.LastFilePath!).Predict(SharedInputs())[1], "checkpoint");
    }

    [Fact]
    public void An_unknown_layer_type_is_named_with_its_place()
    {
        ModelFormatException error = Damaged(layers => layers[2]!["class_name"] = "Conv1D");
        Assert.Equal("model config model.config.layers[2].class_name", error.Location);
        Assert.Contains("unknown layer type \"Conv1D\"", error.Message);
    }

    [Fact]
    public void An_inbound_node_that_names_a_missing_layer_is_named_with_its_place()
    {
        ModelFormatException error = Damaged(layers => layers[3]!["inbound_nodes"]![0]!["args"]![0]!["config"]!["keras_history"]![0] = "encoder_input");
        Assert.Equal("model config model.config.layers[3].inbound_nodes[0].args[0].config.keras_history", error.Location);
        Assert.Contains("names layer 'encoder_input', which the configuration does not list", error.Message);
    }

    [Fact]
    public void An_inbound_node_that_names_a_call_the_layer_lacks_is_named_with_its_place()
    {
        ModelFormatException error = Damaged(layers => layers[3]!["inbound_nodes"]![0]!["kwargs"]!["initial_state"]![1]!["config"]!["keras_history"]![1] = 1);
        Assert.Equal("model config model.config.layers[3].inbound_nodes[0].kwargs.initial_state[1].config.keras_history", error.Location);
        Assert.Contains("names call 1 of layer 'encoder', which has 1 call in the configuration", error.Message);
    }

    [Fact]
    public void A_configuration_whose_output_needs_an_input_it_does_not_list_is_disconnected()
    {
        ModelFormatException error = Damaged(layers => { }, config => config["input_layers"]!.AsArray().RemoveAt(1));
        Assert.Equal("model config model.config.output_layers", error.Location);
        Assert.Contains("Graph disconnected", error.Message);
        Assert.Contains("decoder_inputs", error.Message);
    }

    [Fact]
    public void A_layer_that_leads_to_no_output_makes_the_configuration_disconnected()
    {
        ModelFormatException error = Damaged(layers => { }, config => config["output_layers"] = new JsonArray(new JsonArray("encoder", 0, 1)));
        Assert.Equal("model config model.config.layers[3]", error.Location);
        Assert.Contains("layer 'decoder' leads to no output", error.Message);
    }

    [Fact]
    public void Calls_that_wait_on_each_other_are_reported_as_a_cycle()
    {
        // The encoder is made to take the softmax's output: encoder ← softmax ← decoder ← encoder.
        ModelFormatException error = Damaged(layers => layers[2]!["inbound_nodes"]![0]!["args"]![0] = new JsonArray("softmax", 0, 0));
        Assert.Equal("model config model.config.layers[2].inbound_nodes[0].args[0]", error.Location);
        Assert.Contains("the calls form a cycle", error.Message);
    }

    [Fact]
    public void A_loaded_model_saves_the_same_configuration_and_keeps_its_list_of_outputs()
    {
        // functional_test.py::test_restored_nested_input (to_json of the restored model equals the original's) and
        // ::test_restored_multi_output_type (a restored model of two Dense heads gives a list of (2, 4) and (2, 5)).
        using var folder = new TempFolder();
        var input = new Input([3], name: "input");
        SymbolicTensor x = new Dense(5).Call(input);
        var model = new Model(input, [new Dense(4).Call(x), new Dense(5).Call(x)], seed: 1);
        model.Save(folder.File("first.nbrnn"));

        Model restored = Model.Load(folder.File("first.nbrnn"));
        restored.Save(folder.File("second.nbrnn"));

        Assert.Equal(SavedFile.Read(folder.File("first.nbrnn")).Metadata["model"]!.GetValue<string>(),
            SavedFile.Read(folder.File("second.nbrnn")).Metadata["model"]!.GetValue<string>());
        IReadOnlyList<Tensor> outputs = restored.Predict([TestModels.Uniform(1, 2, 3)]);
        Assert.Equal([[2, 4], [2, 5]], outputs.Select(o => o.Shape.ToArray()));
    }

    [Fact]
    public void A_list_of_tensors_given_to_a_layer_of_one_input_is_named_with_its_place()
    {
        ModelFormatException error = Damaged(layers =>
        {
            JsonArray args = layers[3]!["inbound_nodes"]![0]!["args"]!.AsArray();
            args[0] = new JsonArray(args[0]!.DeepClone());
        });
        Assert.Equal("model config model.config.layers[3].inbound_nodes[0].args", error.Location);
        Assert.Contains("LSTM 'decoder' takes one tensor, got a list of 1", error.Message);
    }

    [Fact]
    public void A_bare_keras_history_is_read_as_the_tensor_it_names()
    {
        // Keras 2 wrote a call's tensors as [layer, node, tensor]; the same model comes back.
        using var folder = new TempFolder();
        Model model = Seq2Seq();
        model.Save(folder.File("model.nbrnn"));
        SavedFile file = SavedFile.Read(folder.File("model.nbrnn"));
        JsonNode config = file.Model;
        config["config"]!["layers"]![3]!["inbound_nodes"]![0]!["args"]![0] = new JsonArray("decoder_inputs", 0, 0);
        file.Model = config;
        file.Write(folder.File("model.nbrnn"), fixChecksums: true);

        TestModels.AssertBitIdentical(model.Predict(Seq2SeqInputs())[0], Model.Load(folder.File("model.nbrnn")).Predict(Seq2SeqInputs())[0], "softmax");
    }

    // Saves the seq2seq model, edits its layer list (and config), fixes the checksums and loads it.
    private static ModelFormatException Damaged(Action<JsonArray> editLayers, Action<JsonNode>? editConfig = null)
    {
        using var folder = new TempFolder();
        Seq2Seq().Save(folder.File("model.nbrnn"));
        SavedFile file = SavedFile.Read(folder.File("model.nbrnn"));
        JsonNode model = file.Model;
        editLayers(model["config"]!["layers"]!.AsArray());
        editConfig?.Invoke(model["config"]!);
        file.Model = model;
        file.Write(folder.File("model.nbrnn"), fixChecksums: true);
        var error = Assert.Throws<ModelFormatException>(() => Model.Load(folder.File("model.nbrnn")));
        Assert.Equal(folder.File("model.nbrnn"), error.FilePath);
        return error;
    }

    private static void AssertSameWeights(Model expected, Model actual)
    {
        Assert.Equal(expected.Parameters.Count, actual.Parameters.Count);
        for (int p = 0; p < expected.Parameters.Count; p++)
            TestModels.AssertBitIdentical(expected.Parameters[p].Value, actual.Parameters[p].Value, $"weight {p} ({expected.Parameters[p].Name})");
    }
}
