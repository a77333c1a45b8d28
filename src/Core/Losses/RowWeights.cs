using NotebookRnn.Tensors;

namespace NotebookRnn.Losses;

/// <summary>
/// The sample weights and the mask of a loss's rows, broadcast as Keras broadcasts them: a weight is one scalar for
/// every row, one per sample (spread over the sample's steps when predictions are (samples, T, C)), or one per row.
/// </summary>
internal readonly ref struct RowWeights
{
    private readonly ReadOnlySpan<float> _sampleWeight, _mask;
    private readonly int _rowsPerWeight;

    /// <summary>Checks the lengths against predictions of <paramref name="samples"/> samples and <paramref name="rows"/> rows.</summary>
    /// <exception cref="ArgumentException">A length fits no broadcast; the message names the argument and the lengths it takes.</exception>
    public RowWeights(ReadOnlySpan<float> sampleWeight, ReadOnlySpan<float> mask, int samples, int rows, IReadOnlyList<int> shape)
    {
        if (!sampleWeight.IsEmpty && sampleWeight.Length != 1 && sampleWeight.Length != rows &&
            !(sampleWeight.Length == samples && samples > 0 && rows % samples == 0))
            throw new ArgumentException(
                $"sampleWeight has {sampleWeight.Length} values; predictions of shape {Tensor.ShapeText(shape)} take 1 (a scalar), " +
                $"{samples} (one per sample) or {rows} (one per row).", nameof(sampleWeight));
        if (!mask.IsEmpty && mask.Length != rows)
            throw new ArgumentException($"mask has {mask.Length} values; expected one per row, {rows}.", nameof(mask));
        _sampleWeight = sampleWeight;
        _mask = mask;
        _rowsPerWeight = sampleWeight.Length == 1 ? rows : sampleWeight.Length == rows ? 1 : rows / Math.Max(1, samples);
    }

    /// <summary>Whether sample weights were given.</summary>
    public bool HasSampleWeight => !_sampleWeight.IsEmpty;

    /// <summary>Whether a mask was given.</summary>
    public bool HasMask => !_mask.IsEmpty;

    /// <summary>The weight of row <paramref name="row"/> (1 without sample weights).</summary>
    public float Weight(int row) => _sampleWeight.IsEmpty ? 1 : _sampleWeight[row / _rowsPerWeight];

    /// <summary>Whether the mask leaves row <paramref name="row"/> out.</summary>
    public bool IsMasked(int row) => !_mask.IsEmpty && _mask[row] == 0;

    /// <summary>Writes each row's weight times its mask value (1 without a mask) into <paramref name="destination"/> (one per row).</summary>
    /// <exception cref="ArgumentException">A length fits no broadcast.</exception>
    public static void Expand(ReadOnlySpan<float> sampleWeight, ReadOnlySpan<float> mask, int samples, int rows, IReadOnlyList<int> shape,
        Span<float> destination)
    {
        var weights = new RowWeights(sampleWeight, mask, samples, rows, shape);
        for (int r = 0; r < rows; r++) destination[r] = weights.IsMasked(r) ? 0 : weights.Weight(r);
    }

    /// <summary>The sum of the sample weights as given (Keras's divisor of <c>mean_with_sample_weight</c> without a mask).</summary>
    public double GivenWeightSum()
    {
        double sum = 0;
        foreach (float w in _sampleWeight) sum += w;
        return sum;
    }
}
