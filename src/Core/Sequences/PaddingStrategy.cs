namespace NotebookRnn.Sequences;

/// <summary>A way of batching variable-length sequences, as compared by <see cref="PaddingReport"/>.</summary>
public enum PaddingStrategy
{
    /// <summary>Every sequence padded to the longest one; nothing truncated.</summary>
    Longest,

    /// <summary>Every sequence padded or truncated to a length percentile (rounded up), e.g. p95.</summary>
    Percentile,

    /// <summary>Every sequence padded or truncated to the requested <c>maxLen</c>.</summary>
    MaxLen,

    /// <summary>Sequences split into length buckets (<see cref="Sequences.AutoBuckets"/>), each padded to its longest.</summary>
    AutoBuckets,

    /// <summary>No padding at all: only real tokens are computed (the lower bound).</summary>
    Packed,
}
