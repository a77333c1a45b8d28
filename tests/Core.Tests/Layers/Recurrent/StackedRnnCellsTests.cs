using NotebookRnn.Initializers;
using NotebookRnn.Layers;
using NotebookRnn.Layers.Recurrent;
using NotebookRnn.Persistence;
using NotebookRnn.Tensors;
using static NotebookRnn.Tests.Layers.Recurrent.KerasCase;

namespace NotebookRnn.Tests.Layers.Recurrent;

/// <summary>
/// <see cref="StackedRNNCells"/> in an <see cref="RNN"/>. Keras's OneStateRNNCell is <see cref="SimpleRNNCell"/> with a
/// linear activation, weights of ones and a zero bias (see <see cref="RnnTests"/>); the two-state cases of
/// stacked_rnn_cells_test.py use a test-only cell that has no counterpart here.
/// </summary>
public class StackedRnnCellsTests
{
    private static RNN OneStateStack(bool returnSequences = false, bool returnState = false, bool stateful = false)
    {
        var layer = new RNN(new StackedRNNCells([new SimpleRNNCell(3, "linear"), new SimpleRNNCell(2, "linear")]), returnSequences, returnState,
            stateful: stateful);
        layer.Build([3, 4], new RandomGenerator(0));
        foreach (Parameter p in layer.Parameters) p.Value.Span.Fill(p.Name.EndsWith("bias", StringComparison.Ordinal) ? 0 : 1);
        return layer;
    }

    // keras/src/layers/rnn/stacked_rnn_cells_test.py: StackedRNNTest.test_correctness_single_state_stack
    [Fact]
    public void Correctness_single_state_stack()
    {
        Tensor sequence = Arange([2, 3, 4]);
        float[] last = [786, 786, 4386, 4386], all = Repeat(2, 18, 156, 786, 162, 1020, 4386), state1 = Repeat(3, 158, 782);
        AssertClose(last, OneStateStack().Forward(sequence, null, false));
        AssertClose(all, OneStateStack(returnSequences: true).Forward(sequence, null, false));
        RecurrentOutput withState = OneStateStack(returnState: true).Call(sequence);
        AssertClose(last, withState.Output);
        AssertClose(state1, withState.States[0]);
        AssertClose(last, withState.States[1]);
        RecurrentOutput both = OneStateStack(returnSequences: true, returnState: true).Call(sequence);
        AssertClose(all, both.Output);
        AssertClose(state1, both.States[0]);
        AssertClose(last, both.States[1]);
    }

    // keras/src/layers/rnn/stacked_rnn_cells_test.py: StackedRNNTest.test_statefullness_single_state_stack
    [Fact]
    public void Statefullness_single_state_stack()
    {
        Tensor sequence = Arange([2, 3, 4]);
        RNN layer = OneStateStack(stateful: true);
        layer.Forward(sequence, null, false);
        AssertClose([34092, 34092, 173196, 173196], layer.Forward(sequence, null, false));
    }

    // keras/src/layers/rnn/stacked_rnn_cells_test.py: StackedRNNTest.test_return_state_stacked_lstm_cell
    [Fact]
    public void Return_state_stacked_lstm_cell()
    {
        var layer = new RNN(new StackedRNNCells([new LSTMCell(10), new LSTMCell(10)]), returnState: true);
        layer.Build([3, 5], new RandomGenerator(1));
        RecurrentOutput result = layer.Call(new Tensor(2, 3, 5));
        Assert.Equal([2, 10], result.Output.Shape);
        Assert.Equal(4, result.States.Count);
        Assert.All(result.States, state => Assert.Equal([2, 10], state.Shape));
        Assert.Equal([10], layer.OutputShape);
    }

    // keras/src/layers/rnn/stacked_rnn_cells_test.py: StackedRNNTest.test_stacked_lstm_cell_mask
    [Fact]
    public void Stacked_lstm_cell_mask()
    {
        var layer = new RNN(new StackedRNNCells([new LSTMCell(1), new LSTMCell(1)]));
        layer.Build([3, 4], new RandomGenerator(2));
        foreach (Parameter p in layer.Parameters.Where(p => !p.Name.EndsWith("bias", StringComparison.Ordinal))) p.Value.Span.Fill(1);
        Tensor sequence = new([.. Enumerable.Repeat(1f, 24)], 2, 3, 4);
        SequenceMask mask = Mask(new[,] { { true, true, true }, { true, true, false } });
        AssertClose([0.7793f, 0.5998f], layer.Forward(sequence, mask, false), atol: 1e-4);
    }

