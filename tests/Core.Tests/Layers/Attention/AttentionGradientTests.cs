using NotebookRnn.Layers;
using NotebookRnn.Layers.Attention;
using NotebookRnn.Tensors;
using LuongAttention = NotebookRnn.Layers.Attention.Attention;

namespace NotebookRnn.Tests.Layers.Attention;

/// <summary>
/// Attention and AdditiveAttention against PyTorch (tests/Fixtures/make_attention_fixtures.py: outputs, distributions and
/// the gradients of L = Σ output ⊙ R + Σ scores ⊙ Rs), and against central differences, with masks, the causal mask and
/// the gradient of the returned distribution.
/// </summary>
public class AttentionGradientTests
{
    public static TheoryData<string> Fixtures =>
        ["attention_dot_masked", "attention_dot_causal", "attention_concat_masked", "additive_masked", "additive_unscaled_key"];

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Outputs_distributions_and_gradients_match_PyTorch(string name)
    {
        AttentionFixture fixture = AttentionFixture.Load(name);
        Tensor[] inputs = fixture.Inputs;
        DenseAttention layer = fixture.Layer(inputs);

        var (output, scores) = layer.Forward(inputs, fixture.Masks(inputs), training: true, useCausalMask: fixture.Causal);
        KerasAssert.AllClose(fixture.Output("output"), output, atol: 1e-5, rtol: 1e-4);
        KerasAssert.AllClose(fixture.Output("scores"), scores, atol: 1e-5, rtol: 1e-4);

        IReadOnlyList<Tensor?> gradients = layer.BackwardAll(fixture.Upstream("output"), fixture.Upstream("scores"), [.. inputs.Select(_ => true)]);
        string[] names = ["query", "value", "key"];
        for (int k = 0; k < inputs.Length; k++) KerasAssert.AllClose(fixture.Gradient(names[k]), gradients[k]!, atol: 1e-5, rtol: 1e-4);
        foreach (Parameter p in layer.Parameters) KerasAssert.AllClose(fixture.Gradient(p.Name), p.Gradient, atol: 1e-5, rtol: 1e-4);
        Assert.Equal(fixture.WeightNames.Order(), layer.Parameters.Select(p => p.Name).Order());
    }

    public static TheoryData<string, bool, bool> Layers => new()
    {
        { "dot", false, false }, { "dot", true, true }, { "concat", false, true }, { "concat", true, false },
        { "additive", false, true }, { "additive", true, false },
    };

    [Theory]
    [MemberData(nameof(Layers))]
    public void Gradients_match_central_differences_with_masks(string kind, bool useScale, bool separateKey)
    {
        Tensor[] inputs = Inputs(separateKey);
        DenseAttention layer = Create(kind, useScale, inputs);
        SequenceMask?[] masks = [SequenceMask.FromLengths([3, 2], 3, Padding.Post), new SequenceMask([true, false, true, true, true, true, false, false], 2, 4)];

        GradientCheck.MultiInput(layer, inputs);
        GradientCheck.MultiInput(layer, inputs, masks);
    }

    [Theory]
    [MemberData(nameof(Layers))]
    public void Gradients_of_the_output_and_the_distribution_together_match_central_differences(string kind, bool useScale, bool separateKey)
    {
        Tensor[] inputs = Inputs(separateKey);
        DenseAttention layer = Create(kind, useScale, inputs);
        SequenceMask?[] masks = [null, SequenceMask.FromLengths([4, 3], 4, Padding.Pre)];

        CheckWithScores(layer, inputs, masks, causal: false);
        CheckWithScores(layer, inputs, [], causal: true);
    }

    [Theory]
    [MemberData(nameof(Layers))]
    public void A_smaller_batch_after_a_larger_one_gives_a_fresh_layers_numbers(string kind, bool useScale, bool separateKey)
    {
        Tensor[] large = Inputs(separateKey), small = [.. large.Select(x => x.SliceBatch(1, 1))];
        DenseAttention used = Create(kind, useScale, large), fresh = Create(kind, useScale, large);
        SequenceMask?[] largeMasks = [SequenceMask.FromLengths([3, 1], 3, Padding.Post), SequenceMask.FromLengths([4, 2], 4, Padding.Post)];
        SequenceMask?[] smallMasks = [SequenceMask.FromLengths([1], 3, Padding.Post), SequenceMask.FromLengths([2], 4, Padding.Post)];
        used.Forward(large, largeMasks, training: true);
        used.BackwardAll(new Tensor(2, 3, large[1].Dim(2)), [.. large.Select(_ => true)]);

        float[] again = used.Forward(small, smallMasks, training: true).ToArray();
        float[][] againGradients = [.. used.BackwardAll(GradientCheck.Uniform(3, -1, 1, 1, 3, large[1].Dim(2)), [.. large.Select(_ => true)]).Select(g => g!.ToArray())];

        Assert.Equal(fresh.Forward(small, smallMasks, training: true).ToArray(), again);
        Assert.Equal(fresh.BackwardAll(GradientCheck.Uniform(3, -1, 1, 1, 3, large[1].Dim(2)), [.. large.Select(_ => true)]).Select(g => g!.ToArray()), againGradients);
    }

