using System.Numerics.Tensors;
using NotebookRnn.Kernels;
using NotebookRnn.Tensors;
using Tensor = NotebookRnn.Tensors.Tensor;

namespace NotebookRnn.Layers.Merging;

/// <summary>
/// The dot product of two inputs along one axis of each, per sample (Keras <c>Dot</c>, <c>batch_dot</c>): for
/// x₁ of shape (batch, …a…) and x₂ of shape (batch, …b…) with axes (i, j) of equal size d,
/// <c>y[n, p, q] = Σₖ x₁[n, p with k at i] · x₂[n, q with k at j]</c>, shape (batch, a without i, b without j), or
/// (batch, 1) when nothing else is left. E.g. (batch, 3, 5) · (batch, 10, 3) with axes (1, 2) → (batch, 5, 10).
/// </summary>
/// <remarks>
/// With <see cref="Normalize"/>, each input is first divided by its L2 norm along its axis,
/// <c>x / √max(Σ x², 1e−14)</c> (Keras's <c>normalize</c> with ε = 1e−7), so the output is the cosine similarity.
/// Masks are accepted and not passed on (Keras: <c>compute_mask</c> returns none).
/// </remarks>
public sealed class Dot : MultiInputLayer
{
    private const float SquaredEpsilon = 1e-14f;

    private readonly DotWorkspace _workspace = new();

    /// <summary>Creates the layer.</summary>
    /// <param name="axes">
    /// One axis for both inputs, or one for each (Keras's int or pair), counting the batch axis as 0; negative counts from
    /// the last. The batch axis cannot be summed over.
    /// </param>
    /// <param name="normalize">Whether to L2-normalise both inputs along their axis first (cosine similarity); default false.</param>
    /// <param name="name">Layer name.</param>
    /// <exception cref="ArgumentException"><paramref name="axes"/> does not hold one or two axes, or names axis 0.</exception>
    public Dot(int[] axes, bool normalize = false, string? name = null) : base(name)
    {
        ArgumentNullException.ThrowIfNull(axes);
        if (axes.Length is not (1 or 2))
            throw new ArgumentException($"Expected axes to hold one axis or one per input (two), got {axes.Length}: [{string.Join(", ", axes)}].", nameof(axes));
        if (axes.Contains(0))
            throw new ArgumentException($"Expected axes other than 0 (the batch axis cannot be summed over), got [{string.Join(", ", axes)}].", nameof(axes));
        Axes = [.. axes];
        Normalize = normalize;
    }

    /// <summary>The axis of each input summed over (one entry: the same for both), batch axis counted as 0.</summary>
    public int[] Axes { get; }

    /// <summary>Whether the inputs are L2-normalised along their axis first.</summary>
    public bool Normalize { get; }

    /// <summary>Exactly 2.</summary>
    public override int MinInputs => 2;

    /// <summary>Exactly 2.</summary>
    public override int MaxInputs => 2;

    /// <inheritdoc/>
    public override bool SupportsMasking => true;

    /// <summary>The first input's shape without its axis, then the second's without its axis; (1) when nothing is left.</summary>
    /// <exception cref="ArgumentException">An axis is out of range, or the two axes differ in size.</exception>
    public override int?[] ComputeOutputShape(IReadOnlyList<int?[]> inputShapes)
    {
        ArgumentNullException.ThrowIfNull(inputShapes);
        int?[] first = inputShapes[0], second = inputShapes[1];
        var (a, b) = ResolvedAxes(first.Length + 1, second.Length + 1);
        if (first[a - 1] is int d1 && second[b - 1] is int d2 && d1 != d2)
            throw new ArgumentException(
                $"Dot '{Name}' has incompatible input shapes: size {d1} at axis {a} of {Tensor.ShapeText([null, .. first])} != size {d2} at axis {b} " +
                $"of {Tensor.ShapeText([null, .. second])}.", nameof(inputShapes));
        int?[] output = [.. first.Where((_, i) => i != a - 1), .. second.Where((_, i) => i != b - 1)];
        return output.Length == 0 ? [1] : output;
    }

    // x₁: (batch, P, d, Q), x₂: (batch, R, d, S) → A: (batch, P·Q, d), B: (batch, R·S, d) → y = A·Bᵀ: (batch, P·Q, R·S)
    /// <inheritdoc/>
    public override Tensor Forward(IReadOnlyList<Tensor> inputs, IReadOnlyList<SequenceMask?> masks, bool training)
    {
        CheckInputs(inputs);
        var (a, b) = ResolvedAxes(inputs[0].Rank, inputs[1].Rank);
        DotWorkspace w = _workspace;
        w.Plan(inputs[0], a, inputs[1], b, ComputeOutputShape([.. inputs.Select(x => x.Shape.Skip(1).Select(d => (int?)d).ToArray())]), Name);
        w.GatherRows(inputs[0].Span, w.First, w.FirstRows.Span);
        w.GatherRows(inputs[1].Span, w.Second, w.SecondRows.Span);
        if (Normalize)
        {
            NormalizeRows(w.FirstRows.Span, w.FirstInverseNorms.Span, w.Depth);
            NormalizeRows(w.SecondRows.Span, w.SecondInverseNorms.Span, w.Depth);
        }
        int m = w.First.Rows, n = w.Second.Rows, d = w.Depth;
        for (int sample = 0; sample < w.Batch; sample++)
            Gemm.Multiply(false, true, m, n, d, 1f, w.FirstRows.Span.Slice(sample * m * d, m * d), w.SecondRows.Span.Slice(sample * n * d, n * d),
                0f, w.Output.Span.Slice(sample * m * n, m * n));
        return w.Output;
    }

