using NotebookRnn.Layers;
using NotebookRnn.Layers.Recurrent;
using NotebookRnn.Models;
using NotebookRnn.Optimizers;
using NotebookRnn.Tensors;
using static NotebookRnn.TorchSharp.Tests.Layers.Recurrent.RecurrentCases;

namespace NotebookRnn.TorchSharp.Tests.Layers.Recurrent;

/// <summary>
/// Every recurrent layer form on both backends: the ones libtorch's modules run (LSTM, GRU reset after, SimpleRNN tanh
/// and relu) and the ones the step loop runs (other activations, GRU reset before, RNN over a cell or a stack, unroll),
/// without a mask, under padding masks, with holes, backwards and on ragged sequences.
/// </summary>
public class RecurrentLayerTests
{
    public static TheoryData<string> Kinds => [.. Layers.Keys];

    private static readonly Dictionary<string, Func<bool, bool, int?[]?, RecurrentLayer>> Layers = new()
    {
        ["lstm"] = (sequences, backwards, shape) => new LSTM(5, returnSequences: sequences, goBackwards: backwards, inputShape: shape),
        ["lstm_hard_sigmoid"] = (sequences, backwards, shape) => new LSTM(5, recurrentActivation: "hard_sigmoid", returnSequences: sequences, goBackwards: backwards, inputShape: shape),
        ["lstm_relu_no_bias"] = (sequences, backwards, shape) => new LSTM(5, activation: "relu", useBias: false, returnSequences: sequences, goBackwards: backwards, inputShape: shape),
        ["lstm_unrolled"] = (sequences, backwards, shape) => new LSTM(5, unroll: true, returnSequences: sequences, goBackwards: backwards, inputShape: shape),
        ["gru"] = (sequences, backwards, shape) => new GRU(5, returnSequences: sequences, goBackwards: backwards, inputShape: shape),
        ["gru_no_bias"] = (sequences, backwards, shape) => new GRU(5, useBias: false, returnSequences: sequences, goBackwards: backwards, inputShape: shape),
        ["gru_reset_before"] = (sequences, backwards, shape) => new GRU(5, resetAfter: false, returnSequences: sequences, goBackwards: backwards, inputShape: shape),
        ["gru_hard_sigmoid_keras2"] = (sequences, backwards, shape) => new GRU(5, recurrentActivation: "hard_sigmoid_keras2", returnSequences: sequences, goBackwards: backwards, inputShape: shape),
        ["simple_rnn"] = (sequences, backwards, shape) => new SimpleRNN(5, returnSequences: sequences, goBackwards: backwards, inputShape: shape),
        ["simple_rnn_relu"] = (sequences, backwards, shape) => new SimpleRNN(5, activation: "relu", returnSequences: sequences, goBackwards: backwards, inputShape: shape),
        ["simple_rnn_sigmoid"] = (sequences, backwards, shape) => new SimpleRNN(5, activation: "sigmoid", returnSequences: sequences, goBackwards: backwards, inputShape: shape),
        ["rnn_gru_cell"] = (sequences, backwards, shape) => new RNN(new GRUCell(5), returnSequences: sequences, goBackwards: backwards, inputShape: shape),
        ["rnn_stacked_cells"] = (sequences, backwards, shape) =>
            new RNN(new StackedRNNCells([new LSTMCell(4), new GRUCell(3, resetAfter: false), new SimpleRNNCell(5)]), returnSequences: sequences, goBackwards: backwards, inputShape: shape),
    };

    private static BackendComparison Models(Func<Layer[]> layers)
    {
        var models = new BackendComparison(() => new Sequential(layers(), seed: 3), () => new Adam(0.01), "mse");
        RandomizeWeights(models);
        return models;
    }

    private static BackendComparison Masked(string kind, bool returnSequences, bool goBackwards = false) =>
        Models(() => [new Embedding(Vocabulary, 3, maskZero: true, inputShape: [Steps]), Layers[kind](returnSequences, goBackwards, null)]);

    private static Tensor Target(bool returnSequences, int batch) => returnSequences ? TestData.Uniform(2, batch, Steps, 5) : TestData.Uniform(2, batch, 5);

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Without_a_mask_both_backends_give_the_same_outputs_and_step(string kind)
    {
        foreach (bool returnSequences in new[] { false, true })
        {
            var models = Models(() => [Layers[kind](returnSequences, false, [Steps, 3])]);
            models.AssertSameStep(TestData.Uniform(1, 4, Steps, 3), Target(returnSequences, 4));
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Under_padding_masks_both_backends_give_the_same_outputs_and_step(string kind)
    {
        foreach (Padding padding in new[] { Padding.Post, Padding.Pre })
            foreach (bool returnSequences in new[] { false, true })
                Masked(kind, returnSequences).AssertSameStep(PaddedIds(padding), Target(returnSequences, 5));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Going_backwards_under_a_mask_both_backends_give_the_same_outputs_and_step(string kind)
    {
        foreach (Padding padding in new[] { Padding.Post, Padding.Pre })
            Masked(kind, returnSequences: true, goBackwards: true).AssertSameStep(PaddedIds(padding), Target(true, 5));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Under_a_mask_with_holes_both_backends_give_the_same_outputs_and_step(string kind)
    {
        var ids = new Tensor([1, 0, 2, 3, 0, 0, 0, 4, 0, 5, 6, 0, 7, 1, 2, 3, 4, 5, 0, 0, 0, 0, 0, 0], 4, Steps);
        foreach (bool returnSequences in new[] { false, true })
            Masked(kind, returnSequences).AssertSameStep(ids, Target(returnSequences, 4));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void On_ragged_sequences_both_backends_give_the_same_outputs_and_fit(string kind)
    {
        if (kind.EndsWith("unrolled")) return; // unrolling needs a fixed number of steps, which ragged input does not have
        var models = Models(() => [new Embedding(Vocabulary, 3, maskZero: true), Layers[kind](false, false, null), new Dense(2)]);
        AssertSameRaggedStep(models, Ragged(), TestData.Uniform(4, 5, 2));
    }
}