    public static TheoryData<bool, bool, string> StackCases()
    {
        var data = new TheoryData<bool, bool, string>();
        foreach (bool goBackwards in new[] { false, true })
            foreach (bool packing in new[] { false, true })
                foreach (string mask in new[] { "none", "post", "scattered" }) data.Add(goBackwards, packing, mask);
        return data;
    }

    [Theory]
    [MemberData(nameof(StackCases))]
    public void A_stack_computes_what_layers_of_its_cells_compute_forward_and_backward(bool goBackwards, bool packing, string maskKind)
    {
        var stack = new RNN(new StackedRNNCells([new LSTMCell(3), new GRUCell(2, resetAfter: false), new SimpleRNNCell(4)]),
            returnSequences: true, goBackwards: goBackwards) { Packing = packing };
        stack.Build([null, 2], new RandomGenerator(3));
        RecurrentLayer[] layers =
        [
            new LSTM(3, returnSequences: true, goBackwards: goBackwards),
            new GRU(2, returnSequences: true, goBackwards: goBackwards, resetAfter: false),
            new SimpleRNN(4, returnSequences: true, goBackwards: goBackwards),
        ];
        int features = 2;
        for (int k = 0; k < 3; k++)
        {
            layers[k].Packing = packing;
            layers[k].Build([null, features], new RandomGenerator(9));
            features = layers[k].Units;
            for (int p = 0; p < 3; p++) stack.Parameters[3 * k + p].Value.Span.CopyTo(layers[k].Parameters[p].Value.Span);
        }
        Assert.Equal(["cell_0/kernel", "cell_0/recurrent_kernel", "cell_0/bias"], stack.Parameters.Take(3).Select(p => p.Name));

        Tensor x = GradientCheck.Uniform(4, -1, 1, 3, 5, 2);
        SequenceMask? mask = maskKind switch
        {
            "post" => SequenceMask.FromLengths([5, 2, 4], 5, Padding.Post),
            "scattered" => Mask(new[,] { { true, false, true, true, true }, { true, true, false, false, true }, { false, true, true, true, true } }),
            _ => null,
        };
        Tensor[] initial = [.. new[] { 3, 3, 2, 4 }.Select((width, k) => GradientCheck.Uniform(10 + k, -1, 1, 3, width))];
        RecurrentOutput stacked = stack.Call(x, mask, initial, training: true);
        // Layer by layer: each returns its sequence in processing order, so a backwards stack feeds the next layer the
        // sequence put back in input order.
        Tensor h = x;
        var states = new List<Tensor>();
        for (int k = 0, first = 0; k < 3; first += layers[k].Cell.StateCount, k++)
        {
            RecurrentOutput output = layers[k].Call(h, mask, initial[first..(first + layers[k].Cell.StateCount)], training: true);
            states.AddRange(output.States.Select(s => s.Clone()));
            h = goBackwards && k < 2 ? Reversed(output.Output) : output.Output.Clone();
        }
        Assert.Equal(h.ToArray(), stacked.Output.ToArray());
        for (int s = 0; s < 4; s++) Assert.Equal(states[s].ToArray(), stacked.States[s].ToArray());

        Tensor dy = GradientCheck.Uniform(20, -1, 1, 3, 5, 4);
        Tensor dx = stack.Backward(dy, true)!;
        Tensor gradient = dy;
        for (int k = 2; k >= 0; k--)
        {
            Tensor dInput = layers[k].Backward(gradient, true)!;
            gradient = goBackwards && k > 0 ? Reversed(dInput) : dInput.Clone();
        }
        AssertClose(gradient.ToArray(), dx, 1e-6, 1e-5);
        for (int k = 0; k < 3; k++)
            for (int p = 0; p < 3; p++)
                AssertClose(layers[k].Parameters[p].Gradient.ToArray(), stack.Parameters[3 * k + p].Gradient, 1e-6, 1e-5);
    }

