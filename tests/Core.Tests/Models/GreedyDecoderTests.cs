using NotebookRnn.Datasets;
using NotebookRnn.Kernels;
using NotebookRnn.Layers;
using NotebookRnn.Layers.Functional;
using NotebookRnn.Layers.Recurrent;
using NotebookRnn.Models;
using NotebookRnn.Optimizers;
using NotebookRnn.Tensors;

namespace NotebookRnn.Tests.Models;

/// <summary>
/// Inference with lstm_seq2seq's separate encoder and decoder models, and <see cref="GreedyDecoder"/> on them: the
/// step-by-step decoder is the training model under teacher forcing, and greedy decoding feeds back its argmax.
/// </summary>
public class GreedyDecoderTests
{
    [Fact]
    public void The_inference_decoder_step_by_step_gives_the_training_models_probabilities_under_teacher_forcing()
    {
        var (seq2seq, encoding, pairs) = BrieflyTrained(units: 16, seed: 5);
        Tensor encoderInputs = encoding.EncoderInputs(pairs), decoderInputs = encoding.DecoderInputs(pairs);
        Tensor expected = seq2seq.Training.Predict([encoderInputs, decoderInputs])[0];   // (samples, steps, V)

        IReadOnlyList<Tensor> states = seq2seq.Encoder.Predict([encoderInputs]);
        int samples = pairs.Length, steps = encoding.DecoderSteps, vocabulary = encoding.TargetVocabulary.Count;
        for (int t = 0; t < steps; t++)
        {
            Tensor step = new Tensor(samples, 1, vocabulary);
            for (int i = 0; i < samples; i++) decoderInputs.Row(i).Slice(t * vocabulary, vocabulary).CopyTo(step.Row(i));
            IReadOnlyList<Tensor> outputs = seq2seq.Decoder.Predict([step, .. states]);
            for (int i = 0; i < samples; i++)
                Assert.Equal(expected.Row(i).Slice(t * vocabulary, vocabulary).ToArray(), outputs[0].Row(i).ToArray());
            states = [outputs[1], outputs[2]];
        }
    }

    [Fact]
    public void Greedy_decoding_writes_what_the_training_model_picks_after_each_prefix_it_wrote()
    {
        var (seq2seq, encoding, pairs) = BrieflyTrained(units: 16, seed: 6);
        Tensor encoderInputs = encoding.EncoderInputs(pairs);
        int[][] decoded = GreedyDecoder.Decode(seq2seq.Encoder, seq2seq.Decoder, encoderInputs, encoding.StartId, encoding.EndId, maxLength: 12);

        int vocabulary = encoding.TargetVocabulary.Count;
        for (int i = 0; i < pairs.Length; i++)
            Assert.Equal(TeacherForcedGreedy(seq2seq.Training, encoderInputs.SliceBatch(i, 1), vocabulary, encoding.StartId, encoding.EndId, 12, prefix =>
            {
                var oneHot = new Tensor(1, prefix.Count, vocabulary);
                for (int t = 0; t < prefix.Count; t++) oneHot[0, t, prefix[t]] = 1;
                return oneHot;
            }), decoded[i]);
    }

    [Fact]
    public void An_attention_decoder_gets_the_encoders_sequence_unchanged_at_every_step_and_its_states_updated()
    {
        // Luong attention: the encoder model returns [sequence, h, c]; the decoder model takes [token, sequence, h, c] and
        // returns [probabilities, h, c], so the sequence is context and h, c are states.
        const int source = 3, target = 5, units = 4;
        var sourceInputs = new Input([null, source]);
        var (encoded, h, c) = new LSTM(units, returnSequences: true, returnState: true).Call(sourceInputs);
        var targetInputs = new Input([null, target]);
        var decoderLstm = new LSTM(units, returnSequences: true, returnState: true);
        var attention = new NotebookRnn.Layers.Attention.Attention();
        var concatenate = new NotebookRnn.Layers.Merging.Concatenate();
        var softmax = new Dense(target, activation: "softmax");
        var (decoded, _, _) = decoderLstm.Call(targetInputs, initialState: [h, c]);
        var training = new Model([sourceInputs, targetInputs], softmax.Call(concatenate.Call(attention.Call(decoded, encoded), decoded)), seed: 3);
        var steps = new Input([null, units]);
        var (token, stateH, stateC) = (new Input([null, target]), new Input([units]), new Input([units]));
        var (stepDecoded, nextH, nextC) = decoderLstm.Call(token, initialState: [stateH, stateC]);
        var decoder = new Model([token, steps, stateH, stateC], [softmax.Call(concatenate.Call(attention.Call(stepDecoded, steps), stepDecoded)), nextH, nextC]);
        var encoder = new Model(sourceInputs, [encoded, h, c]);
        Tensor sources = GradientCheck.Uniform(2, -1, 1, 3, 6, source);

        int[][] decodedIds = GreedyDecoder.Decode(encoder, decoder, sources, startId: 0, endId: 1, maxLength: 5);

        for (int i = 0; i < 3; i++)
            Assert.Equal(TeacherForcedGreedy(training, sources.SliceBatch(i, 1), target, 0, 1, 5, prefix =>
            {
                var oneHot = new Tensor(1, prefix.Count, target);
                for (int t = 0; t < prefix.Count; t++) oneHot[0, t, prefix[t]] = 1;
                return oneHot;
            }), decodedIds[i]);
    }

