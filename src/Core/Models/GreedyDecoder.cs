using NotebookRnn.Kernels;
using NotebookRnn.Tensors;

namespace NotebookRnn.Models;

/// <summary>
/// Greedy decoding with the inference models of an encoder–decoder (Keras's <c>lstm_seq2seq</c> <c>decode_sequence</c>,
/// for a whole batch at once): the encoder model turns the inputs into what the decoder starts from; the decoder model
/// takes one step — <c>[token, context₁, …, contextₘ, state₁, …, stateₖ] → [probabilities, state₁', …, stateₖ']</c> —
/// and is fed its own likeliest token (argmax) until it writes the end token or reaches the maximum length. The
/// encoder's outputs are the decoder's inputs after the token, in order; the last k, which the decoder returns, are
/// states replaced at every step, the first m are context passed unchanged to every step (the encoder's sequence that
/// attention reads; m = 0 without attention).
/// </summary>
/// <remarks>
/// It lives beside the models rather than in a task because nothing in it is task-specific: it needs only the two
/// models' signatures and the start and end ids. The decoder's token input is one-hot, shape (None, V) or (1, V), or
/// a token id, shape (None,) or (1,) (for an <c>Embedding</c>); its probabilities are its first output, the last step's
/// row when it has a step axis.
/// </remarks>
public static class GreedyDecoder
{
    /// <summary>Decodes every sample of <paramref name="encoderInputs"/>.</summary>
    /// <param name="encoder">Inputs → [context…, initial states…] (one output per context tensor and per state).</param>
    /// <param name="decoder">[token, context…, states…] → [probabilities, states…], one step.</param>
    /// <param name="encoderInputs">The encoder's input, (samples, …its input shape).</param>
    /// <param name="startId">The token the decoder starts from.</param>
    /// <param name="endId">The token that ends a sequence; it is not part of the result.</param>
    /// <param name="maxLength">The most tokens written per sample (≥ 1), the end token not counted.</param>
    /// <param name="batchSize">Samples per batch of each model call (&gt; 0); default 256.</param>
    /// <returns>One id sequence per sample, without the start and end tokens.</returns>
    /// <exception cref="ArgumentException">The models do not fit together (the message says how), or an id is outside the decoder's vocabulary.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxLength"/> &lt; 1.</exception>
    public static int[][] Decode(Model encoder, Model decoder, Tensor encoderInputs, int startId, int endId, int maxLength, int batchSize = 256)
    {
        ArgumentNullException.ThrowIfNull(encoderInputs);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 1);
        int vocabulary = CheckModels(encoder, decoder);
        foreach (var (id, name) in new[] { (startId, nameof(startId)), (endId, nameof(endId)) })
            if ((uint)id >= (uint)vocabulary) throw new ArgumentOutOfRangeException(name, id, $"Expected a token id in [0, {vocabulary}).");
        int samples = encoderInputs.Dim(0);
        Tensor[] carried = [.. encoder.Predict([encoderInputs], batchSize)];
        int contexts = carried.Length - (decoder.Outputs.Count - 1);
        var tokens = new List<int>[samples];
        var next = new int[samples];
        Array.Fill(next, startId);
        bool[] done = new bool[samples];
        bool oneHot = decoder.InputShapes[0].Length == 2;
        for (int step = 0; step < maxLength && done.Contains(false); step++)
        {
            IReadOnlyList<Tensor> outputs = decoder.Predict([TokenInput(next, vocabulary, oneHot), .. carried], batchSize);
            for (int i = 0; i < samples; i++)
            {
                Span<float> row = outputs[0].Row(i);
                next[i] = ElementwiseKernels.IndexOfMax(row[^vocabulary..]);
                if (done[i]) continue;
                if (next[i] == endId) done[i] = true;
                else (tokens[i] ??= []).Add(next[i]);
            }
            for (int k = 1; k < outputs.Count; k++) carried[contexts + k - 1] = outputs[k];
        }
        return [.. tokens.Select(t => t?.ToArray() ?? [])];
    }

    // (samples, 1, V) one-hot rows, or (samples, 1) ids.
    private static Tensor TokenInput(int[] ids, int vocabulary, bool oneHot)
    {
        if (!oneHot) return new Tensor([.. ids.Select(id => (float)id)], ids.Length, 1);
        var input = new Tensor(ids.Length, 1, vocabulary);
        for (int i = 0; i < ids.Length; i++) input.Row(i)[ids[i]] = 1;
        return input;
    }

    // The decoder's vocabulary size, once the two models are known to fit together.
    private static int CheckModels(Model encoder, Model decoder)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(decoder);
        int carried = encoder.Outputs.Count, states = decoder.Outputs.Count - 1;
        if (decoder.Inputs.Count != carried + 1 || states < 0 || states > carried)
            throw new ArgumentException(
                $"The encoder '{encoder.Name}' gives {carried} output{(carried == 1 ? "" : "s")} (context, then states), so the decoder needs " +
                $"{carried + 1} inputs (token, then those) and 1 + k outputs (probabilities, then the k ≤ {carried} states it updates); " +
                $"'{decoder.Name}' has {decoder.Inputs.Count} and {decoder.Outputs.Count}.", nameof(decoder));
        for (int k = 0; k < carried; k++)
            if (!encoder.OutputShapes[k].SequenceEqual(decoder.InputShapes[k + 1]))
                throw new ArgumentException(
                    $"Encoder output {k} has shape {Tensor.ShapeText([null, .. encoder.OutputShapes[k]])}, but decoder input {k + 1} takes " +
                    $"{Tensor.ShapeText([null, .. decoder.InputShapes[k + 1]])}.", nameof(decoder));
        for (int k = 0; k < states; k++)
            if (!decoder.OutputShapes[k + 1].SequenceEqual(decoder.InputShapes[carried - states + k + 1]))
                throw new ArgumentException(
                    $"Decoder output {k + 1} has shape {Tensor.ShapeText([null, .. decoder.OutputShapes[k + 1]])}, but it replaces decoder input " +
                    $"{carried - states + k + 1} of shape {Tensor.ShapeText([null, .. decoder.InputShapes[carried - states + k + 1]])}.", nameof(decoder));
        int?[] token = decoder.InputShapes[0], probabilities = decoder.OutputShapes[0];
        if (probabilities[^1] is not int vocabulary)
            throw new ArgumentException($"The decoder's probabilities need a known last dimension, got {Tensor.ShapeText([null, .. probabilities])}.", nameof(decoder));
        bool stepAxis = token.Length >= 1 && token[0] is null or 1;
        if (!stepAxis || token.Length > 2 || (token.Length == 2 && token[1] != vocabulary))
            throw new ArgumentException(
                $"The decoder's token input must be one step, one-hot (None, {vocabulary}) or an id (None,), got {Tensor.ShapeText([null, .. token])}.",
                nameof(decoder));
        return vocabulary;
    }
}
