using NotebookRnn.Layers;
using NotebookRnn.Layers.Functional;
using NotebookRnn.Layers.Recurrent;
using NotebookRnn.Models;
using NotebookRnn.Tensors;
using NotebookRnn.Training;

namespace NotebookRnn.Tests.Models;

/// <summary>
/// The functional API: Input, layer calls on symbolic tensors, new Model(inputs, outputs); a Sequential model and the
/// same stack written as a functional one are the same model. Keras's keras/src/models/functional_test.py is ported where
/// its expectations apply (cited per test).
/// </summary>
public class FunctionalModelTests
{
    [Fact]
    public void A_functional_stack_trains_and_predicts_exactly_as_the_same_sequential_model()
    {
        var sequential = new Sequential(seed: 11);
        sequential.Add(new LSTM(6, inputShape: [5, 3]));
        sequential.Add(new Dense(2, activation: "softmax"));
        var input = new Input([5, 3]);
        var functional = new Model(input, new Dense(2, activation: "softmax").Call(new LSTM(6).Call(input)), seed: 11);
        Tensor x = GradientCheck.Uniform(1, -1, 1, 40, 5, 3);
        Tensor y = new Tensor([.. Enumerable.Range(0, 40).Select(i => (float)(i % 2))], 40);
        foreach (Model model in new Model[] { sequential, functional })
            model.Compile(optimizer: "adam", loss: "sparse_categorical_crossentropy", metrics: ["accuracy"]);

        History a = sequential.Fit(x, y, batchSize: 8, epochs: 2, verbose: 0);
        History b = functional.Fit(x, y, batchSize: 8, epochs: 2, verbose: 0);

        Assert.Equal(a["loss"], b["loss"]);
        Assert.Equal(a["accuracy"], b["accuracy"]);
        Assert.Equal(sequential.Predict(x).ToArray(), functional.Predict(x).ToArray());
    }

    [Fact]
    public void A_functional_model_trains_on_ragged_token_ids_exactly_as_the_same_sequential_model()
    {
        int[][] x = [.. Enumerable.Range(0, 24).Select(i => Enumerable.Range(1, 2 + i % 5).Select(t => 1 + (t * i) % 7).ToArray())];
        Tensor y = new Tensor([.. Enumerable.Range(0, 24).Select(i => (float)(i % 2))], 24);
        var sequential = new Sequential([new Embedding(8, 4, maskZero: true), new GRU(5), new Dense(2, activation: "softmax")], seed: 3);
        var ids = new Input([null], dtype: "int32");
        var functional = new Model(ids, new Dense(2, activation: "softmax").Call(new GRU(5).Call(new Embedding(8, 4, maskZero: true).Call(ids))), seed: 3);
        double[][] losses = new double[2][];
        int k = 0;
        foreach (Model model in new Model[] { sequential, functional })
        {
            model.Compile(optimizer: "adam", loss: "sparse_categorical_crossentropy");
            losses[k++] = [.. model.Fit(x, y, batchSize: 6, epochs: 2, verbose: 0)["loss"]];
        }
        Assert.Equal(losses[0], losses[1]);
        Assert.Equal(sequential.Predict(x).ToArray(), functional.Predict(x).ToArray());
    }

    [Fact]
    public void Encoder_states_handed_to_a_decoder_get_gradients_through_the_handover()
    {
        // lstm_seq2seq's wiring: only the encoder's states reach the loss, so every encoder gradient flows through them.
        var (model, runner) = Seq2Seq(seed: 3, units: 4);
        Tensor encoder = GradientCheck.Uniform(4, -1, 1, 3, 5, 3), decoder = GradientCheck.Uniform(5, -1, 1, 3, 4, 2);
        CheckGradients(runner, [encoder, decoder]);
        Assert.Contains(model.Layers.OfType<LSTM>().First().Parameters, p => p.Gradient.ToArray().Any(g => g != 0));
    }

    [Fact]
    public void A_layer_called_twice_shares_its_weights_and_sums_the_gradients_of_both_calls()
    {
        var left = new Input([4, 3], name: "left");
        var right = new Input([4, 3], name: "right");
        var shared = new LSTM(5, returnSequences: true);
        var head = new Dense(2);
        var model = new Model([left, right], [head.Call(shared.Call(left)), new Dense(1).Call(shared.Call(right))], seed: 4);
        var runner = new GraphRunner(ProgramOf(model), layer => layer, new RandomGenerator(1));

        CheckGradients(runner, [GradientCheck.Uniform(6, -1, 1, 2, 4, 3), GradientCheck.Uniform(7, -1, 1, 2, 4, 3)]);
        Assert.Equal(3 + 2 + 2, model.Parameters.Count);
        Assert.Equal(["left", "right", "lstm", "dense", "dense_1"], model.Layers.Select(l => l.Name));
    }

