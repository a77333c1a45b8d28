namespace NotebookRnn.Notebook.Kernel.Tests;

/// <summary>C# cells the tests submit: small deterministic objects, declared in the kernel as a notebook declares them.</summary>
internal static class KernelCode
{
    /// <summary>
    /// The objects of the extension's unit tests (tests/Extension.Tests/Fixtures.cs), and <c>ViewOf(value)</c>: the
    /// forms of our view of a value, as <see cref="Renderers.Render"/> draws it in the kernel.
    /// </summary>
    public const string Fixtures = """
        using NotebookRnn.Notebook;

        // 40 lengths from 2 to 40: a long tail, so bucketing and p95 differ from the longest.
        int[] lengths = Enumerable.Range(0, 40).Select(i => 2 + i * 37 % 23 + (i % 7 == 0 ? 20 : 0)).ToArray();

        // Token-id sequences of those lengths (ids 1 … 9, never the padding id 0).
        int[][] Tokens() => lengths.Select((length, i) => Enumerable.Range(0, length).Select(t => 1 + (i + t) % 9).ToArray()).ToArray();

        // Embedding(maskZero) → LSTM(3) → Dense(2, softmax), built for ragged token ids.
        Sequential MaskedModel()
        {
            var model = new Sequential(name: "masked", seed: 7);
            model.Add(new Embedding(10, 4, maskZero: true, name: "embedding"));
            model.Add(new LSTM(3, name: "lstm"));
            model.Add(new Dense(2, activation: "softmax", name: "dense"));
            model.Build([null]);
            return model;
        }

        // Keras's lstm_seq2seq, masked: token ids → Embedding(maskZero) → LSTM(3, returnState) hands (h, c) to a decoder
        // LSTM(3, returnSequences) on Masking'd vectors of 5 features → Dense(5, softmax) (tests/Extension.Tests/GraphFixtures.cs).
        Model Seq2Seq()
        {
            var encoderTokens = new Input([null], name: "encoder_tokens", dtype: "int32");
            var embedded = new Embedding(10, 4, maskZero: true, name: "encoder_embedding").Call(encoderTokens);
            var (_, h, c) = new LSTM(3, returnState: true, name: "encoder").Call(embedded);
            var decoderInputs = new Input([null, 5], name: "decoder_inputs");
            var masked = new Masking(name: "decoder_masking").Call(decoderInputs);
            var decoded = new LSTM(3, returnSequences: true, name: "decoder").Call(masked, initialState: [h, c]);
            return new Model([encoderTokens, decoderInputs], new Dense(5, activation: "softmax", name: "softmax").Call(decoded), name: "seq2seq", seed: 7);
        }

        // The encoder's ids (3 and 6 real steps of 6) and the decoder's vectors (4 steps) of a batch of two.
        Tensor[] Seq2SeqBatch() =>
            [new Tensor([1, 2, 3, 0, 0, 0, 4, 5, 6, 7, 8, 9], 2, 6), new Tensor(Enumerable.Range(0, 40).Select(i => 0.1f * (1 + i % 7)).ToArray(), 2, 4, 5)];

        // The masked model after a batch of the first five sequences.
        Sequential TrainedModel()
        {
            Sequential model = MaskedModel();
            model.Predict(Tokens()[..5], batchSize: 5);
            return model;
        }

        // A layer of a one-layer model that has run one batch of two samples of 4 steps of 2 features.
        T Ran<T>(T layer) where T : Layer
        {
            new Sequential([layer], seed: 3).Predict(new Tensor(2, 4, 2));
            return layer;
        }

        // A two-epoch, three-batch history on two devices with fixed numbers.
        History TwoDeviceHistory(string label = null, double lossOffset = 0)
        {
            var history = new History(8, 2, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), ["cpu:0", "cpu:1"]) { Label = label };
            int k = 0;
            for (int epoch = 0; epoch < 2; epoch++)
            {
                for (int batch = 0; batch < 3; batch++, k++)
                {
                    double loss = 1.0 - 0.1 * k + lossOffset;
                    history.AddBatch(new BatchRecord(epoch, batch, 8, new Dictionary<string, double> { ["loss"] = loss, ["accuracy"] = 0.5 + 0.05 * k },
                        TimeSpan.FromMilliseconds(10),
                        [
                            new DeviceBatchRecord("cpu:0", 4, 40, 8, loss + 0.01, TimeSpan.FromMilliseconds(8), TimeSpan.Zero),
                            new DeviceBatchRecord("cpu:1", 4, 36, 12, loss - 0.01, TimeSpan.FromMilliseconds(6), TimeSpan.FromMilliseconds(2)),
                        ]));
                }
                history.AddEpoch(new EpochRecord(epoch,
                    new Dictionary<string, double> { ["loss"] = 0.9 - 0.3 * epoch + lossOffset, ["accuracy"] = 0.55 + 0.15 * epoch, ["val_loss"] = 0.95 - 0.25 * epoch + lossOffset, ["val_accuracy"] = 0.5 + 0.1 * epoch },
                    TimeSpan.FromMilliseconds(40), 24, 800));
            }
            return history;
        }

        // The forms of our view of a value, richest first.
        (string MimeType, string Content)[] ViewOf(object value)
        {
            MimeBundle bundle = Renderers.Render(value);
            return bundle.MimeTypes.Select(m => (m, bundle[m])).ToArray();
        }
        """;
}