    // A fresh layer with the dropout seed draws the same pattern on its first call, so each probe sees the pattern backward used.
    [Theory]
    [MemberData(nameof(Layers))]
    public void Gradients_through_dropout_match_central_differences_under_the_same_pattern(string kind, bool useScale, bool separateKey)
    {
        Tensor[] inputs = Inputs(separateKey);
        SequenceMask?[] masks = [SequenceMask.FromLengths([3, 2], 3, Padding.Post), SequenceMask.FromLengths([4, 3], 4, Padding.Post)];
        DenseAttention layer = Create(kind, useScale, inputs, dropout: 0.3);
        float[] undropped = layer.Forward(inputs, masks, training: false, useCausalMask: false).Scores.ToArray();
        var (output, scores) = layer.Forward(inputs, masks, training: true, useCausalMask: false);
        Assert.NotEqual(undropped, scores.ToArray());
        float[] r = GradientCheck.Uniform(73, -1, 1, output.Length).ToArray(), rs = GradientCheck.Uniform(74, -1, 1, scores.Length).ToArray();
        IReadOnlyList<Tensor?> gradients = layer.BackwardAll(new Tensor((float[])r.Clone(), [.. output.Shape]), new Tensor((float[])rs.Clone(), [.. scores.Shape]),
            [.. inputs.Select(_ => true)]);
        double Probe()
        {
            var (o, s) = Create(kind, useScale, inputs, dropout: 0.3).Forward(inputs, masks, training: true, useCausalMask: false);
            return GradientCheck.Dot(o, r) + GradientCheck.Dot(s, rs);
        }
        for (int k = 0; k < inputs.Length; k++) GradientCheck.Compare($"input {k}", gradients[k]!.ToArray(), GradientCheck.Numeric(inputs[k].Span, Probe));
    }

    [Fact]
    public void The_mask_penalty_is_Keras_float32_value() => Assert.Equal(1e9f, DenseAttention.MaskPenalty);

    // (2, 3, 2) queries, (2, 4, 3) values and, when separate, (2, 4, 2) keys.
    private static Tensor[] Inputs(bool separateKey) => separateKey
        ? [GradientCheck.Uniform(61, -1, 1, 2, 3, 2), GradientCheck.Uniform(62, -1, 1, 2, 4, 3), GradientCheck.Uniform(63, -1, 1, 2, 4, 2)]
        : [GradientCheck.Uniform(61, -1, 1, 2, 3, 3), GradientCheck.Uniform(62, -1, 1, 2, 4, 3)];

    private static DenseAttention Create(string kind, bool useScale, Tensor[] inputs, double dropout = 0)
    {
        DenseAttention layer = kind == "additive" ? new AdditiveAttention(useScale, dropout, seed: 11) : new LuongAttention(useScale, kind, dropout, seed: 11);
        layer.Build([.. inputs.Select(x => x.Shape.Skip(1).Select(d => (int?)d).ToArray())], new RandomGenerator(5));
        // Weights away from their initial 1, so a gradient that ignores them shows.
        foreach (Parameter p in layer.Parameters)
            for (int i = 0; i < p.Value.Length; i++) p.Value.Span[i] = 0.6f + 0.3f * i;
        return layer;
    }

    // L = Σ output ⊙ R + Σ scores ⊙ Rs, through the overloads with the distribution.
    private static void CheckWithScores(DenseAttention layer, Tensor[] inputs, SequenceMask?[] masks, bool causal)
    {
        var (output, scores) = layer.Forward(inputs, masks, training: true, useCausalMask: causal);
        float[] r = GradientCheck.Uniform(71, -1, 1, output.Length).ToArray(), rs = GradientCheck.Uniform(72, -1, 1, scores.Length).ToArray();
        foreach (Parameter p in layer.Parameters) p.ZeroGradient();
        IReadOnlyList<Tensor?> gradients = layer.BackwardAll(new Tensor((float[])r.Clone(), [.. output.Shape]), new Tensor((float[])rs.Clone(), [.. scores.Shape]),
            [.. inputs.Select(_ => true)]);
        double Probe()
        {
            var (o, s) = layer.Forward(inputs, masks, training: true, useCausalMask: causal);
            return GradientCheck.Dot(o, r) + GradientCheck.Dot(s, rs);
        }
        for (int k = 0; k < inputs.Length; k++) GradientCheck.Compare($"input {k}", gradients[k]!.ToArray(), GradientCheck.Numeric(inputs[k].Span, Probe));
        foreach (Parameter p in layer.Parameters) GradientCheck.Compare(p.Name, p.Gradient.ToArray(), GradientCheck.Numeric(p.Value.Span, Probe));
    }
}
