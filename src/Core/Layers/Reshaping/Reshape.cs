using NotebookRnn.Tensors;

namespace NotebookRnn.Layers.Reshaping;

/// <summary>
/// Gives each sample a new shape with the same values in the same row-major order (Keras <c>Reshape</c>):
/// x: (batch, d₁, …, dₖ) → y: (batch, t₁, …, tₘ) with <c>t₁·…·tₘ = d₁·…·dₖ</c>. One target dimension may be −1: it is
/// inferred from the others, as Keras does.
/// </summary>
/// <remarks>
/// When an input dimension is unknown (<c>null</c>), a −1 stays unknown in the output shape and is inferred from each
/// batch, and a target without −1 is checked against each batch. The output shares the input's values (no copy), and
/// the gradient is the output gradient seen in the input's shape. Keras's Reshape does not support masking (Keras 3
/// drops a mask that reaches it, with a warning); here <see cref="Layer.SupportsMasking"/> is false too, so a model
/// refuses a mask that reaches it, and its output carries none.
/// </remarks>
public sealed class Reshape : Layer
{
    private readonly int[] _targetShape;
    private int[]? _inputShape;

    /// <summary>Creates the layer.</summary>
    /// <param name="targetShape">The shape of each sample without batch: dimensions ≥ 1, and at most one −1 (inferred).</param>
    /// <param name="inputShape">Input shape without batch, for a model's first layer.</param>
    /// <param name="name">Layer name.</param>
    /// <exception cref="ArgumentException"><paramref name="targetShape"/> is empty, holds a dimension &lt; 1 other than −1, or more than one −1.</exception>
    public Reshape(int[] targetShape, int?[]? inputShape = null, string? name = null) : base(name, inputShape)
    {
        ArgumentNullException.ThrowIfNull(targetShape);
        if (targetShape.Length == 0 || targetShape.Any(d => d is < 1 and not -1))
            throw new ArgumentException(
                $"targetShape must hold one or more dimensions ≥ 1 (or −1 for one inferred dimension), got {Text(targetShape)}.", nameof(targetShape));
        if (targetShape.Count(d => d == -1) > 1)
            throw new ArgumentException(
                $"targetShape must not contain more than one -1 value (the inferred dimension), got {Text(targetShape)}.", nameof(targetShape));
        _targetShape = (int[])targetShape.Clone();
    }

    /// <summary>The target shape of each sample without batch, −1 marking the inferred dimension.</summary>
    public IReadOnlyList<int> TargetShape => _targetShape;

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The input's known size cannot take the target shape (Keras's checks).</exception>
    public override int?[] ComputeOutputShape(int?[] inputShape)
    {
        if (inputShape.Any(d => d is null)) return [.. _targetShape.Select(d => d == -1 ? (int?)null : d)];
        return [.. Resolve(inputShape.Aggregate(1L, (product, d) => product * d!.Value), Tensor.ShapeText(inputShape), nameof(inputShape))];
    }

    // x: (batch, d₁, …, dₖ) → y: (batch, t₁, …, tₘ), the same values
    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The input does not fit the built shape, or a sample's size cannot take the target shape.</exception>
    public override Tensor Forward(Tensor input, SequenceMask? mask, bool training)
    {
        CheckInput(input);
        int[] target = TargetFor([.. input.Shape.Skip(1)]);
        _inputShape = [.. input.Shape];
        return input.Reshape([input.Dim(0), .. target]);
    }

    /// <summary>The target shape for samples of <paramref name="sampleShape"/> (without batch), −1 resolved; the libtorch backend asks it too.</summary>
    /// <exception cref="ArgumentException">A sample's size cannot take the target shape.</exception>
    internal int[] TargetFor(IReadOnlyList<int> sampleShape) =>
        Resolve(sampleShape.Aggregate(1L, (product, d) => product * d), Tensor.ShapeText(sampleShape), "input");

    // dy: (batch, t₁, …, tₘ) → dx: (batch, d₁, …, dₖ), the same values
    /// <inheritdoc/>
    public override Tensor? Backward(Tensor outputGradient, bool needInputGradient)
    {
        int[] inputShape = _inputShape ?? throw new InvalidOperationException($"Reshape '{Name}': Backward called before Forward.");
        return needInputGradient ? outputGradient.Reshape(inputShape) : null;
    }

    // The target shape with −1 replaced for a sample of `size` values; errors as Keras's compute_reshape_output_shape raises them.
    private int[] Resolve(long size, string inputText, string argument)
    {
        int inferred = Array.IndexOf(_targetShape, -1);
        long known = _targetShape.Where(d => d != -1).Aggregate(1L, (product, d) => product * d);
        if (inferred < 0 && known != size)
            throw new ArgumentException(
                $"Reshape '{Name}': the total size of a sample must be unchanged: input shape {inputText} holds {size} values, " +
                $"targetShape {Text(_targetShape)} holds {known}.", argument);
        if (inferred >= 0 && size % known != 0)
            throw new ArgumentException(
                $"Reshape '{Name}': the total size of a sample must be unchanged, but input shape {inputText} ({size} values) cannot be " +
                $"divided by the {known} values of the known dimensions of targetShape {Text(_targetShape)}.", argument);
        int[] resolved = (int[])_targetShape.Clone();
        if (inferred >= 0) resolved[inferred] = (int)(size / known);
        return resolved;
    }

    private static string Text(int[] shape) => Tensor.ShapeText(shape);
}
