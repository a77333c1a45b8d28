using NotebookRnn.Layers;
using NotebookRnn.Layers.Attention;
using NotebookRnn.Layers.Functional;
using NotebookRnn.Layers.Merging;
using NotebookRnn.Layers.Recurrent;
using NotebookRnn.Models;
using NotebookRnn.Tensors;

namespace NotebookRnn.Tests.Models;

/// <summary>
/// Merge layers and attention inside functional models: Keras's functional_test.py cases that merge inputs, and an
/// encoder–decoder with Luong attention over the encoder's steps, gradient-checked end to end.
/// </summary>
public class FunctionalMergeTests
{
    [Fact]
    public void Two_inputs_added_then_two_dense_layers_give_the_keras_output_shape()
    {
        // functional_test.py::test_basic_flow_multi_input: input_a + input_b → Dense(5) → Dense(4) gives (2, 4).
        var a = new Input([3], name: "input_a");
        var b = new Input([3], name: "input_b");
        var model = new Model([a, b], new Dense(4).Call(new Dense(5).Call(new Add().Call(a, b))), name: "basic");
        Tensor output = model.Predict([GradientCheck.Uniform(1, 0, 1, 2, 3), GradientCheck.Uniform(2, 0, 1, 2, 3)])[0];
        Assert.Equal("basic", model.Name);
        Assert.Equal([2, 4], output.Shape);
    }

    [Fact]
    public void Inputs_of_different_widths_concatenated_are_fed_by_name()
    {
        // functional_test.py::test_named_input_dict_io, two inputs: Dense(5) on each, Concatenate, Dense(4) → (2, 4).
        var a = new Input([3], name: "a");
        var b = new Input([4], name: "b");
        SymbolicTensor x = new Concatenate().Call(new Dense(5).Call(a), new Dense(5).Call(b));
        var model = new Model([a, b], new Dense(4).Call(x));
        Tensor xa = GradientCheck.Uniform(1, 0, 1, 2, 3), xb = GradientCheck.Uniform(2, 0, 1, 2, 4);
        IReadOnlyList<Tensor> byName = model.Predict(new Dictionary<string, Tensor> { ["a"] = xa, ["b"] = xb });
        Assert.Equal([2, 4], byName[0].Shape);
        Assert.Equal(model.Predict([xa, xb])[0].ToArray(), byName[0].ToArray());
    }

    [Fact]
    public void An_encoder_decoder_with_attention_over_the_encoder_steps_passes_the_gradient_check()
    {
        var (model, runner) = AttentionSeq2Seq(seed: 5, units: 4, returnScores: true);
        Tensor source = GradientCheck.Uniform(3, -1, 1, 2, 5, 3), target = GradientCheck.Uniform(4, -1, 1, 2, 4, 2);
        FunctionalModelTests.CheckGradients(runner, [source, target]);
        Assert.Equal(["source", "target", "lstm", "lstm_1", "attention", "concatenate", "dense"], model.Layers.Select(l => l.Name));
    }

    [Fact]
    public void Attention_scores_as_an_output_are_a_distribution_over_the_encoder_steps()
    {
        var (model, _) = AttentionSeq2Seq(seed: 2, units: 3, returnScores: true);
        IReadOnlyList<Tensor> outputs = model.Predict([GradientCheck.Uniform(3, -1, 1, 2, 5, 3), GradientCheck.Uniform(4, -1, 1, 2, 4, 2)]);
        Assert.Equal([2, 4, 5], outputs[1].Shape);
        float[] scores = outputs[1].ToArray();
        for (int row = 0; row < 2 * 4; row++) Assert.Equal(1.0, scores.Skip(row * 5).Take(5).Sum(), 5);
        Assert.Contains("[(None, None, 3), (None, None, None)]", model.Summary().ToString());
    }

    [Fact]
    public void A_causal_self_attention_lets_no_step_see_a_later_one()
    {
        var input = new Input([4, 3]);
        var (_, scores) = new Attention().Call(input, input, returnAttentionScores: true, useCausalMask: true);
        var model = new Model(input, [scores]);
        float[] weights = model.Predict([GradientCheck.Uniform(8, -1, 1, 1, 4, 3)])[0].ToArray();
        for (int i = 0; i < 4; i++)
            for (int j = i + 1; j < 4; j++) Assert.Equal(0f, weights[i * 4 + j]);
    }

    // Luong attention in a seq2seq: the decoder's steps query the encoder's, each step's context is concatenated to the
    // decoder's output and a softmax Dense reads both.
    private static (Model, GraphRunner) AttentionSeq2Seq(long seed, int units, bool returnScores)
    {
        var source = new Input([null, 3], name: "source");
        var (encoded, h, c) = new LSTM(units, returnSequences: true, returnState: true).Call(source);
        var target = new Input([null, 2], name: "target");
        SymbolicTensor decoded = new LSTM(units, returnSequences: true).Call(target, initialState: [h, c]);
        var (attended, scores) = new Attention().Call(decoded, encoded, returnAttentionScores: true);
        SymbolicTensor probabilities = new Dense(2, activation: "softmax").Call(new Concatenate().Call(attended, decoded));
        SymbolicTensor[] outputs = returnScores ? [probabilities, scores] : [probabilities];
        var model = new Model([source, target], outputs, seed: seed);
        return (model, new GraphRunner(FunctionalModelTests.ProgramOf(model), layer => layer, new RandomGenerator(1)));
    }
}
