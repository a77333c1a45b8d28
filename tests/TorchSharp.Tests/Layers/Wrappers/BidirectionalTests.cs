using NotebookRnn.Layers;
using NotebookRnn.Layers.Functional;
using NotebookRnn.Layers.Recurrent;
using NotebookRnn.Layers.Wrappers;
using NotebookRnn.Models;
using NotebookRnn.Optimizers;
using NotebookRnn.Tensors;
using static NotebookRnn.TorchSharp.Tests.Layers.Recurrent.RecurrentCases;

namespace NotebookRnn.TorchSharp.Tests.Layers.Wrappers;

/// <summary><see cref="Bidirectional"/> on both backends: every merge mode, module and step-loop layers, with and without masks.</summary>
public class BidirectionalTests
{
    private static RecurrentLayer Layer(string kind, bool returnSequences, bool returnState = false) => kind switch
    {
        "lstm" => new LSTM(4, returnSequences: returnSequences, returnState: returnState),
        "gru" => new GRU(4, returnSequences: returnSequences, returnState: returnState),
        "gru_reset_before" => new GRU(4, resetAfter: false, returnSequences: returnSequences, returnState: returnState),
        "lstm_hard_sigmoid" => new LSTM(4, recurrentActivation: "hard_sigmoid", returnSequences: returnSequences, returnState: returnState),
        _ => new SimpleRNN(4, returnSequences: returnSequences, returnState: returnState),
    };

    private static BackendComparison Compare(Func<Model> build)
    {
        var models = new BackendComparison(build, () => new Adam(0.01), "mse");
        RandomizeWeights(models);
        return models;
    }

    private static int Width(string mergeMode) => mergeMode == "concat" ? 8 : 4;

    [Theory]
    [InlineData("lstm", "concat")]
    [InlineData("lstm", "sum")]
    [InlineData("lstm", "mul")]
    [InlineData("lstm", "ave")]
    [InlineData("gru", "concat")]
    [InlineData("gru_reset_before", "ave")]
    [InlineData("simple_rnn", "mul")]
    [InlineData("lstm_hard_sigmoid", "sum")]
    public void Both_backends_give_the_same_outputs_and_step_with_and_without_masks(string kind, string mergeMode)
    {
        foreach (bool returnSequences in new[] { false, true })
        {
            Tensor y = returnSequences ? TestData.Uniform(2, 5, Steps, Width(mergeMode)) : TestData.Uniform(2, 5, Width(mergeMode));
            var unmasked = Compare(() => new Sequential([new Bidirectional(Layer(kind, returnSequences), mergeMode, inputShape: [Steps, 3])], seed: 3));
            unmasked.AssertSameStep(TestData.Uniform(1, 5, Steps, 3), y);
            foreach (Padding padding in new[] { Padding.Post, Padding.Pre })
            {
                var masked = Compare(() => new Sequential([new Embedding(Vocabulary, 3, maskZero: true, inputShape: [Steps]),
                    new Bidirectional(Layer(kind, returnSequences), mergeMode)], seed: 3));
                masked.AssertSameStep(PaddedIds(padding), y);
            }
        }
    }

    [Theory]
    [InlineData("lstm")]
    [InlineData("gru_reset_before")]
    public void Both_backends_agree_under_a_mask_with_holes(string kind)
    {
        var ids = new Tensor([1, 0, 2, 3, 0, 0, 0, 4, 0, 5, 6, 0, 7, 1, 2, 3, 4, 5, 0, 0, 0, 0, 0, 0], 4, Steps);
        var models = Compare(() => new Sequential([new Embedding(Vocabulary, 3, maskZero: true, inputShape: [Steps]),
            new Bidirectional(Layer(kind, returnSequences: true))], seed: 3));
        models.AssertSameStep(ids, TestData.Uniform(2, 4, Steps, 8));
    }

    [Theory]
    [InlineData("lstm")]
    [InlineData("gru")]
    public void Both_backends_agree_on_ragged_sequences(string kind)
    {
        var models = Compare(() => new Sequential([new Embedding(Vocabulary, 3, maskZero: true), new Bidirectional(Layer(kind, false)), new Dense(2)], seed: 3));
        AssertSameRaggedStep(models, Ragged(), TestData.Uniform(4, 5, 2));
    }