    [Fact]
    public void A_decoder_that_reads_token_ids_through_an_embedding_is_fed_ids()
    {
        var encoderInputs = new Input([null, 3]);
        var (_, h, c) = new LSTM(4, returnState: true).Call(encoderInputs);
        var decoderInputs = new Input([null], dtype: "int32");
        var embedding = new Embedding(5, 3);
        var decoderLstm = new LSTM(4, returnSequences: true, returnState: true);
        var softmax = new Dense(5, activation: "softmax");
        var (decoded, _, _) = decoderLstm.Call(embedding.Call(decoderInputs), initialState: [h, c]);
        var training = new Model([encoderInputs, decoderInputs], softmax.Call(decoded), seed: 12);
        var token = new Input([null], dtype: "int32");
        var (hIn, cIn) = (new Input([4]), new Input([4]));
        var (step, nextH, nextC) = decoderLstm.Call(embedding.Call(token), initialState: [hIn, cIn]);
        var decoder = new Model([token, hIn, cIn], [softmax.Call(step), nextH, nextC]);
        Tensor sources = GradientCheck.Uniform(13, -2, 2, 6, 4, 3);

        int[][] ids = GreedyDecoder.Decode(new Model(encoderInputs, [h, c]), decoder, sources, startId: 0, endId: 1, maxLength: 5);

        for (int i = 0; i < 6; i++)
            Assert.Equal(TeacherForcedGreedy(training, sources.SliceBatch(i, 1), 5, 0, 1, 5,
                prefix => new Tensor([.. prefix.Select(id => (float)id)], 1, prefix.Count)), ids[i]);
    }

    [Fact]
    public void Decoding_stops_at_the_end_token_or_at_the_maximum_length()
    {
        var seq2seq = new LstmSeq2Seq(sourceTokens: 3, targetTokens: 4, units: 2, seed: 1);
        Tensor source = GradientCheck.Uniform(1, 0, 1, 3, 5, 3);
        Span<float> bias = seq2seq.Softmax.Parameters.Single(p => p.Name.EndsWith("bias")).Value.Span;

        bias[1] = 100;   // token 1 always wins: end at the first step
        Assert.All(GreedyDecoder.Decode(seq2seq.Encoder, seq2seq.Decoder, source, startId: 0, endId: 1, maxLength: 6), Assert.Empty);
        bias[1] = 0;
        bias[3] = 100;   // token 3 always wins: never the end, cut at maxLength
        Assert.All(GreedyDecoder.Decode(seq2seq.Encoder, seq2seq.Decoder, source, startId: 0, endId: 1, maxLength: 6),
            ids => Assert.Equal([3, 3, 3, 3, 3, 3], ids));
    }

    [Fact]
    public void Models_that_do_not_fit_together_are_refused_with_what_each_has()
    {
        var seq2seq = new LstmSeq2Seq(sourceTokens: 3, targetTokens: 4, units: 2, seed: 1);
        Tensor source = GradientCheck.Uniform(1, 0, 1, 2, 5, 3);
        var wrongDecoder = Assert.Throws<ArgumentException>(() => GreedyDecoder.Decode(seq2seq.Encoder, seq2seq.Training, source, 0, 1, 4));
        Assert.Equal("decoder", wrongDecoder.ParamName);
        Assert.Contains("gives 2 outputs (context, then states), so the decoder needs 3 inputs (token, then those) and 1 + k outputs " +
            "(probabilities, then the k ≤ 2 states it updates); 'functional' has 2 and 1", wrongDecoder.Message);

        var features = new Input([3]);
        var encoder = new Model(features, [new Dense(3).Call(features), new Dense(2).Call(features)]);
        var wrongState = Assert.Throws<ArgumentException>(() => GreedyDecoder.Decode(encoder, seq2seq.Decoder, GradientCheck.Uniform(1, 0, 1, 2, 3), 0, 1, 4));
        Assert.Contains("Encoder output 0 has shape (None, 3), but decoder input 1 takes (None, 2)", wrongState.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => GreedyDecoder.Decode(seq2seq.Encoder, seq2seq.Decoder, source, 4, 1, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => GreedyDecoder.Decode(seq2seq.Encoder, seq2seq.Decoder, source, 0, 1, 0));
    }

    // Greedy decoding by teacher forcing on the prefix written so far: the argmax at its last step is the next token.
    private static List<int> TeacherForcedGreedy(Model training, Tensor source, int vocabulary, int startId, int endId, int maxLength,
        Func<List<int>, Tensor> prefixInput)
    {
        var written = new List<int>();
        while (written.Count < maxLength)
        {
            Tensor probabilities = training.Predict([source, prefixInput([startId, .. written])])[0];
            int next = ElementwiseKernels.IndexOfMax(probabilities.Span[^vocabulary..]);
            if (next == endId) break;
            written.Add(next);
        }
        return written;
    }

    // An lstm_seq2seq model after one epoch on 300 dates, so that its probabilities are far from uniform, and 24 other pairs.
    private static (LstmSeq2Seq Model, CharacterTranslation Encoding, TranslationPair[] Pairs) BrieflyTrained(int units, long seed)
    {
        CharacterTranslation encoding = DateTranslation.Encoding;
        var (training, heldOut) = DateTranslation.Generate(300, 24, seed);
        var seq2seq = new LstmSeq2Seq(encoding.SourceVocabulary.Count, encoding.TargetVocabulary.Count, units, seed);
        seq2seq.Training.Compile(new Adam(0.01), ["categorical_crossentropy"]);
        seq2seq.Training.Fit([encoding.EncoderInputs(training), encoding.DecoderInputs(training)], [encoding.DecoderTargets(training)],
            batchSize: 32, epochs: 1, verbose: 0);
        return (seq2seq, encoding, heldOut);
    }
}
