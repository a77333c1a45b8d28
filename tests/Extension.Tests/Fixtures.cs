using NotebookRnn.Notebook.Charts;
using NotebookRnn.Devices;
using NotebookRnn.Kernels;
using NotebookRnn.Layers;
using NotebookRnn.Layers.Recurrent;
using NotebookRnn.Layers.Wrappers;
using NotebookRnn.Models;
using NotebookRnn.Sequences;
using NotebookRnn.Tensors;
using NotebookRnn.Training;

namespace NotebookRnn.Notebook.Tests;

/// <summary>Small deterministic objects the view and magic tests draw.</summary>
internal static class Fixtures
{
    /// <summary>Render options with counting ids (<c>nbrnn-test-1</c>, …), so approval files are stable.</summary>
    public static RenderOptions Options() => RenderOptions.WithCountingIds();

    /// <summary>40 lengths from 2 to 40: a long tail, so bucketing and p95 differ from the longest.</summary>
    public static int[] Lengths { get; } = [.. Enumerable.Range(0, 40).Select(i => 2 + i * 37 % 23 + (i % 7 == 0 ? 20 : 0))];

    /// <summary>Token-id sequences of <see cref="Lengths"/> (ids 1 … 9, never the padding id 0).</summary>
    public static int[][] Tokens() => [.. Lengths.Select((length, i) => Enumerable.Range(0, length).Select(t => 1 + (i + t) % 9).ToArray())];

    /// <summary>Embedding(maskZero) → LSTM(3) → Dense(2, softmax), built for ragged token ids (time dimension None).</summary>
    public static Sequential MaskedModel()
    {
        var model = new Sequential(name: "masked", seed: 7);
        model.Add(new Embedding(10, 4, maskZero: true, name: "embedding"));
        model.Add(new LSTM(3, name: "lstm"));
        model.Add(new Dense(2, activation: "softmax", name: "dense"));
        model.Build([null]);
        return model;
    }

    /// <summary>An LSTM(3) over (steps, 2) inputs that has run one batch with the given lengths and padding.</summary>
    public static LSTM LstmAfterBatch(int[] lengths, int steps, Padding padding, bool packing = true, bool unroll = false,
        bool goBackwards = false)
    {
        var lstm = new LSTM(3, unroll: unroll, goBackwards: goBackwards, inputShape: [steps, 2], name: "lstm") { Packing = packing };
        _ = new Sequential([lstm], seed: 3);
        lstm.Call(new Tensor(lengths.Length, steps, 2), SequenceMask.FromLengths(lengths, steps, padding));
        return lstm;
    }

    /// <summary>The recurrent layers <see cref="RecurrentAfterBatch"/> builds: every way an unroll graph's rows are laid out.</summary>
    public enum Recurrent
    {
        /// <summary>LSTM(3), packed, one loop: a loop node left of the cells.</summary>
        Lstm,

        /// <summary>GRU(3), packed, unroll: true: h₀ and a state arrow into every cell.</summary>
        UnrolledGru,

        /// <summary>LSTM(3) with packing off: every step computed, padding greyed.</summary>
        DenseMaskedLstm,

        /// <summary>Bidirectional(LSTM(3), unroll: true): two rows, the backward one with h₀ right of its cells.</summary>
        UnrolledBidirectionalLstm,

        /// <summary>Bidirectional(GRU(3)), one loop each way.</summary>
        BidirectionalGru,
    }

    /// <summary>
    /// A layer of the given kind that has run one batch of <paramref name="batch"/> post-padded sequences over
    /// <paramref name="steps"/> + <paramref name="notRunSteps"/> time steps: row 0 is <paramref name="steps"/> long,
    /// the others 1 … <paramref name="steps"/>, so a packed loop runs <paramref name="steps"/> steps and never the last
    /// <paramref name="notRunSteps"/>.
    /// </summary>
    public static Layer RecurrentAfterBatch(Recurrent kind, int steps, int notRunSteps = 0, int batch = 3)
    {
        int time = steps + notRunSteps;
        Layer layer = kind switch
        {
            Recurrent.Lstm => new LSTM(3, inputShape: [time, 2], name: "lstm"),
            Recurrent.UnrolledGru => new GRU(3, unroll: true, inputShape: [time, 2], name: "gru"),
            Recurrent.DenseMaskedLstm => new LSTM(3, inputShape: [time, 2], name: "lstm") { Packing = false },
            Recurrent.UnrolledBidirectionalLstm => new Bidirectional(new LSTM(3, unroll: true), inputShape: [time, 2], name: "bi"),
            _ => new Bidirectional(new GRU(3), inputShape: [time, 2], name: "bi"),
        };
        _ = new Sequential([layer], seed: 11);
        int[] lengths = [.. Enumerable.Range(0, batch).Select(i => i == 0 ? steps : 1 + i * 7 % steps)];
        layer.Forward(new Tensor(batch, time, 2), SequenceMask.FromLengths(lengths, time, Padding.Post), training: false);
        return layer;
    }

    /// <summary>
    /// A two-epoch, three-batch-per-epoch history on two devices with fixed numbers: loss 1.0 − 0.1·k per batch k,
    /// cpu:0 and cpu:1 sharing each batch of 8 samples, cpu:1 waiting 2 ms for cpu:0.
    /// </summary>
    public static History TwoDeviceHistory(string? label = null, double lossOffset = 0)
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

    /// <summary>The traces of a figure of the given title among <paramref name="figures"/>.</summary>
    public static Figure Figure(IEnumerable<Figure> figures, string title) => figures.Single(f => f.Title == title);

    /// <summary>Number of occurrences of <paramref name="part"/> in <paramref name="text"/>.</summary>
    public static int Count(string text, string part)
    {
        int count = 0;
        for (int at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal)) count++;
        return count;
    }
}
