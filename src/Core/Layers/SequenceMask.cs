using NotebookRnn.Kernels;
using NotebookRnn.Data;
using NotebookRnn.Sequences;

namespace NotebookRnn.Layers;

/// <summary>
/// Which steps of a (batch, steps) block are real, held as each row's real length and the <see cref="Layout"/>:
/// with <see cref="MaskLayout.Post"/> row b's real steps are <c>[0, Lengths[b])</c>, with <see cref="MaskLayout.Pre"/>
/// <c>[steps − Lengths[b], steps)</c>. Flags are the representation only when some row has a hole
/// (<see cref="MaskLayout.Scattered"/>: a zero id inside a sequence under <c>Embedding(maskZero: true)</c>, Keras's
/// semantics); otherwise <see cref="Flags"/> are made on request.
/// </summary>
/// <remarks>
/// Producers know the lengths and hand them on: <c>PadSequences</c> and ragged input through
/// <see cref="FromLengths"/>, <c>Embedding(maskZero: true)</c> and <c>Masking</c> from one scan of their input. The
/// recurrent loop orders and packs rows by these lengths, and the loss weighs real steps from them.
/// </remarks>
public sealed class SequenceMask
{
    private readonly int[] _lengths;
    // Row-major (batch, steps) flags: the mask itself when the layout is Scattered, else a view made on request.
    private bool[]? _flags;

    /// <summary>Creates a mask from a row-major (batch, steps) array of flags (true = real step).</summary>
    /// <exception cref="ArgumentException"><paramref name="valid"/> does not hold batch × steps flags.</exception>
    public SequenceMask(bool[] valid, int batch, int steps)
    {
        ArgumentNullException.ThrowIfNull(valid);
        if (batch < 0 || steps < 0 || valid.Length != batch * steps)
            throw new ArgumentException(
                $"Expected {batch} × {steps} = {batch * steps} flags, got {valid.Length}.", nameof(valid));
        Batch = batch;
        Steps = steps;
        _lengths = new int[batch];
        int[] first = new int[batch], last = new int[batch];
        for (int row = 0; row < batch; row++)
        {
            ReadOnlySpan<bool> flags = valid.AsSpan(row * steps, steps);
            _lengths[row] = flags.Count(true);
            first[row] = flags.IndexOf(true);
            last[row] = flags.LastIndexOf(true);
        }
        Layout = Classify(_lengths, first, last, steps);
        _flags = Layout == MaskLayout.Scattered ? valid : null;
        RealSteps = _lengths.Sum();
    }

    private SequenceMask(int[] lengths, int steps, MaskLayout layout, bool[]? flags)
    {
        Batch = lengths.Length;
        Steps = steps;
        _lengths = lengths;
        Layout = layout;
        _flags = flags;
        RealSteps = lengths.Sum();
    }

    /// <summary>Number of sequences (rows).</summary>
    public int Batch { get; }

    /// <summary>Number of steps (columns).</summary>
    public int Steps { get; }

    /// <summary>Real steps per row.</summary>
    public int[] Lengths => _lengths;

    /// <summary>Whether every row's real steps are contiguous at the start, at the end, or neither.</summary>
    public MaskLayout Layout { get; }

    /// <summary>Whether any step is masked.</summary>
    public bool HasPadding => Layout != MaskLayout.Full;

    /// <summary>Number of real steps in the whole batch.</summary>
    public int RealSteps { get; }

    /// <summary>Whether step <paramref name="step"/> of row <paramref name="row"/> is real.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The row or step is outside the mask.</exception>
    public bool IsValid(int row, int step)
    {
        if ((uint)row >= (uint)Batch) throw new ArgumentOutOfRangeException(nameof(row), row, $"Expected a row in [0, {Batch}).");
        if ((uint)step >= (uint)Steps) throw new ArgumentOutOfRangeException(nameof(step), step, $"Expected a step in [0, {Steps}).");
        return Layout switch
        {
            MaskLayout.Full => true,
            MaskLayout.Post => step < _lengths[row],
            MaskLayout.Pre => step >= Steps - _lengths[row],
            _ => _flags![row * Steps + step],
        };
    }

    /// <summary>The flags in row-major (batch, steps) order (made from the lengths on first use unless the mask has holes).</summary>
    public ReadOnlySpan<bool> Flags => _flags ??= ExpandFlags();

    /// <summary>A mask whose rows have the given <paramref name="lengths"/>, padded on the given side.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A length is negative or exceeds <paramref name="steps"/>.</exception>
    public static SequenceMask FromLengths(IReadOnlyList<int> lengths, int steps, Padding padding)
    {
        var copy = new int[lengths.Count];
        for (int row = 0; row < copy.Length; row++)
        {
            int length = lengths[row];
            if (length < 0 || length > steps)
                throw new ArgumentOutOfRangeException(nameof(lengths),
                    $"Length of sequence {row} must be in [0, {steps}], got {length}.");
            copy[row] = length;
        }
        return new SequenceMask(copy, steps, ContiguousLayout(copy, steps, padding), null);
    }

    /// <summary>The rows listed in <paramref name="rows"/>, in that order.</summary>
    public SequenceMask Gather(ReadOnlySpan<int> rows)
    {
        if (Layout == MaskLayout.Scattered)
        {
            var valid = new bool[rows.Length * Steps];
            for (int i = 0; i < rows.Length; i++)
                _flags.AsSpan(rows[i] * Steps, Steps).CopyTo(valid.AsSpan(i * Steps, Steps));
            return new SequenceMask(valid, rows.Length, Steps);
        }
        var lengths = new int[rows.Length];
        for (int i = 0; i < rows.Length; i++) lengths[i] = _lengths[rows[i]];
        return new SequenceMask(lengths, Steps, ContiguousLayout(lengths, Steps, Layout == MaskLayout.Pre ? Padding.Pre : Padding.Post), null);
    }