    [Fact]
    public void A_tensor_used_by_two_layers_receives_the_sum_of_their_gradients()
    {
        var input = new Input([3]);
        SymbolicTensor hidden = new Dense(4, activation: "tanh").Call(input);
        var model = new Model(input, [new Dense(2).Call(hidden), new Dense(3, activation: "sigmoid").Call(hidden)], seed: 8);
        var runner = new GraphRunner(ProgramOf(model), layer => layer, new RandomGenerator(1));
        CheckGradients(runner, [GradientCheck.Uniform(9, -1, 1, 4, 3)]);
    }

    [Fact]
    public void Several_outputs_train_on_the_weighted_sum_of_their_losses_and_log_each_one()
    {
        // functional_test.py::test_basic_flow_multi_output: two Dense heads on one trunk give outputs of (2, 4) and (2, 5).
        var input = new Input([3], name: "input");
        SymbolicTensor x = new Dense(5).Call(input);
        var model = new Model(input, [new Dense(4, name: "a").Call(x), new Dense(5, name: "b").Call(x)], seed: 2);
        Tensor data = GradientCheck.Uniform(3, -1, 1, 2, 3);
        IReadOnlyList<Tensor> outputs = model.Predict([data]);
        Assert.Equal([2, 4], outputs[0].Shape);
        Assert.Equal([2, 5], outputs[1].Shape);

        model.Compile(new NotebookRnn.Optimizers.SGD(), ["mse", "mae"], lossWeights: [0.25, 2]);
        Tensor ya = GradientCheck.Uniform(4, -1, 1, 2, 4), yb = GradientCheck.Uniform(5, -1, 1, 2, 5);
        EvaluationResult result = model.Evaluate([data], [ya, yb]);
        Assert.Equal(0.25 * result["a_loss"] + 2 * result["b_loss"], result["loss"], 6);
        Assert.Equal(Mean(outputs[0], ya, Math.Abs, square: true), result["a_loss"], 5);
        Assert.Equal(Mean(outputs[1], yb, Math.Abs, square: false), result["b_loss"], 5);
        History history = model.Fit([data], [ya, yb], batchSize: 2, epochs: 1, verbose: 0);
        Assert.Equal(["loss", "a_loss", "b_loss"], history.Epochs[0].Metrics.Keys);
    }

    [Fact]
    public void Inputs_and_targets_can_be_given_by_name()
    {
        // functional_test.py::test_passing_inputs_by_name and ::test_named_input_dict_io.
        var (model, _) = Seq2Seq(seed: 6, units: 3);
        Tensor encoder = GradientCheck.Uniform(4, -1, 1, 2, 5, 3), decoder = GradientCheck.Uniform(5, -1, 1, 2, 4, 2);
        IReadOnlyList<Tensor> byList = model.Predict([encoder, decoder]);
        IReadOnlyList<Tensor> byName = model.Predict(new Dictionary<string, Tensor> { ["decoder_inputs"] = decoder, ["encoder_inputs"] = encoder });
        Assert.Equal(byList[0].ToArray(), byName[0].ToArray());
        var error = Assert.Throws<ArgumentException>(() => model.Predict(new Dictionary<string, Tensor> { ["encoder"] = encoder, ["decoder_inputs"] = decoder }));
        Assert.Contains("'encoder'", error.Message);
        Assert.Contains("encoder_inputs, decoder_inputs", error.Message);
    }

    [Fact]
    public void The_layers_are_the_inputs_then_each_layer_at_its_first_call()
    {
        // functional_test.py::test_layer_getters: two inputs and two Dense layers make four layers, inputs first.
        var a = new Input([3], name: "input_a");
        var b = new Input([3], name: "input_b");
        var dense1 = new Dense(5, name: "dense_1");
        var model = new Model([a, b], [new Dense(4, name: "dense_2").Call(dense1.Call(a)), dense1.Call(b)]);
        Assert.Equal(["input_a", "input_b", "dense_1", "dense_2"], model.Layers.Select(l => l.Name));
        Assert.IsType<InputLayer>(model.Layers[0]);
    }

    [Fact]
    public void A_model_whose_output_needs_an_input_it_was_not_given_is_refused_as_disconnected()
    {
        var a = new Input([3], name: "a");
        var b = new Input([3], name: "b");
        SymbolicTensor fromB = new Dense(2).Call(b);
        var error = Assert.Throws<ArgumentException>(() => new Model(a, fromB));
        Assert.Contains("Graph disconnected", error.Message);
        Assert.Contains("name=b", error.Message);
    }

    [Fact]
    public void Two_layers_with_one_name_are_refused()
    {
        var input = new Input([3]);
        var error = Assert.Throws<ArgumentException>(() => new Model(input, new Dense(2, name: "head").Call(new Dense(3, name: "head").Call(input))));
        Assert.Contains("two layers named 'head'", error.Message);
    }

    [Fact]
    public void Deconstructing_a_call_into_more_outputs_than_it_has_names_the_layer_and_the_fix()
    {
        var input = new Input([4, 3]);
        var lstm = new LSTM(2, name: "encoder");
        var error = Assert.Throws<InvalidOperationException>(() => { var (_, _, _) = lstm.Call(input); });
        Assert.Contains("LSTM 'encoder' has 1 output, deconstructed into 3", error.Message);
        Assert.Contains("returnState: true", error.Message);
    }

