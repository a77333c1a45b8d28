using NotebookRnn.Layers;
using NotebookRnn.Layers.Recurrent;
using NotebookRnn.Models;
using NotebookRnn.Optimizers;
using static NotebookRnn.TorchSharp.Tests.Layers.Recurrent.RecurrentCases;

namespace NotebookRnn.TorchSharp.Tests.Layers.Recurrent;

public class LstmTests
{
    private static BackendComparison Models(Func<Layer[]> layers)
    {
        var models = new BackendComparison(() => new Sequential(layers(), seed: 3), () => new Adam(0.01), "mse");
        RandomizeWeights(models);
        return models;
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void Lstm_without_a_mask_gives_the_same_outputs_and_step(bool returnSequences, bool goBackwards)
    {
        var models = Models(() => [new LSTM(5, returnSequences: returnSequences, goBackwards: goBackwards, inputShape: [Steps, 3])]);
        models.AssertSameStep(Random(1, 4, Steps, 3), returnSequences ? Random(2, 4, Steps, 5) : Random(2, 4, 5));
    }

    [Theory]
    [InlineData(Padding.Post, false, false, false)]
    [InlineData(Padding.Post, true, false, false)]
    [InlineData(Padding.Pre, false, false, false)]
    [InlineData(Padding.Pre, true, false, false)]
    [InlineData(Padding.Post, true, true, false)]
    [InlineData(Padding.Pre, true, true, false)]
    [InlineData(Padding.Post, false, true, false)]
    [InlineData(Padding.Post, true, false, true)]
    [InlineData(Padding.Pre, true, false, true)]
    [InlineData(Padding.Pre, true, true, true)]
    public void Lstm_under_an_embedding_mask_gives_the_same_outputs_and_step(Padding padding, bool returnSequences, bool goBackwards, bool zeroOutputForMask)
    {
        var models = Models(() => [new Embedding(Vocabulary, 3, maskZero: true, inputShape: [Steps]),
            new LSTM(5, returnSequences: returnSequences, goBackwards: goBackwards, zeroOutputForMask: zeroOutputForMask)]);
        models.AssertSameStep(PaddedIds(padding), returnSequences ? Random(2, 5, Steps, 5) : Random(2, 5, 5));
    }

    [Fact]
    public void Lstm_on_ragged_sequences_gives_the_same_outputs_and_fit()
    {
        var models = Models(() => [new Embedding(Vocabulary, 3, maskZero: true), new LSTM(5), new Dense(2)]);
        AssertSameRaggedStep(models, Ragged(), Random(4, 5, 2));
    }

    [Fact]
    public void Lstm_returning_sequences_on_ragged_sequences_gives_the_same_outputs()
    {
        var models = Models(() => [new Embedding(Vocabulary, 3, maskZero: true), new LSTM(5, returnSequences: true)]);
        BackendComparison.AssertClose(models.Managed.Predict(Ragged(), batchSize: 5), models.Torch.Predict(Ragged(), batchSize: 5), 1e-5, "output");
    }
}
