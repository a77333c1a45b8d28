using NotebookRnn.Initializers;
using NotebookRnn.Layers;
using NotebookRnn.Layers.Recurrent;
using NotebookRnn.Layers.Wrappers;
using NotebookRnn.Models;
using NotebookRnn.Persistence;
using NotebookRnn.Tensors;
using NotebookRnn.Tests.Persistence;
using static NotebookRnn.Tests.Layers.Recurrent.KerasCase;

namespace NotebookRnn.Tests.Layers.Recurrent;

/// <summary>
/// <see cref="RNN"/> around the public cells. Keras's rnn_test.py runs a test cell, OneStateRNNCell, that computes
/// h' = x·W + h·U with ones for W and U: that is <see cref="SimpleRNNCell"/> with a linear activation, weights of ones and
/// a zero bias. (Its TwoStatesRNNCell has no counterpart among our cells, which are closed to subclassing.)
/// </summary>
public class RnnTests
{
    private static RNN OneState(int steps, int features, bool returnSequences = false, bool returnState = false, bool goBackwards = false,
        bool stateful = false, bool unroll = false) =>
        Built(new RNN(new SimpleRNNCell(2, "linear"), returnSequences, returnState, goBackwards, stateful, unroll), steps, features, 1, 1, 0);

    // keras/src/layers/rnn/rnn_test.py: RNNTest.test_compute_output_shape_single_state (shapes without the batch axis;
    // a state's shape is (batch, StateSize[k]))
    [Fact]
    public void Compute_output_shape_single_state()
    {
        Assert.Equal([8], new RNN(new SimpleRNNCell(8, "linear")).ComputeOutputShape([4, 5]));
        Assert.Equal([4, 8], new RNN(new SimpleRNNCell(8, "linear"), returnSequences: true).ComputeOutputShape([4, 5]));
        var withState = new RNN(new SimpleRNNCell(8, "linear"), returnSequences: true, returnState: true);
        Assert.Equal([4, 8], withState.ComputeOutputShape([4, 5]));
        Assert.Equal([8], withState.Cell.StateSize);
    }

    // keras/src/layers/rnn/rnn_test.py: RNNTest.test_dynamic_shapes (the one-state cases)
    [Fact]
    public void Dynamic_shapes()
    {
        Assert.Equal([8], new RNN(new SimpleRNNCell(8, "linear")).ComputeOutputShape([null, 3]));
        Assert.Equal([null, 8], new RNN(new SimpleRNNCell(8, "linear"), returnSequences: true).ComputeOutputShape([null, 3]));
        Assert.Equal([null, 8], new RNN(new SimpleRNNCell(8, "linear"), returnSequences: true, returnState: true).ComputeOutputShape([null, 3]));
    }

    // keras/src/layers/rnn/rnn_test.py: RNNTest.test_forward_pass_single_state
    [Fact]
    public void Forward_pass_single_state()
    {
        Tensor sequence = new([.. Enumerable.Repeat(1f, 6)], 1, 2, 3);
        AssertClose([9, 9], OneState(2, 3).Forward(sequence, null, false));
        AssertClose([3, 3, 9, 9], OneState(2, 3, returnSequences: true).Forward(sequence, null, false));
        RecurrentOutput last = OneState(2, 3, returnState: true).Call(sequence);
        AssertClose([9, 9], last.Output);
        AssertClose([9, 9], last.States[0]);
        RecurrentOutput all = OneState(2, 3, returnSequences: true, returnState: true).Call(sequence);
        AssertClose([3, 3, 9, 9], all.Output);
        AssertClose([9, 9], all.States[0]);
    }

