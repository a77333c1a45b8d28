using NotebookRnn.Layers;
using TorchSharp;
using static TorchSharp.torch.nn.utils.rnn;

namespace NotebookRnn.TorchSharp.Layers.Recurrent;

/// <summary>
/// A padded batch (no holes) as libtorch's recurrent modules take it: in processing order (reversed for goBackwards)
/// every row's real steps moved to the front, then packed by length, so the module computes no padding. Its outputs go
/// back where the managed recurrent loop puts them: a padded position shows the latest real output before it (zeros
/// before the first), or zeros with zeroOutputForMask; a row without real steps outputs zeros and keeps its initial
/// states.
/// </summary>
/// <remarks>
/// libtorch cannot pack a row of length 0, so such a row runs one step on its first padded input, and
/// <see cref="Alive"/> discards it: its outputs are multiplied by 0 and its final states are the initial ones, so neither
/// its values nor its gradients reach anything.
/// </remarks>
internal sealed class FrontPacking
{
    private readonly int _batch, _steps;
    private readonly int[] _lengths;
    private readonly bool _pre;
    private readonly torch.Device _device;
    private torch.Tensor? _alive;

    private FrontPacking(int[] lengths, int steps, bool pre, torch.Device device)
    {
        (_lengths, _steps, _pre, _device, _batch) = (lengths, steps, pre, device, lengths.Length);
        HasEmptyRows = lengths.Any(l => l == 0);
    }

    /// <summary>The packing of <paramref name="mask"/>, or null when it masks nothing (the module runs the dense batch).</summary>
    /// <exception cref="NotSupportedException">The mask has holes (a Scattered layout), which packing cannot express.</exception>
    public static FrontPacking? For(SequenceMask? mask, bool goBackwards, torch.Device device)
    {
        if (mask is not { HasPadding: true }) return null;
        if (mask.Layout == MaskLayout.Scattered)
            throw new NotSupportedException("A mask with holes (Scattered layout) cannot be packed for a libtorch recurrent module.");
        // Reversed, post-padding puts the padding first and pre-padding last.
        bool pre = (mask.Layout == MaskLayout.Pre) != goBackwards;
        return new FrontPacking(mask.Lengths, mask.Steps, pre, device);
    }

    /// <summary>Whether some row has no real step.</summary>
    public bool HasEmptyRows { get; }

    /// <summary>1 for a row with real steps, 0 for one without, (batch, 1) on the device.</summary>
    public torch.Tensor Alive => _alive ??= torch.tensor(_lengths.Select(l => l > 0 ? 1f : 0f).ToArray(), [_batch, 1], device: _device);

    // Each row's length for libtorch (at least 1), on the host as pack_padded_sequence wants.
    private long[] PackLengths => [.. _lengths.Select(l => (long)Math.Max(l, 1))];

    // x: (batch, steps, features) in processing order → the same with each row's real steps first
    /// <summary>Moves each row's real steps to the front (pre-padded rows rotate left by their padding).</summary>
    public torch.Tensor Front(torch.Tensor x) => _pre ? Gather(x, (b, t) => (t + _steps - Length(b)) % _steps) : x;

    /// <summary>The front-aligned batch packed by length (rows in any order).</summary>
    public PackedSequence Pack(torch.Tensor front)
    {
        using torch.Tensor lengths = torch.tensor(PackLengths);
        return pack_padded_sequence(front, lengths, batch_first: true, enforce_sorted: false);
    }

    // packed: the module's output → (batch, steps, units), each position where the managed loop puts it
    /// <summary>
    /// The module's packed output as the managed loop returns the sequence: real outputs at their positions, padded
    /// positions carrying the latest real output before them (<paramref name="carry"/>) or zeros.
    /// </summary>
    public torch.Tensor Place(PackedSequence output, bool carry)
    {
        (torch.Tensor padded, torch.Tensor lengths) = pad_packed_sequence(output, batch_first: true, total_length: _steps);
        lengths.Dispose();
        // Pre-padding: position p holds real step p − padding, and the zeros past the real steps land in the padding.
        torch.Tensor placed = _pre ? Gather(padded, (b, p) => (p + Length(b)) % _steps)
            : carry ? Gather(padded, (b, t) => Math.Min(t, Length(b) - 1)) : padded;
        return HasEmptyRows ? placed * Alive.unsqueeze(2) : placed;
    }

    /// <summary>A final state as the managed loop gives it: the module's, or the initial state for a row without real steps.</summary>
    public torch.Tensor FinalState(torch.Tensor state, torch.Tensor? initial)
    {
        if (!HasEmptyRows) return state;
        torch.Tensor kept = state * Alive;
        return initial is null ? kept : kept + initial * (1 - Alive);
    }

    /// <summary>The last output: the final h, or zeros for a row without real steps.</summary>
    public torch.Tensor LastOutput(torch.Tensor finalH) => HasEmptyRows ? finalH * Alive : finalH;

    private int Length(int row) => Math.Max(_lengths[row], 1);

    // y[b, t, :] = x[b, source(b, t), :]
    private torch.Tensor Gather(torch.Tensor x, Func<int, int, int> source)
    {
        var index = new long[_batch * _steps];
        for (int b = 0; b < _batch; b++)
            for (int t = 0; t < _steps; t++) index[b * _steps + t] = source(b, t);
        using torch.Tensor rows = torch.tensor(index, [_batch, _steps, 1], device: _device);
        using torch.Tensor expanded = rows.expand(_batch, _steps, x.shape[2]);
        return x.gather(1, expanded);
    }
}
