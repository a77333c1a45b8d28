using NotebookRnn.Layers;
using NotebookRnn.Layers.Recurrent;
using NotebookRnn.Layers.Wrappers;
using NotebookRnn.Sequences;
using NotebookRnn.Tensors;

namespace NotebookRnn.Tests.Layers.Recurrent;

/// <summary>Central-difference checks (see <see cref="GradientCheck"/>) for every cell and wrapper, with and without masks.</summary>
public class RecurrentGradientTests
{
    public static TheoryData<string, string, bool> Cases()
    {
        var data = new TheoryData<string, string, bool>();
        foreach (string cell in new[] { "simple_rnn", "lstm", "gru", "gru_reset_before" })
            foreach (string mask in new[] { "none", "post", "pre", "scattered" })
                foreach (bool sequences in new[] { false, true })
                    data.Add(cell, mask, sequences);
        return data;
    }

    internal static RecurrentLayer Create(string cell, int units, bool returnSequences, bool goBackwards = false, double dropout = 0,
        double recurrentDropout = 0) => cell switch
    {
        "simple_rnn" => new SimpleRNN(units, returnSequences: returnSequences, goBackwards: goBackwards, dropout: dropout, recurrentDropout: recurrentDropout),
        "lstm" => new LSTM(units, returnSequences: returnSequences, goBackwards: goBackwards, dropout: dropout, recurrentDropout: recurrentDropout),
        "gru" => new GRU(units, returnSequences: returnSequences, goBackwards: goBackwards, dropout: dropout, recurrentDropout: recurrentDropout),
        _ => new GRU(units, returnSequences: returnSequences, goBackwards: goBackwards, resetAfter: false, dropout: dropout,
            recurrentDropout: recurrentDropout),
    };

    internal static SequenceMask? Mask(string kind, int batch, int steps)
    {
        if (kind == "none") return null;
        int[] lengths = [.. Enumerable.Range(0, batch).Select(b => new[] { steps, 1, 0, steps - 2 }[b % 4])];
        if (kind != "scattered") return SequenceMask.FromLengths(lengths, steps, kind == "post" ? Padding.Post : Padding.Pre);
        var valid = new bool[batch * steps];
        for (int i = 0; i < valid.Length; i++) valid[i] = (i * 7 + 3) % 5 != 0;
        return new SequenceMask(valid, batch, steps);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Cell_gradients_match_central_differences(string cell, string mask, bool returnSequences)
    {
        RecurrentLayer layer = Create(cell, 3, returnSequences, goBackwards: mask == "pre");
        layer.Build([5, 2], new RandomGenerator(4));
        GradientCheck.Layer(layer, GradientCheck.Uniform(6, -1, 1, 4, 5, 2), Mask(mask, 4, 5));
    }

    [Theory]
    [InlineData("lstm")]
    [InlineData("gru")]
    [InlineData("simple_rnn")]
    public void Dropout_gradients_match_central_differences_for_fixed_masks(string cell)
    {
        // The dropout masks are redrawn each call, so the probe rebuilds an identically seeded layer every time.
        Tensor x = GradientCheck.Uniform(8, -1, 1, 3, 4, 2);
        SequenceMask? mask = Mask("post", 3, 4);
        RecurrentLayer Fresh()
        {
            RecurrentLayer layer = Create(cell, 3, returnSequences: true, dropout: 0.3, recurrentDropout: 0.4);
            layer.Build([4, 2], new RandomGenerator(9));
            return layer;
        }
        RecurrentLayer layer = Fresh();
        Tensor y = layer.Forward(x, mask, training: true);
        float[] r = [.. Enumerable.Range(0, y.Length).Select(i => (float)Math.Cos(i * 1.3))];
        float[] dx = layer.Backward(new Tensor((float[])r.Clone(), [.. y.Shape]), true)!.ToArray();
        GradientCheck.Compare("input", dx, GradientCheck.Numeric(x.Span, () => GradientCheck.Dot(Fresh().Forward(x, mask, true), r)));
        float[] dKernel = layer.Kernel.Gradient.ToArray();
        GradientCheck.Compare("kernel", dKernel, GradientCheck.Numeric(layer.Kernel.Value.Span, () =>
        {
            RecurrentLayer probe = Fresh();
            layer.Kernel.Value.Span.CopyTo(probe.Kernel.Value.Span);
            return GradientCheck.Dot(probe.Forward(x, mask, true), r);
        }));
    }

    [Theory]
    [InlineData("concat", "none")]
    [InlineData("sum", "post")]
    [InlineData("mul", "pre")]
    [InlineData("ave", "scattered")]
    public void Bidirectional_gradients_match_central_differences(string mergeMode, string mask)
    {
        var layer = new Bidirectional(new LSTM(3, returnSequences: mergeMode != "concat"), mergeMode);
        layer.Build([5, 2], new RandomGenerator(2));
        GradientCheck.Layer(layer, GradientCheck.Uniform(3, -1, 1, 4, 5, 2), Mask(mask, 4, 5));
    }

    [Fact]
    public void Initial_state_gradients_match_central_differences()
    {
        var layer = new LSTM(3, returnSequences: true);
        layer.Build([4, 2], new RandomGenerator(5));
        Tensor x = GradientCheck.Uniform(1, -1, 1, 2, 4, 2);
        Tensor h0 = GradientCheck.Uniform(2, -1, 1, 2, 3), c0 = GradientCheck.Uniform(3, -1, 1, 2, 3);
        SequenceMask? mask = Mask("pre", 2, 4);
        Tensor y = layer.Call(x, mask, [h0, c0], training: true).Output;
        float[] r = [.. Enumerable.Range(0, y.Length).Select(i => (float)Math.Sin(i + 0.5))];
        layer.BackwardWithStates(new Tensor((float[])r.Clone(), [.. y.Shape]), null);
        float[] dh0 = layer.InitialStateGradients[0].ToArray(), dc0 = layer.InitialStateGradients[1].ToArray();
        double Probe() => GradientCheck.Dot(layer.Call(x, mask, [h0, c0], training: true).Output, r);
        GradientCheck.Compare("h0", dh0, GradientCheck.Numeric(h0.Span, Probe));
        GradientCheck.Compare("c0", dc0, GradientCheck.Numeric(c0.Span, Probe));
    }
}
