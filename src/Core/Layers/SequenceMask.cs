using System.Runtime.CompilerServices;

namespace NotebookRnn;

/// <summary>
/// Which steps of a (batch, time) block are real. Produced by <c>Embedding(maskZero: true)</c>, <c>Masking</c>,
/// ragged input and sequence lengths; consumed by layers that support masking.
/// </summary>
public sealed class SequenceMask
{
    private readonly bool[] _valid;

    /// <summary>Creates a mask from a row-major (batch, steps) array of flags (true = real step).</summary>
    /// <exception cref="ArgumentException"><paramref name="valid"/> does not hold batch × steps flags.</exception>
    public SequenceMask(bool[] valid, int batch, int steps)
    {
        ArgumentNullException.ThrowIfNull(valid);
        if (batch < 0 || steps < 0 || valid.Length != batch * steps)
            throw new ArgumentException(
                $"Expected {batch} × {steps} = {batch * steps} flags, got {valid.Length}.", nameof(valid));
        _valid = valid;
        Batch = batch;
        Steps = steps;
        Lengths = new int[batch];
        Layout = Analyse(out bool anyPadding);
        HasPadding = anyPadding;
    }

    /// <summary>Number of sequences (rows).</summary>
    public int Batch { get; }

    /// <summary>Number of steps (columns).</summary>
    public int Steps { get; }

    /// <summary>Real steps per row.</summary>
    public int[] Lengths { get; }

    /// <summary>Whether every row's real steps are contiguous at the start, at the end, or neither.</summary>
    public MaskLayout Layout { get; }

    /// <summary>Whether any step is masked.</summary>
    public bool HasPadding { get; }

    /// <summary>Number of real steps in the whole batch.</summary>
    public int RealSteps => Lengths.Sum();

    /// <summary>Whether step <paramref name="step"/> of row <paramref name="row"/> is real.</summary>
    public bool IsValid(int row, int step) => _valid[row * Steps + step];

    /// <summary>The flags in row-major (batch, steps) order.</summary>
    public ReadOnlySpan<bool> Flags => _valid;

    // The per-batch loops here are AggressiveOptimization: fully optimised from their first call, not tier-0 code that a
    // busy notebook kernel would keep running for epochs (issue 13).
    /// <summary>A mask whose rows have the given <paramref name="lengths"/>, padded on the given side.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A length is negative or exceeds <paramref name="steps"/>.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static SequenceMask FromLengths(IReadOnlyList<int> lengths, int steps, Padding padding)
    {
        var valid = new bool[lengths.Count * steps];
        for (int row = 0; row < lengths.Count; row++)
        {
            int length = lengths[row];
            if (length < 0 || length > steps)
                throw new ArgumentOutOfRangeException(nameof(lengths),
                    $"Length of sequence {row} must be in [0, {steps}], got {length}.");
            int first = padding == Padding.Post ? 0 : steps - length;
            valid.AsSpan(row * steps + first, length).Fill(true);
        }
        return new SequenceMask(valid, lengths.Count, steps);
    }

    /// <summary>The rows listed in <paramref name="rows"/>, in that order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public SequenceMask Gather(ReadOnlySpan<int> rows)
    {
        var valid = new bool[rows.Length * Steps];
        for (int i = 0; i < rows.Length; i++)
            _valid.AsSpan(rows[i] * Steps, Steps).CopyTo(valid.AsSpan(i * Steps, Steps));
        return new SequenceMask(valid, rows.Length, Steps);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private MaskLayout Analyse(out bool anyPadding)
    {
        bool allPrefix = true, allSuffix = true;
        anyPadding = false;
        for (int row = 0; row < Batch; row++)
        {
            ReadOnlySpan<bool> flags = _valid.AsSpan(row * Steps, Steps);
            int length = 0;
            foreach (bool f in flags) if (f) length++;
            Lengths[row] = length;
            if (length == Steps) continue;
            anyPadding = true;
            allPrefix &= !flags[length..].Contains(true);
            allSuffix &= !flags[..(Steps - length)].Contains(true);
        }
        if (!anyPadding) return MaskLayout.Full;
        if (allPrefix) return MaskLayout.Post;
        return allSuffix ? MaskLayout.Pre : MaskLayout.Scattered;
    }
}

/// <summary>How the real steps of a <see cref="SequenceMask"/> are arranged.</summary>
public enum MaskLayout
{
    /// <summary>No step is masked.</summary>
    Full,

    /// <summary>Each row's real steps come first (post-padding).</summary>
    Post,

    /// <summary>Each row's real steps come last (pre-padding).</summary>
    Pre,

    /// <summary>Masked steps appear between real ones in some row.</summary>
    Scattered,
}
