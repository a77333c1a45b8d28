using NotebookRnn.Layers;
using NotebookRnn.Layers.Recurrent;
using NotebookRnn.Sequences;
using NotebookRnn.Tensors;

namespace NotebookRnn.Tests.Layers.Recurrent;

/// <summary>
/// The loop against its definition: the cell applied one step at a time with Keras's masked semantics, for every
/// mask layout, direction, packing mode and initial state; and the workspace's reuse.
/// </summary>
public class RecurrentLoopTests
{
    private static RecurrentCell Cell(string kind, int units, int features, int seed) => CellSteps.Built(kind switch
    {
        "lstm" => new LSTMCell(units),
        "gru" => new GRUCell(units),
        "gru_reset_before" => new GRUCell(units, resetAfter: false),
        _ => new SimpleRNNCell(units),
    }, features, seed);

    private static RecurrentPlan Plan(RecurrentCell cell, int batch, int steps, SequenceMask? mask, bool packing, bool goBackwards) =>
        RecurrentPlan.Create(batch, steps, cell.Units, cell.Gates, cell.Features, mask, packing, unrolled: false, goBackwards);

    [Fact]
    public void The_loop_equals_the_cell_stepped_by_hand()
    {
        var random = new RandomGenerator(16);
        string[] kinds = ["simple_rnn", "lstm", "gru", "gru_reset_before"], masks = ["none", "post", "pre", "scattered"];
        for (int trial = 0; trial < 64; trial++)
        {
            string kind = kinds[trial % 4], maskKind = masks[trial / 4 % 4];
            bool goBackwards = trial % 3 == 0, returnSequences = trial % 5 != 0, packing = trial % 2 == 0, withStates = trial % 7 < 3;
            int batch = random.NextInt(1, 7), steps = random.NextInt(2, 8), units = trial % 8 == 0 ? 16 : 3;
            RecurrentCell cell = Cell(kind, units, features: 2, seed: trial);
            Tensor x = GradientCheck.Uniform(trial + 100, -1, 1, batch, steps, 2);
            SequenceMask? mask = RecurrentGradientTests.Mask(maskKind, batch, steps);
            Tensor[]? initial = withStates
                ? [.. Enumerable.Range(0, cell.StateCount).Select(k => GradientCheck.Uniform(trial + 200 + k, -1, 1, batch, units))]
                : null;
            var loop = new RecurrentLoop(cell, returnSequences);
            RecurrentOutput result = loop.Forward(x, Plan(cell, batch, steps, mask, packing, goBackwards), initial, training: false);
            string what = $"trial {trial}: {kind}, {maskKind} mask, {batch} × {steps}, goBackwards {goBackwards}, packing {packing}";
            float[] output = result.Output.ToArray();
            float[][] states = [.. result.States.Select(s => s.ToArray())];
            var (expected, expectedStates) = CellSteps.Unroll(cell, x, mask, goBackwards, returnSequences, initial);
            AssertClose(what + " output", expected, output);
            for (int k = 0; k < states.Length; k++) AssertClose(what + $" state {k}", expectedStates[k], states[k]);
        }
    }

    [Fact]
    public void A_row_without_real_steps_keeps_its_initial_state_and_passes_its_gradient_back()
    {
        RecurrentCell cell = Cell("lstm", 3, features: 2, seed: 1);
        var loop = new RecurrentLoop(cell, returnSequences: true);
        SequenceMask mask = SequenceMask.FromLengths([3, 0], 3, Padding.Post);
        Tensor h0 = GradientCheck.Uniform(2, -1, 1, 2, 3), c0 = GradientCheck.Uniform(3, -1, 1, 2, 3);
        RecurrentOutput y = loop.Forward(GradientCheck.Uniform(4, -1, 1, 2, 3, 2), Plan(cell, 2, 3, mask, true, false), [h0, c0], training: true);
        Assert.Equal(h0.Row(1).ToArray(), y.States[0].Row(1).ToArray());
        Assert.Equal(c0.Row(1).ToArray(), y.States[1].Row(1).ToArray());
        Assert.All(y.Output.ToArray()[9..], v => Assert.Equal(0, v));
        Tensor dh = GradientCheck.Uniform(5, -1, 1, 2, 3), dc = GradientCheck.Uniform(6, -1, 1, 2, 3);
        Tensor? dx = loop.Backward(new Tensor(2, 3, 3), [dh, dc], needInputGradient: true);
        Assert.Equal(dh.Row(1).ToArray(), loop.InitialStateGradients[0].Row(1).ToArray());
        Assert.Equal(dc.Row(1).ToArray(), loop.InitialStateGradients[1].Row(1).ToArray());
        Assert.All(dx!.ToArray()[9..], v => Assert.Equal(0, v));
    }

    [Theory]
    [InlineData("lstm")]
    [InlineData("gru")]
    [InlineData("gru_reset_before")]
    [InlineData("simple_rnn")]
    public void A_training_step_allocates_nothing_once_the_workspace_is_sized(string kind)
    {
        RecurrentCell cell = Cell(kind, 16, features: 5, seed: 2);
        var loop = new RecurrentLoop(cell, returnSequences: true, dropout: 0.2, recurrentDropout: 0.3, dropoutRandom: new RandomGenerator(3));
        SequenceMask mask = SequenceMask.FromLengths([6, 2, 4, 0, 5], 6, Padding.Pre);
        RecurrentPlan plan = Plan(cell, 5, 6, mask, true, false);
        Tensor x = GradientCheck.Uniform(4, -1, 1, 5, 6, 5), dy = GradientCheck.Uniform(5, -1, 1, 5, 6, 16);
        void Step()
        {
            loop.Forward(x, plan, null, training: true);
            loop.Backward(dy, null, needInputGradient: true);
        }
        Step();
        long before = GC.GetAllocatedBytesForCurrentThread();
        Step();
        // The RecurrentOutput and the two state lists, nothing per step or per row.
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 256, $"allocated {GC.GetAllocatedBytesForCurrentThread() - before} bytes");
    }

    private static void AssertClose(string what, float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-5, $"{what}[{i}]: stepped cell {expected[i]:G9}, loop {actual[i]:G9}");
    }
}
