namespace NotebookRnn.Sequences;

/// <summary>One bin of <see cref="PaddingReport.Histogram"/>: how many sequences have a length in <c>[Lower, Upper)</c>.</summary>
/// <param name="Lower">Smallest length in the bin (inclusive).</param>
/// <param name="Upper">End of the bin (exclusive).</param>
/// <param name="Count">Number of sequences whose length lies in the bin.</param>
public sealed record LengthHistogramBin(int Lower, int Upper, int Count);
