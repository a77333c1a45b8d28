using NotebookRnn.Data;
using NotebookRnn.Kernels;
using NotebookRnn.Layers;
using NotebookRnn.Sequences;

namespace NotebookRnn.Notebook;

/// <summary>
/// A <see cref="PaddingReport"/> together with the mask of one batch, so that the padding view can draw that batch as
/// a heatmap (rows = samples, columns = steps, real or padding). <see cref="Renderers.Render"/> draws a bare report
/// without the heatmap, because a report keeps only the sorted lengths, not which sample has which.
/// </summary>
/// <param name="Report">The report drawn as histogram, strategy bars and text.</param>
/// <param name="Batch">The mask of the batch drawn as heatmap; null for none.</param>
public sealed record PaddingView(PaddingReport Report, SequenceMask? Batch = null)
{
    /// <summary>Samples in the heatmap batch when none is given: Keras's default batch size.</summary>
    public const int DefaultBatchSize = 32;

    /// <summary>
    /// Analyses <paramref name="lengths"/> (<see cref="PaddingReport.Analyse(IReadOnlyList{int}, int?, NotebookRnn.Layers.Padding, NotebookRnn.Sequences.Truncating, int, double, int)"/>)
    /// and takes the first <paramref name="batchSize"/> samples, padded to the report's <c>MaxLen</c> on the
    /// <paramref name="padding"/> side (<see cref="SequenceMask.FromLengths"/>, as <c>PadSequences</c> pads), as the heatmap batch.
    /// </summary>
    /// <param name="lengths">Length of each sequence, in data order; at least one.</param>
    /// <param name="maxLen">Row length to evaluate; null = the longest.</param>
    /// <param name="padding">Padding side; default pre (Keras).</param>
    /// <param name="truncating">Truncation side; default pre (Keras).</param>
    /// <param name="buckets">Buckets of the auto-bucket strategy, ≥ 1; default 4.</param>
    /// <param name="batchSize">Samples in the heatmap, ≥ 1; default 32.</param>
    /// <exception cref="ArgumentException">The lengths are empty or negative, or another argument is out of range.</exception>
    public static PaddingView FromLengths(IReadOnlyList<int> lengths, int? maxLen = null, Padding padding = Padding.Pre,
        Truncating truncating = Truncating.Pre, int buckets = 4, int batchSize = DefaultBatchSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        PaddingReport report = PaddingReport.Analyse(lengths, maxLen, padding, truncating, buckets);
        int[] kept = [.. lengths.Take(batchSize).Select(l => Math.Min(l, report.MaxLen))];
        return new PaddingView(report, SequenceMask.FromLengths(kept, report.MaxLen, padding));
    }

    /// <summary>
    /// The view of sequences padded already: the report of their original lengths at their own maxLen, padding and
    /// truncation sides, and their own mask (the exact padding they hold) for the first <paramref name="batchSize"/> samples.
    /// </summary>
    /// <param name="padded">The padded sequences.</param>
    /// <param name="buckets">Buckets of the auto-bucket strategy, ≥ 1; default 4.</param>
    /// <param name="batchSize">Samples in the heatmap, ≥ 1; default 32.</param>
    public static PaddingView FromPadded(PaddedSequences padded, int buckets = 4, int batchSize = DefaultBatchSize)
    {
        ArgumentNullException.ThrowIfNull(padded);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        PaddingReport report = PaddingReport.Analyse(padded.OriginalLengths, padded.MaxLen, padded.Padding, padded.Truncating, buckets);
        int[] first = [.. Enumerable.Range(0, Math.Min(batchSize, padded.Lengths.Length))];
        return new PaddingView(report, padded.Mask.Gather(first));
    }
}