    /// <summary>
    /// The mask of a row-major (batch, steps, width) block in which a padding step holds <paramref name="padValue"/> in
    /// every one of its <paramref name="width"/> values: lengths and layout from one scan, flags only when a row has a hole.
    /// </summary>
    internal static SequenceMask OfSteps(ReadOnlySpan<float> block, int batch, int steps, int width, float padValue)
    {
        int[] lengths = new int[batch], first = new int[batch], last = new int[batch];
        StepKernels.Extents(block, steps, width, padValue, lengths, first, last);
        MaskLayout layout = Classify(lengths, first, last, steps);
        bool[]? flags = null;
        if (layout == MaskLayout.Scattered) StepKernels.Flags(block, width, padValue, flags = new bool[batch * steps]);
        return new SequenceMask(lengths, steps, layout, flags);
    }

    /// <summary>The steps real in both this mask and <paramref name="other"/> (this mask when other is null).</summary>
    /// <exception cref="ArgumentException">The masks differ in shape.</exception>
    internal SequenceMask Intersect(SequenceMask? other)
    {
        if (other is null) return this;
        if (other.Batch != Batch || other.Steps != Steps)
            throw new ArgumentException($"Cannot combine a mask of {Batch} × {Steps} steps with one of {other.Batch} × {other.Steps}.", nameof(other));
        if (Layout == MaskLayout.Full) return other;
        if (other.Layout == MaskLayout.Full) return this;
        if (Layout == other.Layout && Layout != MaskLayout.Scattered)
        {
            var lengths = new int[Batch];
            for (int row = 0; row < Batch; row++) lengths[row] = Math.Min(_lengths[row], other._lengths[row]);
            return new SequenceMask(lengths, Steps, ContiguousLayout(lengths, Steps, Layout == MaskLayout.Pre ? Padding.Pre : Padding.Post), null);
        }
        var both = new bool[Batch * Steps];
        StepKernels.And(Flags, other.Flags, both);
        return new SequenceMask(both, Batch, Steps);
    }

    /// <summary>The steps real in this mask or in <paramref name="other"/> (Keras's <c>logical_or</c> of merged inputs' masks).</summary>
    /// <exception cref="ArgumentException">The masks differ in shape.</exception>
    internal SequenceMask Union(SequenceMask other)
    {
        if (other.Batch != Batch || other.Steps != Steps)
            throw new ArgumentException($"Cannot combine a mask of {Batch} × {Steps} steps with one of {other.Batch} × {other.Steps}.", nameof(other));
        if (Layout == MaskLayout.Full) return this;
        if (other.Layout == MaskLayout.Full) return other;
        if (Layout == other.Layout && Layout != MaskLayout.Scattered)
        {
            var lengths = new int[Batch];
            for (int row = 0; row < Batch; row++) lengths[row] = Math.Max(_lengths[row], other._lengths[row]);
            return new SequenceMask(lengths, Steps, ContiguousLayout(lengths, Steps, Layout == MaskLayout.Pre ? Padding.Pre : Padding.Post), null);
        }
        var either = new bool[Batch * Steps];
        StepKernels.Or(Flags, other.Flags, either);
        return new SequenceMask(either, Batch, Steps);
    }

    /// <summary>The first real step of <paramref name="row"/> when its real steps are contiguous (every layout but Scattered).</summary>
    internal int FirstStep(int row) => Layout == MaskLayout.Pre ? Steps - _lengths[row] : 0;

    /// <summary>Writes 1 for every real step and 0 for every padded one into <paramref name="weights"/>, (batch, steps) row-major.</summary>
    internal void WriteStepWeights(Span<float> weights)
    {
        if (Layout == MaskLayout.Scattered)
        {
            StepKernels.Indicator(_flags, weights);
            return;
        }
        for (int row = 0; row < Batch; row++)
        {
            Span<float> steps = weights.Slice(row * Steps, Steps);
            steps.Clear();
            steps.Slice(FirstStep(row), _lengths[row]).Fill(1);
        }
    }

    private bool[] ExpandFlags()
    {
        var flags = new bool[Batch * Steps];
        for (int row = 0; row < Batch; row++) flags.AsSpan(row * Steps + FirstStep(row), _lengths[row]).Fill(true);
        return flags;
    }

    // A row of length 0 or steps is padded on both sides; Post is named when every row fits it.
    private static MaskLayout ContiguousLayout(int[] lengths, int steps, Padding padding)
    {
        bool padded = false, bothSides = true;
        foreach (int length in lengths)
        {
            if (length == steps) continue;
            padded = true;
            bothSides &= length == 0;
        }
        return !padded ? MaskLayout.Full : padding == Padding.Post || bothSides ? MaskLayout.Post : MaskLayout.Pre;
    }

    // first/last: each row's first and last real step (first −1 or ≥ steps, last −1 when none).
    private static MaskLayout Classify(int[] lengths, int[] first, int[] last, int steps)
    {
        bool padded = false, prefix = true, suffix = true;
        for (int row = 0; row < lengths.Length; row++)
        {
            int length = lengths[row];
            if (length == steps) continue;
            padded = true;
            if (length == 0) continue;
            bool contiguous = last[row] - first[row] + 1 == length;
            prefix &= contiguous && first[row] == 0;
            suffix &= contiguous && last[row] == steps - 1;
        }
        if (!padded) return MaskLayout.Full;
        if (prefix) return MaskLayout.Post;
        return suffix ? MaskLayout.Pre : MaskLayout.Scattered;
    }
}