    // keras/src/layers/rnn/rnn_test.py: RNNTest.test_passing_initial_state_single_state
    [Fact]
    public void Passing_initial_state_single_state()
    {
        Tensor sequence = new([.. Enumerable.Repeat(1f, 12)], 2, 3, 2);
        Tensor[] state = [new([1f, 1f, 1f, 1f], 2, 2)];
        AssertClose(Repeat(4, 22), OneState(3, 2).Call(sequence, null, state).Output);
        RecurrentOutput result = OneState(3, 2, returnState: true).Call(sequence, null, state);
        AssertClose(Repeat(4, 22), result.Output);
        AssertClose(Repeat(4, 22), result.States[0]);
    }

    // keras/src/layers/rnn/rnn_test.py: RNNTest.test_statefulness_single_state
    [Fact]
    public void Statefulness_single_state()
    {
        Tensor sequence = new([.. Enumerable.Repeat(1f, 6)], 1, 2, 3);
        RNN layer = OneState(2, 3, stateful: true);
        layer.Forward(sequence, null, false);
        AssertClose([45, 45], layer.Forward(sequence, null, false));
        layer = OneState(2, 3, stateful: true, returnState: true);
        layer.Call(sequence);
        RecurrentOutput result = layer.Call(sequence);
        AssertClose([45, 45], result.Output);
        AssertClose([45, 45], result.States[0]);
    }

    // keras/src/layers/rnn/rnn_test.py: RNNTest.test_go_backwards
    [Fact]
    public void Go_backwards()
    {
        Tensor sequence = Arange([2, 3, 4]);
        RNN backwards = OneState(3, 4, goBackwards: true);
        backwards.Forward(sequence, null, false);
        AssertClose([202, 202, 538, 538], backwards.Forward(sequence, null, false));
        RNN stateful = OneState(3, 4, stateful: true, returnState: true);
        stateful.Call(sequence);
        RecurrentOutput result = stateful.Call(sequence);
        AssertClose([954, 954, 3978, 3978], result.Output);
        AssertClose([954, 954, 3978, 3978], result.States[0]);
    }

    // keras/src/layers/rnn/rnn_test.py: RNNTest.test_stateful_batch_size_mismatch_raises
    [Fact]
    public void Stateful_batch_size_mismatch_raises()
    {
        RNN layer = OneState(5, 3, stateful: true);
        layer.Forward(GradientCheck.Uniform(1, 0, 1, 4, 5, 3), null, false);
        var error = Assert.Throws<ArgumentException>(() => layer.Forward(GradientCheck.Uniform(2, 0, 1, 1, 5, 3), null, false));
        Assert.Contains("batch size", error.Message);
    }

    // keras/src/layers/rnn/rnn_test.py: RNNTest.test_masking
    [Fact]
    public void Masking()
    {
        Tensor sequence = Arange([2, 4, 3]);
        SequenceMask mask = Mask(new[,] { { true, true, true, false }, { true, true, false, false } });
        float[] last = [57, 57, 126, 126], all = Repeat(2, 3, 18, 57, 57, 39, 126, 126, 126);
        AssertClose(last, OneState(4, 3).Forward(sequence, mask, false), 1e-5, 1e-5);
        AssertClose(last, OneState(4, 3, unroll: true).Forward(sequence, mask, false), 1e-5, 1e-5);
        AssertClose(all, OneState(4, 3, returnSequences: true).Forward(sequence, mask, false), 1e-5, 1e-5);
        AssertClose(all, OneState(4, 3, returnSequences: true, unroll: true).Forward(sequence, mask, false), 1e-5, 1e-5);
    }

