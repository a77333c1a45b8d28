using NotebookRnn.Kernels;
using NotebookRnn.Tensors;

namespace NotebookRnn.Layers.Reshaping;

/// <summary>
/// Reorders the axes of each sample (Keras <c>Permute</c>): with <see cref="Dims"/> = (p₁, …, pₖ), a permutation of
/// 1 … k numbering the axes after the batch axis from 1, x: (batch, d₁, …, dₖ) → y: (batch, d_p₁, …, d_pₖ) and
/// <c>y[b, i₁, …, iₖ] = x[b, j]</c> with <c>j[pₘ] = iₘ</c>. <c>Permute([2, 1])</c> swaps the steps and features of a sequence.
/// </summary>
/// <remarks>
/// The gradient is the output gradient permuted back (the inverse permutation). Keras's Permute does not support
/// masking (Keras 3 drops a mask that reaches it, with a warning); here <see cref="Layer.SupportsMasking"/> is false too,
/// so a model refuses a mask that reaches it, and its output carries none.
/// </remarks>
public sealed class Permute : Layer
{
    private readonly int[] _dims;
    private readonly int[] _axes, _inverseAxes;
    private Tensor? _output, _inputGradient;
    private int[]? _inputShape;

    /// <summary>Creates the layer.</summary>
    /// <param name="dims">A permutation of 1 … k, k the number of axes after the batch axis (Keras's 1-based <c>dims</c>).</param>
    /// <param name="inputShape">Input shape without batch, (d₁, …, dₖ), for a model's first layer.</param>
    /// <param name="name">Layer name.</param>
    /// <exception cref="ArgumentException"><paramref name="dims"/> is not a permutation of 1 … its length.</exception>
    public Permute(int[] dims, int?[]? inputShape = null, string? name = null) : base(name, inputShape)
    {
        ArgumentNullException.ThrowIfNull(dims);
        if (dims.Length == 0 || !dims.Order().SequenceEqual(Enumerable.Range(1, dims.Length)))
            throw new ArgumentException(
                $"Invalid permutation dims: the indices in dims must be consecutive and start from 1 (a permutation of 1 … {dims.Length}), " +
                $"got {Tensor.ShapeText(dims)}.", nameof(dims));
        _dims = (int[])dims.Clone();
        _axes = [0, .. dims];
        _inverseAxes = new int[_axes.Length];
        for (int k = 0; k < _axes.Length; k++) _inverseAxes[_axes[k]] = k;
    }

    /// <summary>The permutation, 1-based over the axes after the batch axis.</summary>
    public IReadOnlyList<int> Dims => _dims;

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The input does not have as many axes after the batch axis as <see cref="Dims"/> has entries.</exception>
    public override int?[] ComputeOutputShape(int?[] inputShape)
    {
        if (inputShape.Length != _dims.Length)
            throw new ArgumentException(
                $"Permute '{Name}' with dims {Tensor.ShapeText(_dims)} expects input with {_dims.Length + 1} axes, got {Tensor.ShapeText([null, .. inputShape])}.",
                nameof(inputShape));
        return [.. _dims.Select(d => inputShape[d - 1])];
    }

    // x: (batch, d₁, …, dₖ) → y: (batch, d_p₁, …, d_pₖ)
    /// <inheritdoc/>
    public override Tensor Forward(Tensor input, SequenceMask? mask, bool training)
    {
        CheckInput(input);
        _inputShape = [.. input.Shape];
        Tensor output = Tensor.Reuse(ref _output, [.. _axes.Select(a => input.Dim(a))]);
        LayoutKernels.Permute(input.Span, _inputShape, _axes, output.Span);
        return output;
    }

    // dy: (batch, d_p₁, …, d_pₖ) → dx: (batch, d₁, …, dₖ), dy permuted back
    /// <inheritdoc/>
    public override Tensor? Backward(Tensor outputGradient, bool needInputGradient)
    {
        int[] inputShape = _inputShape ?? throw new InvalidOperationException($"Permute '{Name}': Backward called before Forward.");
        if (!needInputGradient) return null;
        Tensor dx = Tensor.Reuse(ref _inputGradient, inputShape);
        LayoutKernels.Permute(outputGradient.Span, [.. outputGradient.Shape], _inverseAxes, dx.Span);
        return dx;
    }
}
