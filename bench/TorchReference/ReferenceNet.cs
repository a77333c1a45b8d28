using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.utils.rnn;

namespace TorchReference;

/// <summary>
/// The reference model, batch_first everywhere, as pytorch_reference.py's Net:
/// one-hot (batch, steps, features) or ids (batch, steps) → Embedding(vocab, features) → LSTM/GRU/RNN(tanh)(units) →
/// the final hidden state (batch, units) → Linear(outputs) logits. Masked configurations go through
/// pack_padded_sequence (enforce_sorted false), or, unpacked, run the padded batch and take the output at each row's last
/// real step (the same numbers for post-padded input).
/// </summary>
internal sealed class ReferenceNet : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly Embedding? embedding;
    private readonly LSTM? lstm;
    private readonly GRU? gru;
    private readonly RNN? rnn;
    private readonly Linear dense;
    private readonly bool _packed, _maskedUnpacked;

    public ReferenceNet(ModelConfig c, bool packed) : base(nameof(ReferenceNet))
    {
        _packed = c.Masked && packed;
        _maskedUnpacked = c.Masked && !packed;
        if (c.Input == "ids") embedding = nn.Embedding(c.Vocab, c.Features);
        switch (c.Cell)
        {
            case "lstm": lstm = nn.LSTM(c.Features, c.Units, batchFirst: true); break;
            case "gru": gru = nn.GRU(c.Features, c.Units, batchFirst: true); break;
            case "simplernn": rnn = nn.RNN(c.Features, c.Units, batchFirst: true); break;
            default: throw new ArgumentException($"Unknown cell \"{c.Cell}\"; expected lstm, gru or simplernn.", nameof(c));
        }
        dense = nn.Linear(c.Units, c.Outputs);
        RegisterComponents();
    }

    /// <summary>x: (batch, steps, features) or (batch, steps) ids; lengths: (batch) int64 → logits (batch, outputs).</summary>
    public override Tensor forward(Tensor x, Tensor lengths)
    {
        if (embedding is not null) x = embedding.call(x);
        if (_packed)
        {
            using PackedSequence packed = pack_padded_sequence(x, lengths, batch_first: true, enforce_sorted: false);
            return dense.call(FinalState(packed));
        }
        (Tensor outputs, Tensor h) = Sequence(x);
        if (_maskedUnpacked) // post-padded: the output at the last real step is the packed run's final state
            return dense.call(outputs[arange(outputs.shape[0]), lengths - 1]);
        return dense.call(h[-1]);
    }

    /// <summary>(batch, steps, features) → outputs (batch, steps, units) and h_n (1, batch, units).</summary>
    private (Tensor Outputs, Tensor H) Sequence(Tensor x)
    {
        if (lstm is not null)
        {
            (Tensor outputs, Tensor h, _) = lstm.call(x);
            return (outputs, h);
        }
        return gru is not null ? gru.call(x) : rnn!.call(x);
    }

    /// <summary>The final hidden state of each sequence, at its own length: h_n[-1] (batch, units).</summary>
    private Tensor FinalState(PackedSequence x)
    {
        PackedSequence outputs;
        Tensor h;
        if (lstm is not null) (outputs, h, _) = lstm.call(x);
        else (outputs, h) = gru is not null ? gru.call(x) : rnn!.call(x);
        outputs.Dispose();
        return h[-1];
    }
}