    // dy: (batch, P·Q, R·S) → dA = dy·B, dB = dyᵀ·A → through the normalisation → dx₁, dx₂ in the inputs' layouts
    /// <inheritdoc/>
    /// <exception cref="ArgumentException"><paramref name="outputGradient"/> differs in shape from the last output.</exception>
    public override IReadOnlyList<Tensor?> BackwardAll(Tensor outputGradient, IReadOnlyList<bool> needInputGradients)
    {
        ArgumentNullException.ThrowIfNull(outputGradient);
        ArgumentNullException.ThrowIfNull(needInputGradients);
        DotWorkspace w = _workspace;
        if (!w.IsPlanned) throw new InvalidOperationException($"Dot '{Name}': BackwardAll called before Forward.");
        if (!outputGradient.Shape.SequenceEqual(w.Output.Shape))
            throw new ArgumentException(
                $"Dot '{Name}' expects outputGradient of the output's shape {Tensor.ShapeText(w.Output.Shape)}, got {Tensor.ShapeText(outputGradient.Shape)}.",
                nameof(outputGradient));
        int m = w.First.Rows, n = w.Second.Rows, d = w.Depth;
        var result = new Tensor?[2];
        for (int sample = 0; sample < w.Batch; sample++)
        {
            ReadOnlySpan<float> dy = outputGradient.Span.Slice(sample * m * n, m * n);
            if (needInputGradients[0])
                Gemm.Multiply(false, false, m, d, n, 1f, dy, w.SecondRows.Span.Slice(sample * n * d, n * d), 0f, w.FirstRowsGradient.Span.Slice(sample * m * d, m * d));
            if (needInputGradients[1])
                Gemm.Multiply(true, false, n, d, m, 1f, dy, w.FirstRows.Span.Slice(sample * m * d, m * d), 0f, w.SecondRowsGradient.Span.Slice(sample * n * d, n * d));
        }
        if (needInputGradients[0]) result[0] = InputGradient(w.FirstRows, w.FirstRowsGradient, w.FirstInverseNorms, w.First, w.FirstGradient);
        if (needInputGradients[1]) result[1] = InputGradient(w.SecondRows, w.SecondRowsGradient, w.SecondInverseNorms, w.Second, w.SecondGradient);
        return result;
    }

    private Tensor InputGradient(Tensor rows, Tensor rowsGradient, Tensor inverseNorms, DotOperand operand, Tensor inputGradient)
    {
        if (Normalize) NormalizeRowsBackward(rows.Span, inverseNorms.Span, rowsGradient.Span, _workspace.Depth);
        _workspace.ScatterRows(rowsGradient.Span, operand, inputGradient.Span);
        return inputGradient;
    }

    // u = x · r, r = 1/√max(Σx², ε²): rows are normalised in place and r kept for backward.
    private static void NormalizeRows(Span<float> rows, Span<float> inverseNorms, int depth)
    {
        for (int row = 0; row < inverseNorms.Length; row++)
        {
            Span<float> x = rows.Slice(row * depth, depth);
            float squares = TensorPrimitives.SumOfSquares((ReadOnlySpan<float>)x);
            inverseNorms[row] = 1f / MathF.Sqrt(MathF.Max(squares, SquaredEpsilon));
            ElementwiseKernels.Multiply(x, inverseNorms[row], x);
        }
    }

    // du → dx = r·(du − u·(u·du)) where the norm is above ε (r·du where it is clamped, r then a constant).
    private static void NormalizeRowsBackward(ReadOnlySpan<float> normalized, ReadOnlySpan<float> inverseNorms, Span<float> gradient, int depth)
    {
        for (int row = 0; row < inverseNorms.Length; row++)
        {
            ReadOnlySpan<float> u = normalized.Slice(row * depth, depth);
            Span<float> du = gradient.Slice(row * depth, depth);
            float r = inverseNorms[row];
            bool clamped = r * r >= 1f / SquaredEpsilon;
            float projection = clamped ? 0f : TensorPrimitives.Dot(u, (ReadOnlySpan<float>)du);
            ElementwiseKernels.MultiplyAdd(u, -projection, du, du);
            ElementwiseKernels.Multiply(du, r, du);
        }
    }

    // Both axes in [1, rank) for inputs of these ranks (batch included).
    private (int First, int Second) ResolvedAxes(int firstRank, int secondRank)
    {
        int first = Resolve(Axes[0], firstRank, 0), second = Resolve(Axes.Length == 2 ? Axes[1] : Axes[0], secondRank, 1);
        return (first, second);
    }

    private int Resolve(int axis, int rank, int input)
    {
        int resolved = axis < 0 ? axis + rank : axis;
        if (rank < 2 || resolved < 1 || resolved >= rank)
            throw new ArgumentException(
                $"Dot '{Name}' axis {axis} is out of range for input {input} of rank {rank} (batch included): expected 1 to {rank - 1} or −{rank - 1} to −1.",
                "axes");
        return resolved;
    }
}
