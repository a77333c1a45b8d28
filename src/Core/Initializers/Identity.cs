using NotebookRnn.Tensors;

namespace NotebookRnn.Initializers;

/// <summary>
/// Keras <c>Identity</c>: a 2-D weight (rows, columns) gets <see cref="Gain"/> on its main diagonal and 0 elsewhere
/// (<c>gain · eye(rows, columns)</c>, also for non-square shapes).
/// </summary>
public sealed class Identity : Initializer
{
    /// <summary>Creates the initializer.</summary>
    /// <param name="gain">The diagonal value; default 1.</param>
    public Identity(float gain = 1) => Gain = gain;

    /// <summary>The diagonal value.</summary>
    public float Gain { get; }

    /// <inheritdoc/>
    public override string Name => "identity";

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, object?> GetConfig() => new Dictionary<string, object?> { ["gain"] = Gain };

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The shape is not 2-D.</exception>
    public override void Fill(Span<float> values, IReadOnlyList<int> shape, RandomGenerator random)
    {
        if (shape.Count != 2)
            throw new ArgumentException(
                $"Identity matrix initializer can only be used for 2D matrices, got shape {Tensor.ShapeText(shape)} of rank {shape.Count}.",
                nameof(shape));
        values.Clear();
        for (int i = 0; i < Math.Min(shape[0], shape[1]); i++) values[i * shape[1] + i] = Gain;
    }
}
