using System.Globalization;
using System.Text;
using NotebookRnn.Tensors;

namespace NotebookRnn.Layers.Attention;

/// <summary>
/// One sample's attention distribution with its labels: row i is how query step i (e.g. the i-th character a decoder
/// wrote) spread its attention over the value steps (e.g. the source characters). Read from the attention scores an
/// <see cref="Attention"/> or <see cref="AdditiveAttention"/> returns with <c>returnAttentionScores: true</c>; the
/// notebook extension draws it as a heatmap.
/// </summary>
public sealed record AttentionMap
{
    private readonly float[] _weights;

    /// <summary>Creates a map from labels and a (Tq, Tv) grid of weights, Tq = query labels, Tv = value labels.</summary>
    /// <param name="queryLabels">The label of each query step (a row), in order.</param>
    /// <param name="valueLabels">The label of each value step (a column), in order.</param>
    /// <param name="weights">Weights[i, j]: the attention query step i pays to value step j; finite, in [0, 1].</param>
    /// <exception cref="ArgumentException">A label list is empty, the grid is not (queries, values), or a weight is not in [0, 1].</exception>
    public AttentionMap(IReadOnlyList<string> queryLabels, IReadOnlyList<string> valueLabels, float[,] weights)
    {
        ArgumentNullException.ThrowIfNull(queryLabels);
        ArgumentNullException.ThrowIfNull(valueLabels);
        ArgumentNullException.ThrowIfNull(weights);
        if (queryLabels.Count == 0) throw new ArgumentException("Invalid queryLabels: expected at least one label, got none.", nameof(queryLabels));
        if (valueLabels.Count == 0) throw new ArgumentException("Invalid valueLabels: expected at least one label, got none.", nameof(valueLabels));
        if (weights.GetLength(0) != queryLabels.Count || weights.GetLength(1) != valueLabels.Count)
            throw new ArgumentException($"Invalid weights: expected shape ({queryLabels.Count}, {valueLabels.Count}) (query labels, value labels), " +
                                        $"got ({weights.GetLength(0)}, {weights.GetLength(1)}).", nameof(weights));
        _weights = new float[weights.Length];
        int k = 0;
        foreach (float weight in weights)
        {
            if (!(weight >= 0 && weight <= 1))
                throw new ArgumentException($"Invalid weights: expected attention weights in [0, 1], got {weight.ToString(CultureInfo.InvariantCulture)} " +
                                            $"at ({k / valueLabels.Count}, {k % valueLabels.Count}).", nameof(weights));
            _weights[k++] = weight;
        }
        QueryLabels = [.. queryLabels];
        ValueLabels = [.. valueLabels];
    }

    /// <summary>The label of each query step: the rows, Tq of them.</summary>
    public IReadOnlyList<string> QueryLabels { get; }

    /// <summary>The label of each value (and key) step: the columns, Tv of them.</summary>
    public IReadOnlyList<string> ValueLabels { get; }

    /// <summary>Number of query steps (rows), Tq.</summary>
    public int Queries => QueryLabels.Count;

    /// <summary>Number of value steps (columns), Tv.</summary>
    public int Values => ValueLabels.Count;

    /// <summary>The attention query step <paramref name="query"/> pays to value step <paramref name="value"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A step is outside the map.</exception>
    public float Weight(int query, int value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(query);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(query, Queries);
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(value, Values);
        return _weights[query * Values + value];
    }