    [Theory]
    [InlineData("lstm")]
    [InlineData("gru")]
    public void Initial_and_returned_states_of_both_layers_are_the_same_on_both_backends(string kind)
    {
        var models = Compare(() =>
        {
            var ids = new Input([Steps]);
            var seed = new Input([2]);
            SymbolicTensor x = new Embedding(Vocabulary, 3, maskZero: true).Call(ids);
            var wrapper = new Bidirectional(Layer(kind, returnSequences: true, returnState: true));
            int states = 2 * wrapper.ForwardLayer.Cell.StateCount;
            SymbolicTensor[] initial = [.. Enumerable.Range(0, states).Select(_ => new Dense(4, "tanh").Call(seed))];
            SymbolicTensor output = wrapper.Call(x, initial);
            SymbolicTensor[] outputs = states == 4 ? Five(output) : Three(output);
            return new Model([ids, seed], outputs, seed: 3);
        });
        Tensor[] inputs = [PaddedIds(Padding.Post), TestData.Uniform(5, 5, 2)];
        Tensor[] targets = [TestData.Uniform(2, 5, Steps, 8), .. Enumerable.Range(0, models.Managed.Outputs.Count - 1).Select(k => TestData.Uniform(6 + k, 5, 4))];
        IReadOnlyList<Tensor> managed = models.Managed.Predict(inputs, batchSize: 5), torch = models.Torch.Predict(inputs, batchSize: 5);
        for (int k = 0; k < managed.Count; k++) BackendComparison.AssertClose(managed[k], torch[k], 1e-5, $"output {k}");
        models.Managed.Fit(inputs, targets, batchSize: 5, epochs: 1, verbose: 0, shuffle: false);
        models.Torch.Fit(inputs, targets, batchSize: 5, epochs: 1, verbose: 0, shuffle: false);
        models.AssertSameWeights(1e-5);
    }

    [Fact]
    public void Stateful_layers_in_a_wrapper_carry_the_same_states_on_both_backends()
    {
        var models = Compare(() => new Sequential([new Embedding(Vocabulary, 3, maskZero: true, inputShape: [Steps]),
            new Bidirectional(new LSTM(4, stateful: true, returnSequences: true))], seed: 3));
        for (int batch = 0; batch < 2; batch++) models.AssertSameStep(PaddedIds(Padding.Post), TestData.Uniform(2, 5, Steps, 8));
        var managed = (Bidirectional)models.Managed.Layers[1];
        var torch = (Bidirectional)models.Torch.Layers[1];
        foreach (var (expected, actual) in new[] { (managed.ForwardLayer, torch.ForwardLayer), (managed.BackwardLayer, torch.BackwardLayer) })
            for (int k = 0; k < 2; k++) BackendComparison.AssertClose(expected.CarriedStates![k], actual.CarriedStates![k], 1e-5, $"{expected.Name} state {k}");
    }

    [Fact]
    public void A_null_merge_mode_is_refused_in_a_model_on_both_backends()
    {
        var models = new BackendComparison(() => new Sequential([new Bidirectional(new LSTM(4), mergeMode: null, inputShape: [Steps, 3])], seed: 3),
            () => new Adam(0.01), "mse");
        Tensor x = TestData.Uniform(1, 2, Steps, 3);
        string managed = Assert.Throws<InvalidOperationException>(() => models.Managed.Predict(x)).Message;
        Assert.Equal(managed, Assert.Throws<InvalidOperationException>(() => models.Torch.Predict(x)).Message);
    }

    private static SymbolicTensor[] Three(SymbolicTensor call)
    {
        var (output, forward, backward) = call;
        return [output, forward, backward];
    }

    private static SymbolicTensor[] Five(SymbolicTensor call)
    {
        var (output, forwardH, forwardC, backwardH, backwardC) = call;
        return [output, forwardH, forwardC, backwardH, backwardC];
    }
}
