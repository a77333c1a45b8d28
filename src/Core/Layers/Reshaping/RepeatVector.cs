using NotebookRnn.Kernels;
using NotebookRnn.Tensors;

namespace NotebookRnn.Layers.Reshaping;

/// <summary>
/// Repeats each input vector <see cref="N"/> times (Keras <c>RepeatVector</c>): x: (batch, features) →
/// y: (batch, n, features), <c>y[b, i, :] = x[b, :]</c> for every i. The decoder input of an encoder–decoder such as
/// Keras's <c>addition_rnn</c> (LSTM → RepeatVector → LSTM(returnSequences)).
/// </summary>
/// <remarks>
/// Keras's RepeatVector does not support masking: Keras 3 drops a mask that reaches it (with a warning). Here
/// <see cref="Layer.SupportsMasking"/> is false too, so a model refuses a mask that reaches it, and its output carries none.
/// </remarks>
public sealed class RepeatVector : Layer
{
    // Row k of the output copies input row k / n; the list for a smaller batch is a prefix of this one.
    private int[] _sourceRows = [];
    private Tensor? _output, _inputGradient;

    /// <summary>Creates the layer.</summary>
    /// <param name="n">How many times each vector is repeated, ≥ 1.</param>
    /// <param name="inputShape">Input shape without batch, (features), for a model's first layer.</param>
    /// <param name="name">Layer name.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> &lt; 1.</exception>
    public RepeatVector(int n, int?[]? inputShape = null, string? name = null) : base(name, inputShape)
    {
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n), n, $"Expected an integer n ≥ 1 (the repetition count), got {n}.");
        N = n;
    }

    /// <summary>The repetition count.</summary>
    public int N { get; }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The input is not (features): Keras's <c>ndim=2</c> input spec.</exception>
    public override int?[] ComputeOutputShape(int?[] inputShape)
    {
        if (inputShape.Length != 1)
            throw new ArgumentException(
                $"RepeatVector '{Name}' expects input of shape (batch, features) with 2 axes, got {Tensor.ShapeText([null, .. inputShape])}.",
                nameof(inputShape));
        return [N, inputShape[0]];
    }

    // x: (batch, features) → y: (batch, n, features); row b·n + i of y is row b of x.
    /// <inheritdoc/>
    public override Tensor Forward(Tensor input, SequenceMask? mask, bool training)
    {
        CheckInput(input);
        int batch = input.Dim(0), features = input.Dim(1);
        if (_sourceRows.Length < batch * N) _sourceRows = [.. Enumerable.Range(0, batch * N).Select(row => row / N)];
        Tensor output = Tensor.Reuse(ref _output, batch, N, features);
        RowKernels.Gather(input.Span, _sourceRows.AsSpan(0, batch * N), output.Span, features);
        return output;
    }

    // dy: (batch, n, features) → dx: (batch, features), dx[b] = Σᵢ dy[b, i]
    /// <inheritdoc/>
    public override Tensor? Backward(Tensor outputGradient, bool needInputGradient)
    {
        if (_output is null) throw new InvalidOperationException($"RepeatVector '{Name}': Backward called before Forward.");
        if (!needInputGradient) return null;
        int batch = outputGradient.Dim(0), features = outputGradient.Dim(2);
        Tensor dx = Tensor.Reuse(ref _inputGradient, batch, features);
        dx.Span.Clear();
        RowKernels.ScatterAdd(outputGradient.Span, dx.Span, _sourceRows.AsSpan(0, batch * N), features);
        return dx;
    }
}
