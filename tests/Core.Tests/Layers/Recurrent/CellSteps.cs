using NotebookRnn.Layers;
using NotebookRnn.Layers.Recurrent;
using NotebookRnn.Tensors;

namespace NotebookRnn.Tests.Layers.Recurrent;

/// <summary>
/// A public cell driven by hand, one <see cref="RecurrentCell.Call"/> per time step, with Keras's masked semantics:
/// a masked step keeps the states and repeats the previous output (zeros before the first real step); with
/// goBackwards the steps run last first and the returned sequence is in processing order.
/// </summary>
internal static class CellSteps
{
    public static (float[] Output, float[][] States) Unroll(RecurrentCell cell, Tensor x, SequenceMask? mask = null, bool goBackwards = false,
        bool returnSequences = true, Tensor[]? initialStates = null)
    {
        int batch = x.Dim(0), steps = x.Dim(1), features = x.Dim(2), units = cell.Units;
        float[][] states = [.. Enumerable.Range(0, cell.StateCount).Select(k => initialStates?[k].ToArray() ?? new float[batch * units])];
        float[] last = new float[batch * units], sequence = new float[batch * steps * units];
        for (int p = 0; p < steps; p++)
        {
            int t = goBackwards ? steps - 1 - p : p;
            var xt = new Tensor(batch, features);
            for (int b = 0; b < batch; b++) x.Span.Slice((b * steps + t) * features, features).CopyTo(xt.Row(b));
            RecurrentOutput step = cell.Call(xt, [.. states.Select(s => new Tensor((float[])s.Clone(), batch, units))]);
            for (int b = 0; b < batch; b++)
            {
                if (mask is not null && !mask.IsValid(b, t)) continue;
                for (int k = 0; k < states.Length; k++) step.States[k].Row(b).CopyTo(states[k].AsSpan(b * units, units));
                step.Output.Row(b).CopyTo(last.AsSpan(b * units, units));
            }
            for (int b = 0; b < batch; b++) last.AsSpan(b * units, units).CopyTo(sequence.AsSpan((b * steps + p) * units, units));
        }
        return (returnSequences ? sequence : last, states);
    }

    /// <summary>Gives <paramref name="cell"/> seeded weights in [−0.5, 0.5) for <paramref name="features"/> inputs.</summary>
    public static RecurrentCell Built(RecurrentCell cell, int features, int seed)
    {
        cell.Build(new Parameter("kernel", GradientCheck.Uniform(seed, -0.5f, 0.5f, features, cell.GateWidth)),
            new Parameter("recurrent_kernel", GradientCheck.Uniform(seed + 1, -0.5f, 0.5f, cell.Units, cell.GateWidth)),
            new Parameter("bias", GradientCheck.Uniform(seed + 2, -0.5f, 0.5f, cell.BiasShape)));
        return cell;
    }

    /// <summary>
    /// Central-difference check (see <see cref="GradientCheck"/>) of one step's gradients with respect to x, every
    /// state and every weight, for L = Σ h'·R + Σₖ stateₖ'·Rₖ.
    /// </summary>
    public static void CheckGradients(RecurrentCell cell, int batch, int seed)
    {
        Tensor x = GradientCheck.Uniform(seed, -1, 1, batch, cell.Features);
        Tensor[] states = [.. Enumerable.Range(0, cell.StateCount).Select(k => GradientCheck.Uniform(seed + 1 + k, -1, 1, batch, cell.Units))];
        var random = new RandomGenerator(seed);
        float[] Draw() => [.. Enumerable.Range(0, batch * cell.Units).Select(_ => (float)random.NextGaussian())];
        float[] r = Draw();
        float[][] stateR = [.. states.Select(_ => Draw())];
        double Probe()
        {
            RecurrentOutput y = cell.Call(x, states);
            return GradientCheck.Dot(y.Output, r) + y.States.Select((s, k) => GradientCheck.Dot(s, stateR[k])).Sum();
        }
        foreach (Parameter p in cell.Parameters) p.ZeroGradient();
        cell.Call(x, states);
        float[] dx = cell.Backward(new Tensor((float[])r.Clone(), batch, cell.Units),
            [.. stateR.Select(g => (Tensor?)new Tensor((float[])g.Clone(), batch, cell.Units))]).ToArray();
        float[][] dStates = [.. cell.StateGradients.Select(g => g.ToArray())];
        GradientCheck.Compare("x", dx, GradientCheck.Numeric(x.Span, Probe));
        for (int k = 0; k < states.Length; k++) GradientCheck.Compare($"state {k}", dStates[k], GradientCheck.Numeric(states[k].Span, Probe));
        foreach (Parameter p in cell.Parameters) GradientCheck.Compare(p.Name, p.Gradient.ToArray(), GradientCheck.Numeric(p.Value.Span, Probe));
    }

    /// <summary>Σₖ row[k]·W[k, column] in double.</summary>
    public static double Dot(ReadOnlySpan<float> row, Tensor w, int column)
    {
        double sum = 0;
        for (int k = 0; k < row.Length; k++) sum += (double)row[k] * w[k, column];
        return sum;
    }

    public static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));

    /// <summary>Asserts every fixture case of <paramref name="cell"/> ("lstm", "gru", "simple_rnn") is reproduced by stepping its cell.</summary>
    public static void AssertReproducesFixtures(string cell)
    {
        string[] names = [.. RnnFixture.Names.Where(n => !n.StartsWith("bidirectional", StringComparison.Ordinal) && RnnFixture.Load(n).Cell == cell)];
        Assert.NotEmpty(names);
        foreach (string name in names)
        {
            RnnFixture fixture = RnnFixture.Load(name);
            var (output, states) = Unroll(fixture.CreateCell(), fixture.Input, fixture.Mask, fixture.GoBackwards, fixture.ReturnSequences);
            RnnFixture.AssertClose(name + " output", fixture.Get("outputs/output")!, output);
            RnnFixture.AssertClose(name + " h", fixture.Get("outputs/final_states/h")!, states[0]);
            if (cell == "lstm") RnnFixture.AssertClose(name + " c", fixture.Get("outputs/final_states/c")!, states[1]);
        }
    }
}