    [Theory]
    [InlineData("simple_rnn")]
    [InlineData("lstm")]
    [InlineData("gru")]
    [InlineData("gru_reset_before")]
    public void An_rnn_around_a_cell_computes_what_the_named_layer_computes(string kind)
    {
        (RecurrentLayer named, RecurrentCell cell) = kind switch
        {
            "simple_rnn" => ((RecurrentLayer)new SimpleRNN(4, returnSequences: true), (RecurrentCell)new SimpleRNNCell(4)),
            "lstm" => (new LSTM(4, returnSequences: true), new LSTMCell(4)),
            "gru" => (new GRU(4, returnSequences: true), new GRUCell(4)),
            _ => (new GRU(4, returnSequences: true, resetAfter: false), new GRUCell(4, resetAfter: false)),
        };
        var rnn = new RNN(cell, returnSequences: true);
        named.Build([null, 3], new RandomGenerator(8));
        rnn.Build([null, 3], new RandomGenerator(8));
        for (int p = 0; p < named.Parameters.Count; p++) Assert.Equal(named.Parameters[p].Value.ToArray(), rnn.Parameters[p].Value.ToArray());
        Tensor x = GradientCheck.Uniform(3, -1, 1, 2, 5, 3);
        SequenceMask mask = SequenceMask.FromLengths([5, 3], 5, Padding.Post);
        Assert.Equal(named.Forward(x, mask, true).ToArray(), rnn.Forward(x, mask, true).ToArray());
        Tensor dy = GradientCheck.Uniform(4, -1, 1, 2, 5, 4);
        Assert.Equal(named.Backward(dy, true)!.ToArray(), rnn.Backward(dy, true)!.ToArray());
        Assert.Equal("rnn", rnn.TypeName);
    }

    [Fact]
    public void A_cell_with_weights_already_is_refused()
    {
        var cell = new LSTMCell(2);
        new RNN(cell).Build([null, 3], new RandomGenerator(1));
        var error = Assert.Throws<ArgumentException>(() => new RNN(cell));
        Assert.Equal("cell", error.ParamName);
        Assert.Contains("unbuilt cell", error.Message);
    }

    [Fact]
    public void The_cell_is_written_as_keras_writes_it_and_read_back()
    {
        var layer = new RNN(new GRUCell(3, recurrentActivation: "hard_sigmoid", resetAfter: false), returnSequences: true, name: "r");
        var cell = (IReadOnlyDictionary<string, object?>)layer.GetConfig()["cell"]!;
        Assert.Equal("GRUCell", cell["class_name"]);
        var cellConfig = (IReadOnlyDictionary<string, object?>)cell["config"]!;
        Assert.Equal((3, "tanh", "hard_sigmoid", false), (cellConfig["units"], cellConfig["activation"], cellConfig["recurrent_activation"], cellConfig["reset_after"]));

        var loaded = (RNN)LayerRegistry.FromConfig("rnn", layer.GetConfig());
        var gru = Assert.IsType<GRUCell>(loaded.Cell);
        Assert.Equal((3, false, ActivationFunction.HardSigmoid), (gru.Units, gru.ResetAfter, gru.RecurrentActivation));
        Assert.True(loaded.ReturnSequences);
        Assert.NotSame(layer.Cell, ((RNN)LayerRegistry.Clone(layer)).Cell);
    }

    [Theory]
    [InlineData("simple_rnn")]
    [InlineData("lstm")]
    [InlineData("gru")]
    public void The_cells_initializers_make_its_weights(string kind)
    {
        RecurrentCell cell = kind switch
        {
            "simple_rnn" => new SimpleRNNCell(2, kernelInitializer: new Constant(0.5f), recurrentInitializer: "ones", biasInitializer: new Constant(0.25f)),
            "lstm" => new LSTMCell(2, kernelInitializer: new Constant(0.5f), recurrentInitializer: "ones", biasInitializer: new Constant(0.25f),
                unitForgetBias: false),
            _ => new GRUCell(2, kernelInitializer: new Constant(0.5f), recurrentInitializer: "ones", biasInitializer: new Constant(0.25f)),
        };
        var layer = new RNN(cell);
        layer.Build([null, 3], new RandomGenerator(1));
        Assert.All(layer.Kernel.Value.ToArray(), value => Assert.Equal(0.5f, value));
        Assert.All(layer.RecurrentKernel.Value.ToArray(), value => Assert.Equal(1f, value));
        Assert.All(layer.Bias!.Value.ToArray(), value => Assert.Equal(0.25f, value));
    }