    [Fact]
    public void The_stack_is_written_as_a_list_of_cells_and_read_back()
    {
        var layer = new RNN(new StackedRNNCells([new LSTMCell(3), new GRUCell(2, resetAfter: false)]), name: "stacked");
        var cell = (IReadOnlyDictionary<string, object?>)layer.GetConfig()["cell"]!;
        Assert.Equal("StackedRNNCells", cell["class_name"]);
        var cells = (object?[])((IReadOnlyDictionary<string, object?>)cell["config"]!)["cells"]!;
        Assert.Equal(["LSTMCell", "GRUCell"], cells.Select(c => ((IReadOnlyDictionary<string, object?>)c!)["class_name"]));

        var loaded = (StackedRNNCells)((RNN)LayerRegistry.FromConfig("RNN", layer.GetConfig())).Cell;
        Assert.Equal((3, 2, false), (loaded.Cells[0].Units, loaded.Cells[1].Units, ((GRUCell)loaded.Cells[1]).ResetAfter));
        Assert.Equal([3, 3, 2], loaded.StateSize);
    }

    [Fact]
    public void A_stack_refuses_no_cells_a_repeated_cell_and_a_nested_stack()
    {
        var cell = new LSTMCell(2);
        Assert.Contains("at least one cell", Assert.Throws<ArgumentException>(() => new StackedRNNCells([])).Message);
        Assert.Contains("appears twice", Assert.Throws<ArgumentException>(() => new StackedRNNCells([cell, cell])).Message);
        Assert.Contains("list its cells", Assert.Throws<ArgumentException>(() => new StackedRNNCells([new StackedRNNCells([cell])])).Message);
        var rnn = new RNN(new StackedRNNCells([new LSTMCell(2)]));
        rnn.Build([null, 3], new RandomGenerator(1));
        Assert.Contains("no weights of its own", Assert.Throws<InvalidOperationException>(() => rnn.Kernel).Message);
        var kernel = new Parameter("kernel", new Tensor(3, 8));
        Assert.Contains("build each of its Cells", Assert.Throws<InvalidOperationException>(() => new StackedRNNCells([new LSTMCell(2)]).Build(kernel, kernel)).Message);
    }

    [Fact]
    public void One_step_of_the_stack_chains_its_cells()
    {
        var stack = new StackedRNNCells([new SimpleRNNCell(3), new LSTMCell(2)]);
        var rnn = new RNN(stack, returnState: true);
        rnn.Build([1, 4], new RandomGenerator(5));
        Tensor x = GradientCheck.Uniform(6, -1, 1, 2, 4);
        RecurrentOutput layerStep = rnn.Call(x.Reshape(2, 1, 4));
        float[] output = layerStep.Output.ToArray(), h0 = layerStep.States[0].ToArray();
        RecurrentOutput cellStep = stack.Call(x);
        Assert.Equal(output, cellStep.Output.ToArray());
        Assert.Equal(h0, cellStep.States[0].ToArray());
        Assert.Equal(3, cellStep.States.Count);
    }

    private static Tensor Reversed(Tensor sequence)
    {
        int batch = sequence.Dim(0), steps = sequence.Dim(1), width = sequence.Dim(2);
        var reversed = new Tensor(batch, steps, width);
        for (int b = 0; b < batch; b++)
            for (int t = 0; t < steps; t++)
                sequence.Span.Slice((b * steps + t) * width, width).CopyTo(reversed.Span.Slice((b * steps + steps - 1 - t) * width, width));
        return reversed;
    }

    [Fact]
    public void Each_cell_builds_its_weights_with_its_own_arguments()
    {
        var layer = new RNN(new StackedRNNCells([
            new SimpleRNNCell(3, useBias: false, kernelInitializer: "ones"),
            new LSTMCell(2, kernelInitializer: new Constant(0.5f), biasInitializer: new Constant(0.25f)),
        ]));
        layer.Build([null, 4], new RandomGenerator(0));
        Assert.Equal(["cell_0/kernel", "cell_0/recurrent_kernel", "cell_1/kernel", "cell_1/recurrent_kernel", "cell_1/bias"],
            layer.Parameters.Select(p => p.Name));
        Assert.All(layer.Parameters[0].Value.ToArray(), value => Assert.Equal(1f, value));
        Assert.All(layer.Parameters[2].Value.ToArray(), value => Assert.Equal(0.5f, value));
        Assert.Equal([0.25f, 0.25f, 1, 1, 0.25f, 0.25f, 0.25f, 0.25f], layer.Parameters[4].Value.ToArray());
    }
}
