using NotebookRnn.Layers;
using NotebookRnn.Layers.Attention;
using NotebookRnn.Layers.Functional;
using NotebookRnn.Layers.Merging;
using NotebookRnn.Layers.Recurrent;
using NotebookRnn.Layers.Reshaping;
using NotebookRnn.Models;
using NotebookRnn.Optimizers;

namespace NotebookRnn.TorchSharp.Tests.Models;

/// <summary>The non-recurrent layers around recurrent ones, as models use them: attention seq2seq, addition_rnn, TimeDistributed(LSTM).</summary>
public class RecurrentCompositionTests
{
    private static void Compile(Model model, NotebookRnn.Devices.Backend? backend) => model.Compile(new Adam(0.01), "mse", backend: backend);

    [Theory]
    [InlineData("pre")]
    [InlineData("post")]
    [InlineData("ragged")]
    public void An_encoder_decoder_with_attention_over_the_encoder_steps_trains_alike(string form)
    {
        // Encoder LSTM over source ids; decoder LSTM from its states over target ids; Luong attention; Concatenate; Dense.
        var models = new BackendComparison(() =>
        {
            var source = new Input([null], name: "source");
            var target = new Input([null], name: "target");
            var (encoded, h, c) = new LSTM(5, returnSequences: true, returnState: true).Call(new Embedding(9, 4, maskZero: true).Call(source));
            SymbolicTensor decoded = new LSTM(5, returnSequences: true).Call(new Embedding(9, 4, maskZero: true).Call(target), [h, c]);
            var (attended, scores) = new Attention(useScale: true).Call(decoded, encoded, returnAttentionScores: true);
            SymbolicTensor output = new Dense(3, "softmax").Call(new Concatenate().Call(decoded, attended));
            return new Model([source, target], [output, scores], seed: 3);
        }, Compile);
        int[][] sources = TestData.Ragged(1, count: 6, minLength: 1, maxLength: 6, vocabulary: 9);
        int[][] targets = TestData.Ragged(2, count: 6, minLength: 1, maxLength: 4, vocabulary: 9);
        int sourceSteps = sources.Max(s => s.Length), targetSteps = targets.Max(s => s.Length);
        models.AssertSameStep([TestData.Ids(form, sources), TestData.Ids(form, targets)],
            [TestData.Uniform(3, 6, targetSteps, 3), TestData.Uniform(4, 6, targetSteps, sourceSteps)], samples: 6);
    }

    [Fact]
    public void Addition_rnn_repeats_the_encoding_for_a_decoder_and_time_distributes_its_output_alike()
    {
        var models = new BackendComparison(
            () => new Sequential([new LSTM(6, inputShape: [5, 3]), new RepeatVector(4), new LSTM(6, returnSequences: true),
                new TimeDistributed(new Dense(3, "softmax"))], seed: 4),
            (model, backend) => model.Compile(new Adam(0.01), "categorical_crossentropy", backend: backend));
        models.AssertSameStep([TestData.Uniform(1, 6, 5, 3)], [TestData.Uniform(2, 6, 4, 3)], samples: 6);
    }

    [Theory]
    [InlineData("pre")]
    [InlineData("post")]
    [InlineData("ragged")]
    public void TimeDistributed_lstm_skips_the_masked_steps_as_the_managed_wrapper_does(string form)
    {
        // ids: (batch, T) → (batch, T, 4) masked → each step repeated 3 times: (batch, T, 3, 4) → an LSTM per step, a masked
        // step an empty sequence (zero output) → (batch, T, 5) → Dense per step.
        int[][] ids = TestData.Ragged(5, count: 6, minLength: 1, maxLength: 5, vocabulary: 9);
        var models = new BackendComparison(() =>
        {
            var x = new Input([null]);
            SymbolicTensor steps = new TimeDistributed(new RepeatVector(3)).Call(new Embedding(9, 4, maskZero: true).Call(x));
            return new Model(x, new Dense(2).Call(new TimeDistributed(new LSTM(5)).Call(steps)), seed: 6);
        }, Compile);
        models.AssertSameStep([TestData.Ids(form, ids)], [TestData.Uniform(3, 6, ids.Max(s => s.Length), 2)], samples: 6);
    }

    [Theory]
    [InlineData("pre")]
    [InlineData("ragged")]
    public void Masked_branches_merge_before_an_lstm_alike(string form)
    {
        int[][] ids = TestData.Ragged(7, count: 6, minLength: 1, maxLength: 6, vocabulary: 9);
        var models = new BackendComparison(() =>
        {
            var x = new Input([null]);
            SymbolicTensor embedded = new Embedding(9, 4, maskZero: true).Call(x);
            SymbolicTensor merged = new Multiply().Call(new Dense(4, "tanh").Call(embedded), new Dropout(0.3).Call(new Dense(4, "sigmoid").Call(embedded)));
            return new Model(x, new Dense(2).Call(new LSTM(5).Call(merged)), seed: 8);
        }, Compile);
        models.AssertSameStep([TestData.Ids(form, ids)], [TestData.Uniform(3, 6, 2)], samples: 6);
    }
}