    [Fact]
    public void An_lstm_cells_unit_forget_bias_sets_the_forget_gate_after_the_bias_initializer()
    {
        var layer = new RNN(new LSTMCell(2, biasInitializer: new Constant(0.25f)));
        layer.Build([null, 3], new RandomGenerator(1));
        Assert.Equal([0.25f, 0.25f, 1, 1, 0.25f, 0.25f, 0.25f, 0.25f], layer.Bias!.Value.ToArray());
    }

    [Fact]
    public void A_cell_without_bias_gets_no_bias_weight()
    {
        var layer = new RNN(new GRUCell(3, useBias: false), returnSequences: true);
        layer.Build([null, 2], new RandomGenerator(1));
        Assert.Null(layer.Bias);
        Assert.Equal(["kernel", "recurrent_kernel"], layer.Parameters.Select(p => p.Name));
        Assert.False(layer.UseBias);
        Assert.Equal([2, 4, 3], layer.Forward(Arange([2, 4, 2], 0.1f), null, false).Shape);
    }

    [Fact]
    public void The_cells_arguments_round_trip_through_save_and_load_to_identical_predictions()
    {
        using var folder = new TempFolder();
        var stack = new StackedRNNCells([
            new LSTMCell(3, useBias: false, kernelInitializer: new RandomNormal(standardDeviation: 0.3f), recurrentInitializer: "identity", unitForgetBias: false),
            new GRUCell(2, kernelInitializer: "he_uniform", biasInitializer: new Constant(0.1f), resetAfter: false),
        ]);
        Sequential model = TestModels.Model(new RNN(stack, inputShape: [4, 3]));
        Tensor x = TestModels.Uniform(3, 5, 4, 3);
        Tensor expected = model.Predict(x);
        model.Save(folder.File("model.nbrnn"));

        Sequential loaded = Sequential.Load(folder.File("model.nbrnn"));

        var cells = ((StackedRNNCells)((RNN)loaded.Layers[0]).Cell).Cells;
        var lstm = Assert.IsType<LSTMCell>(cells[0]);
        Assert.Equal((false, false), (lstm.UseBias, lstm.UnitForgetBias));
        Assert.Equal(0.3f, Assert.IsType<RandomNormal>(lstm.KernelInitializer).StandardDeviation);
        Assert.IsType<HeUniform>(cells[1].KernelInitializer);
        Assert.Equal(model.Layers[0].GetConfig(), loaded.Layers[0].GetConfig());
        Assert.Equal(["cell_0/kernel", "cell_0/recurrent_kernel", "cell_1/kernel", "cell_1/recurrent_kernel", "cell_1/bias"],
            loaded.Layers[0].Parameters.Select(p => p.Name));
        TestModels.AssertBitIdentical(expected, loaded.Predict(x), "predictions");
    }

    [Fact]
    public void An_unknown_cell_class_is_named_in_the_error()
    {
        var error = Assert.Throws<ArgumentException>(() => LayerRegistry.FromConfig("RNN", new Dictionary<string, object?>
        {
            ["cell"] = new Dictionary<string, object?> { ["class_name"] = "PeepholeLSTMCell", ["config"] = new Dictionary<string, object?>() },
        }));
        Assert.Contains("config.cell.class_name", error.Message);
        Assert.Contains("unknown cell type \"PeepholeLSTMCell\"", error.Message);
    }

    [Fact]
    public void Bidirectional_wraps_an_rnn_with_a_copy_of_its_cell()
    {
        var layer = new Bidirectional(new RNN(new LSTMCell(2), returnSequences: true));
        layer.Build([null, 3], new RandomGenerator(2));
        Assert.NotSame(layer.ForwardLayer.Cell, layer.BackwardLayer.Cell);
        Assert.True(layer.BackwardLayer.GoBackwards);
        Assert.Equal([2, 4, 4], layer.Forward(Arange([2, 4, 3], 0.1f), null, false).Shape);
    }
}
