using NotebookRnn.Layers;
using NotebookRnn.Layers.Functional;
using NotebookRnn.Layers.Recurrent;
using NotebookRnn.Models;
using NotebookRnn.Tensors;

namespace NotebookRnn.Notebook.Tests;

/// <summary>Small functional models the graph views draw: an encoder–decoder, a shared layer, several outputs.</summary>
internal static class GraphFixtures
{
    /// <summary>
    /// Keras's lstm_seq2seq with a masked encoder and decoder: token ids → Embedding(maskZero) → LSTM(3, returnState)
    /// hands (h, c) to a decoder LSTM(3, returnSequences) on Masking'd vectors of 5 features → Dense(5, softmax);
    /// both LSTMs run one loop on sequences of any length, or with <paramref name="unroll"/> a cell per step of 6 encoder
    /// and 4 decoder steps.
    /// </summary>
    public static Model Seq2Seq(bool unroll = false)
    {
        var encoderTokens = new Input([unroll ? 6 : null], name: "encoder_tokens", dtype: "int32");
        SymbolicTensor embedded = new Embedding(10, 4, maskZero: true, name: "encoder_embedding").Call(encoderTokens);
        var (_, h, c) = new LSTM(3, returnState: true, unroll: unroll, name: "encoder").Call(embedded);
        var decoderInputs = new Input([unroll ? 4 : null, 5], name: "decoder_inputs");
        SymbolicTensor masked = new Masking(name: "decoder_masking").Call(decoderInputs);
        SymbolicTensor decoded = new LSTM(3, returnSequences: true, unroll: unroll, name: "decoder").Call(masked, initialState: [h, c]);
        SymbolicTensor outputs = new Dense(5, activation: "softmax", name: "softmax").Call(decoded);
        return new Model([encoderTokens, decoderInputs], outputs, name: "seq2seq", seed: 7);
    }

    /// <summary>
    /// <see cref="Seq2Seq"/> after one batch of two samples: encoder ids of 3 and 6 real steps (of 6, zeros after),
    /// decoder vectors of 4 steps.
    /// </summary>
    public static Model Seq2SeqAfterBatch(bool unroll = false)
    {
        Model model = Seq2Seq(unroll);
        var tokens = new Tensor([1, 2, 3, 0, 0, 0, 4, 5, 6, 7, 8, 9], 2, 6);
        var vectors = new Tensor([.. Enumerable.Range(0, 40).Select(i => 0.1f * (1 + i % 7))], 2, 4, 5);
        model.Predict([tokens, vectors], batchSize: 2);
        return model;
    }

    /// <summary>One Dense(3) called on two inputs of 4 features, each call an output.</summary>
    public static Model SharedDense()
    {
        var left = new Input([4], name: "left");
        var right = new Input([4], name: "right");
        var shared = new Dense(3, name: "shared");
        return new Model([left, right], [shared.Call(left), shared.Call(right)], name: "siamese", seed: 3);
    }

    /// <summary>An LSTM(4, returnSequences) over 6 steps of 2 features feeding two heads: a per-step Dense(1) and an LSTM(2) → Dense(3).</summary>
    public static Model TwoHeads()
    {
        var inputs = new Input([6, 2], name: "series");
        SymbolicTensor sequence = new LSTM(4, returnSequences: true, name: "trunk").Call(inputs);
        SymbolicTensor perStep = new Dense(1, name: "per_step").Call(sequence);
        SymbolicTensor summary = new LSTM(2, name: "summarise").Call(sequence);
        SymbolicTensor label = new Dense(3, activation: "softmax", name: "label").Call(summary);
        return new Model(inputs, [perStep, label], name: "two_heads", seed: 5);
    }
}
