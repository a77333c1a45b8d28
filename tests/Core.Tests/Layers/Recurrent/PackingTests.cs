using NotebookRnn.Layers;
using NotebookRnn.Layers.Recurrent;
using NotebookRnn.Sequences;
using NotebookRnn.Tensors;

namespace NotebookRnn.Tests.Layers.Recurrent;

public class PackingTests
{
    private static (RecurrentLayer Packed, RecurrentLayer Dense) Twins(string cell, bool sequences, bool goBackwards)
    {
        RecurrentLayer packed = RecurrentGradientTests.Create(cell, 6, sequences, goBackwards);
        RecurrentLayer dense = RecurrentGradientTests.Create(cell, 6, sequences, goBackwards);
        packed.Build([null, 5], new RandomGenerator(11));
        dense.Build([null, 5], new RandomGenerator(11));
        dense.Packing = false;
        return (packed, dense);
    }

    [Fact]
    public void Packed_and_dense_masked_paths_agree_on_random_batches()
    {
        var random = new RandomGenerator(2024);
        for (int trial = 0; trial < 48; trial++)
        {
            string cell = new[] { "simple_rnn", "lstm", "gru", "gru_reset_before" }[trial % 4];
            bool sequences = trial % 3 == 0, goBackwards = trial % 5 == 0;
            Padding padding = trial % 2 == 0 ? Padding.Pre : Padding.Post;
            int batch = random.NextInt(1, 9), steps = random.NextInt(1, 12);
            int[] lengths = [.. Enumerable.Range(0, batch).Select(_ => random.NextInt(0, steps + 1))];
            SequenceMask mask = SequenceMask.FromLengths(lengths, steps, padding);
            Tensor x = GradientCheck.Uniform(trial, -1, 1, batch, steps, 5);
            var (packed, dense) = Twins(cell, sequences, goBackwards);
            RecurrentOutput a = packed.Call(x, mask, training: true), b = dense.Call(x, mask, training: true);
            string what = $"trial {trial}: {cell}, {padding}, lengths [{string.Join(",", lengths)}] of {steps}";
            AssertClose(what + " output", b.Output.ToArray(), a.Output.ToArray());
            for (int k = 0; k < a.States.Count; k++) AssertClose(what + " state", b.States[k].ToArray(), a.States[k].ToArray());
            Tensor dy = GradientCheck.Uniform(trial + 100, -1, 1, [.. a.Output.Shape]);
            float[] dxPacked = packed.Backward(dy, true)!.ToArray(), dxDense = dense.Backward(dy, true)!.ToArray();
            AssertClose(what + " dx", dxDense, dxPacked);
            for (int p = 0; p < packed.Parameters.Count; p++)
                AssertClose(what + " d" + packed.Parameters[p].Name, dense.Parameters[p].Gradient.ToArray(), packed.Parameters[p].Gradient.ToArray());
            Assert.True(packed.LastPlan!.Packed || !mask.HasPadding);
            Assert.Equal(lengths.Sum(), packed.LastPlan.ComputedRowSteps);
        }
    }

    [Fact]
    public void Packing_never_computes_padded_steps()
    {
        var layer = new LSTM(4);
        layer.Build([null, 3], new RandomGenerator(1));
        SequenceMask mask = SequenceMask.FromLengths([6, 2, 4, 0], 6, Padding.Pre);
        layer.Forward(new Tensor(4, 6, 3), mask, training: false);
        RecurrentPlan plan = layer.LastPlan!;
        Assert.Equal([3, 3, 2, 2, 1, 1], plan.ActiveRowsPerStep);
        Assert.Equal([0, 2, 1, 3], plan.Order);
        Assert.Equal(12, plan.ComputedRowSteps);
        Assert.Equal(12, plan.SkippedRowSteps);
        Assert.Equal(12, plan.PaddedRowSteps);
        Assert.True(plan.StepFlops(0) > plan.StepFlops(5));
        Assert.Equal(2.0 * 12 * 3 * 16, plan.InputProjectionFlops);
    }

    private static void AssertClose(string what, float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-5, $"{what}[{i}]: dense {expected[i]:G9}, packed {actual[i]:G9}");
    }
}