    [Fact]
    public void An_initial_state_of_the_wrong_width_is_refused_when_the_layer_is_called()
    {
        var input = new Input([4, 3]);
        var (_, h, c) = new LSTM(5, returnState: true).Call(input);
        var error = Assert.Throws<ArgumentException>(() => new LSTM(6, name: "decoder").Call(input, initialState: [h, c]));
        Assert.Contains("Initial state 0 of LSTM 'decoder' must have shape (None, 6), got (None, 5)", error.Message);
        Assert.Equal("initialState", error.ParamName);
    }

    [Fact]
    public void A_single_tensor_given_to_a_model_with_two_inputs_is_refused_with_their_names()
    {
        var (model, _) = Seq2Seq(seed: 1, units: 2);
        var error = Assert.Throws<ArgumentException>(() => model.Predict(GradientCheck.Uniform(1, 0, 1, 2, 5, 3)));
        Assert.Contains("has 2 inputs (encoder_inputs, decoder_inputs)", error.Message);
    }

    [Fact]
    public void The_summary_says_what_each_layer_is_connected_to_as_keras_does()
    {
        var (model, _) = Seq2Seq(seed: 1, units: 4);
        string text = model.Summary().ToString();
        Assert.Contains("Connected to", text);
        Assert.Contains("encoder_inputs[0][0]", text);
        Assert.Contains("lstm[0][1], lstm[0][2]", text);
        Assert.Contains("[(None, 4), (None, 4), (None, 4)]", text);
    }

    [Fact]
    public void Two_devices_train_a_two_input_model_to_the_losses_of_one_up_to_float_rounding()
    {
        Tensor encoder = GradientCheck.Uniform(4, -1, 1, 32, 5, 3), decoder = GradientCheck.Uniform(5, -1, 1, 32, 4, 2);
        Tensor targets = new Tensor([.. Enumerable.Range(0, 32 * 4).Select(i => (float)(i % 2))], 32, 4);
        double[][] losses = new double[2][];
        foreach (int devices in new[] { 1, 2 })
        {
            var (model, _) = Seq2Seq(seed: 9, units: 4);
            model.Compile(new NotebookRnn.Optimizers.Adam(), ["sparse_categorical_crossentropy"], devices: devices);
            losses[devices - 1] = [.. model.Fit([encoder, decoder], [targets], batchSize: 16, epochs: 3, verbose: 0, shuffle: false)["loss"]];
        }
        for (int e = 0; e < 3; e++) Assert.Equal(losses[0][e], losses[1][e], 4);
    }

    // Keras's lstm_seq2seq, small: an encoder LSTM whose states start a decoder LSTM, and a softmax over 2 classes per step.
    internal static (Model Model, GraphRunner Runner) Seq2Seq(long seed, int units)
    {
        var encoderInputs = new Input([null, 3], name: "encoder_inputs");
        var (_, stateH, stateC) = new LSTM(units, returnState: true).Call(encoderInputs);
        var decoderInputs = new Input([null, 2], name: "decoder_inputs");
        SymbolicTensor decoded = new LSTM(units, returnSequences: true).Call(decoderInputs, initialState: [stateH, stateC]);
        var model = new Model([encoderInputs, decoderInputs], [new Dense(2, activation: "softmax").Call(decoded)], seed: seed);
        return (model, new GraphRunner(ProgramOf(model), layer => layer, new RandomGenerator(1)));
    }

    internal static GraphProgram ProgramOf(Model model) => GraphProgram.Of([.. model.Inputs], [.. model.Outputs], model.Name);

    // Probe loss Σ_k Σ y_k ⊙ R_k over every output; every weight's analytic gradient against central differences.
    internal static void CheckGradients(GraphRunner runner, Tensor[] inputs)
    {
        runner.Forward(inputs, null, training: true);
        var random = new RandomGenerator(17);
        float[][] probes = [.. Enumerable.Range(0, runner.Program.Outputs.Count)
            .Select(k => Enumerable.Range(0, runner.Output(k).Length).Select(_ => (float)random.NextGaussian()).ToArray())];
        runner.ZeroGradients();
        runner.Backward([.. probes.Select((r, k) => new Tensor((float[])r.Clone(), [.. runner.Output(k).Shape]))]);
        double Probe()
        {
            runner.Forward(inputs, null, training: true);
            return probes.Select((r, k) => GradientCheck.Dot(runner.Output(k), r)).Sum();
        }
        foreach (Parameter p in runner.Parameters)
            GradientCheck.Compare(p.Name, p.Gradient.ToArray(), GradientCheck.Numeric(p.Value.Span, Probe));
    }

    private static double Mean(Tensor predictions, Tensor targets, Func<double, double> abs, bool square)
    {
        float[] p = predictions.ToArray(), t = targets.ToArray();
        return p.Select((v, i) => square ? (v - t[i]) * (double)(v - t[i]) : abs(v - t[i])).Average();
    }
}
