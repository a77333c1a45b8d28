using NotebookRnn.Layers;
using NotebookRnn.Layers.Functional;
using NotebookRnn.Layers.Recurrent;
using NotebookRnn.Models;
using NotebookRnn.Optimizers;
using NotebookRnn.Tensors;
using static NotebookRnn.TorchSharp.Tests.Layers.Recurrent.RecurrentCases;

namespace NotebookRnn.TorchSharp.Tests.Layers.Recurrent;

/// <summary>Initial and final states, stateful layers and dropout of the recurrent layers on both backends.</summary>
public class RecurrentStateTests
{
    private static BackendComparison Compare(Func<Model> build)
    {
        var models = new BackendComparison(build, () => new Adam(0.01), "mse");
        RandomizeWeights(models);
        return models;
    }

    private static RecurrentLayer Layer(string kind, bool returnState = false, bool stateful = false, double dropout = 0, double recurrentDropout = 0) => kind switch
    {
        "lstm" => new LSTM(5, returnSequences: true, returnState: returnState, stateful: stateful, dropout: dropout, recurrentDropout: recurrentDropout),
        "lstm_hard_sigmoid" => new LSTM(5, recurrentActivation: "hard_sigmoid", returnSequences: true, returnState: returnState, stateful: stateful,
            dropout: dropout, recurrentDropout: recurrentDropout),
        "gru" => new GRU(5, returnSequences: true, returnState: returnState, stateful: stateful, dropout: dropout, recurrentDropout: recurrentDropout),
        "gru_reset_before" => new GRU(5, resetAfter: false, returnSequences: true, returnState: returnState, stateful: stateful, dropout: dropout,
            recurrentDropout: recurrentDropout),
        "rnn_stacked_cells" => new RNN(new StackedRNNCells([new LSTMCell(4), new GRUCell(3, resetAfter: false), new SimpleRNNCell(5)]),
            returnSequences: true, returnState: returnState, stateful: stateful),
        "simple_rnn" => new SimpleRNN(5, returnSequences: true, returnState: returnState, stateful: stateful, dropout: dropout, recurrentDropout: recurrentDropout),
        _ => throw new ArgumentException(kind),
    };

    [Theory]
    [InlineData("lstm", false)]
    [InlineData("lstm", true)]
    [InlineData("lstm_hard_sigmoid", true)]
    [InlineData("gru", false)]
    [InlineData("gru", true)]
    [InlineData("gru_reset_before", true)]
    [InlineData("simple_rnn", true)]
    [InlineData("rnn_stacked_cells", true)]
    public void Functional_initial_states_and_returned_states_are_the_same_on_both_backends(string kind, bool masked)
    {
        var models = Compare(() =>
        {
            var ids = new Input([Steps]);
            var seed = new Input([2]);
            SymbolicTensor x = new Embedding(Vocabulary, 3, maskZero: masked).Call(ids);
            RecurrentLayer layer = Layer(kind, returnState: true);
            SymbolicTensor[] initial = [.. layer.Cell.StateSize.Select(size => new Dense(size, "tanh").Call(seed))];
            SymbolicTensor output = layer.Call(x, initial);
            SymbolicTensor[] outputs = layer.Cell.StateCount switch { 1 => WithOneState(output), 2 => WithTwoStates(output), _ => WithFourStates(output) };
            return new Model([ids, seed], outputs, seed: 3);
        });
        Tensor[] inputs = [PaddedIds(Padding.Pre), TestData.Uniform(5, 5, 2)];
        Tensor[] targets = [TestData.Uniform(2, 5, Steps, 5), .. models.Managed.Outputs.Skip(1).Select((state, k) => TestData.Uniform(6 + k, 5, state.Shape[^1]!.Value))];
        IReadOnlyList<Tensor> managed = models.Managed.Predict(inputs, batchSize: 5), torch = models.Torch.Predict(inputs, batchSize: 5);
        for (int k = 0; k < managed.Count; k++) BackendComparison.AssertClose(managed[k], torch[k], 1e-5, $"output {k}");
        models.Managed.Fit(inputs, targets, batchSize: 5, epochs: 1, verbose: 0, shuffle: false);
        models.Torch.Fit(inputs, targets, batchSize: 5, epochs: 1, verbose: 0, shuffle: false);
        models.AssertSameWeights(1e-5);
    }

    private static SymbolicTensor[] WithOneState(SymbolicTensor call)
    {
        var (output, h) = call;
        return [output, h];
    }

    private static SymbolicTensor[] WithFourStates(SymbolicTensor call)
    {
        var (output, lstmH, lstmC, gruH, simpleH) = call;
        return [output, lstmH, lstmC, gruH, simpleH];
    }

    private static SymbolicTensor[] WithTwoStates(SymbolicTensor call)
    {
        var (output, h, c) = call;
        return [output, h, c];
    }

    [Theory]
    [InlineData("lstm")]
    [InlineData("lstm_hard_sigmoid")]
    [InlineData("gru")]
    [InlineData("simple_rnn")]
    [InlineData("rnn_stacked_cells")]
    public void A_stateful_layer_carries_the_same_states_on_both_backends_until_reset(string kind)
    {
        var models = Compare(() => new Sequential([new Embedding(Vocabulary, 3, maskZero: true, inputShape: [Steps]), Layer(kind, stateful: true)], seed: 3));
        Tensor ids = PaddedIds(Padding.Post), y = TestData.Uniform(2, 5, Steps, 5);
        for (int batch = 0; batch < 2; batch++) models.AssertSameStep(ids, y);
        var managed = (RecurrentLayer)models.Managed.Layers[1];
        var torch = (RecurrentLayer)models.Torch.Layers[1];
        for (int k = 0; k < managed.CarriedStates!.Count; k++)
            BackendComparison.AssertClose(managed.CarriedStates[k], torch.CarriedStates![k], 1e-5, $"carried state {k}");
        managed.ResetStates();
        torch.ResetStates();
        models.AssertSameStep(ids, y);
    }

    [Theory]
    [InlineData("lstm", 0.3, 0)]
    [InlineData("lstm", 0.3, 0.4)]
    [InlineData("lstm_hard_sigmoid", 0.3, 0.4)]
    [InlineData("gru", 0.3, 0)]
    [InlineData("gru", 0, 0.4)]
    [InlineData("gru_reset_before", 0.3, 0.4)]
    [InlineData("simple_rnn", 0.3, 0.4)]
    public void Dropout_draws_the_same_masks_on_both_backends(string kind, double dropout, double recurrentDropout)
    {
        var models = Compare(() => new Sequential([new Embedding(Vocabulary, 3, maskZero: true, inputShape: [Steps]),
            Layer(kind, dropout: dropout, recurrentDropout: recurrentDropout)], seed: 3));
        for (int batch = 0; batch < 2; batch++) models.AssertSameStep(PaddedIds(Padding.Pre), TestData.Uniform(2, 5, Steps, 5));
    }
}