    /// <summary>The value step query step <paramref name="query"/> attends to most (the first of equal weights).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="query"/> is outside the map.</exception>
    public int Strongest(int query)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(query);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(query, Queries);
        ReadOnlySpan<float> row = _weights.AsSpan(query * Values, Values);
        int best = 0;
        for (int j = 1; j < row.Length; j++)
            if (row[j] > row[best]) best = j;
        return best;
    }

    /// <summary>
    /// The map of sample <paramref name="sample"/> of attention scores (batch, Tq, Tv), the second output of an attention
    /// layer called with <c>returnAttentionScores: true</c>. Rows and columns beyond the labels are cut (a decoder stops
    /// at its end token, a source is padded), so a cut row may sum to less than 1.
    /// </summary>
    /// <param name="scores">Attention distribution, shape (batch, Tq, Tv), each row summing to 1.</param>
    /// <param name="sample">Which sample of the batch, in [0, batch).</param>
    /// <param name="queryLabels">Labels of the first query steps, 1 to Tq of them.</param>
    /// <param name="valueLabels">Labels of the first value steps, 1 to Tv of them.</param>
    /// <exception cref="ArgumentException"><paramref name="scores"/> is not of rank 3, a label list is empty or longer than its axis, or a weight is not in [0, 1].</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sample"/> is outside the batch.</exception>
    public static AttentionMap Of(Tensor scores, int sample, IReadOnlyList<string> queryLabels, IReadOnlyList<string> valueLabels)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(queryLabels);
        ArgumentNullException.ThrowIfNull(valueLabels);
        if (scores.Rank != 3)
            throw new ArgumentException($"Invalid scores: expected attention scores of shape (batch, Tq, Tv), got shape {Tensor.ShapeText(scores.Shape)}.", nameof(scores));
        int batch = scores.Dim(0), tq = scores.Dim(1), tv = scores.Dim(2);
        if (sample < 0 || sample >= batch)
            throw new ArgumentOutOfRangeException(nameof(sample), sample, $"Invalid sample: expected an index in [0, {batch}), got {sample}.");
        if (queryLabels.Count > tq)
            throw new ArgumentException($"Invalid queryLabels: expected at most Tq = {tq} labels, got {queryLabels.Count}.", nameof(queryLabels));
        if (valueLabels.Count > tv)
            throw new ArgumentException($"Invalid valueLabels: expected at most Tv = {tv} labels, got {valueLabels.Count}.", nameof(valueLabels));
        var weights = new float[queryLabels.Count, valueLabels.Count];
        ReadOnlySpan<float> grid = scores.Row(sample);
        for (int i = 0; i < weights.GetLength(0); i++)
            for (int j = 0; j < weights.GetLength(1); j++)
                weights[i, j] = grid[i * tv + j];
        return new AttentionMap(queryLabels, valueLabels, weights);
    }

    /// <summary>
    /// <see cref="Of(Tensor, int, IReadOnlyList{string}, IReadOnlyList{string})"/> for characters: one label per
    /// character of <paramref name="queryText"/> (what the decoder wrote) and of <paramref name="valueText"/> (the source).
    /// </summary>
    public static AttentionMap Of(Tensor scores, int sample, string queryText, string valueText)
    {
        ArgumentNullException.ThrowIfNull(queryText);
        ArgumentNullException.ThrowIfNull(valueText);
        return Of(scores, sample, [.. queryText.Select(c => c.ToString())], [.. valueText.Select(c => c.ToString())]);
    }

    /// <summary>
    /// A small table: a heading with the map's size, then one line per query step with its label, the value step it
    /// attends to most and that weight, e.g. <c>  0  'h'  ->  4 'o'  0.912</c>.
    /// </summary>
    public override string ToString()
    {
        var text = new StringBuilder($"Attention map: {Queries} query step{(Queries == 1 ? "" : "s")} × {Values} value step{(Values == 1 ? "" : "s")}\n");
        int stepWidth = Math.Max(Queries - 1, Values - 1).ToString(CultureInfo.InvariantCulture).Length;
        int labelWidth = QueryLabels.Max(l => Quoted(l).Length);
        for (int i = 0; i < Queries; i++)
        {
            int j = Strongest(i);
            text.Append(CultureInfo.InvariantCulture, $"{i.ToString(CultureInfo.InvariantCulture).PadLeft(stepWidth)}  {Quoted(QueryLabels[i]).PadRight(labelWidth)}  -> ")
                .Append(CultureInfo.InvariantCulture, $"{j.ToString(CultureInfo.InvariantCulture).PadLeft(stepWidth)} {Quoted(ValueLabels[j])}  {Weight(i, j):0.000}\n");
        }
        return text.ToString();
    }

    /// <summary>Equal when the labels and every weight are equal.</summary>
    public bool Equals(AttentionMap? other) =>
        other is not null && QueryLabels.SequenceEqual(other.QueryLabels) && ValueLabels.SequenceEqual(other.ValueLabels) &&
        _weights.AsSpan().SequenceEqual(other._weights);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Queries, Values, string.Join("\u0001", QueryLabels), string.Join("\u0001", ValueLabels));

    // Escapes make a newline or a tab label readable on one line.
    private static string Quoted(string label) => "'" + label.Replace("\n", "\\n").Replace("\t", "\\t") + "'";
}
