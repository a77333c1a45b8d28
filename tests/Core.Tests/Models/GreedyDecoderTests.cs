using NotebookRnn.Datasets;
using NotebookRnn.Kernels;
using NotebookRnn.Layers;
using NotebookRnn.Layers.Functional;
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

        for (int i = 0; i < pairs.Length; i++)
        {
            // Teacher forcing on the prefix written so far: the argmax at its last step is the next token.
            var written = new List<int>();
            Tensor source = encoderInputs.SliceBatch(i, 1);
            while (written.Count < 12)
            {
                var prefix = new Tensor(1, written.Count + 1, encoding.TargetVocabulary.Count);
                foreach (var (id, t) in written.Prepend(encoding.StartId).Select((id, t) => (id, t))) prefix[0, t, id] = 1;
                Tensor probabilities = seq2seq.Training.Predict([source, prefix])[0];
                int next = ElementwiseKernels.IndexOfMax(probabilities.Span[^encoding.TargetVocabulary.Count..]);
                if (next == encoding.EndId) break;
                written.Add(next);
            }
            Assert.Equal(written, decoded[i]);
        }
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
        Assert.Contains("gives 2 states, so the decoder needs 3 inputs (token, states) and 3 outputs (probabilities, states); 'functional' has 2 and 1",
            wrongDecoder.Message);

        var features = new Input([3]);
        var encoder = new Model(features, [new Dense(3).Call(features), new Dense(2).Call(features)]);
        var wrongState = Assert.Throws<ArgumentException>(() => GreedyDecoder.Decode(encoder, seq2seq.Decoder, GradientCheck.Uniform(1, 0, 1, 2, 3), 0, 1, 4));
        Assert.Contains("Encoder state 0 has shape (None, 3), but decoder input 1 takes (None, 2)", wrongState.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => GreedyDecoder.Decode(seq2seq.Encoder, seq2seq.Decoder, source, 4, 1, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => GreedyDecoder.Decode(seq2seq.Encoder, seq2seq.Decoder, source, 0, 1, 0));
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
