using System.Runtime.CompilerServices;
using NotebookRnn.Kernels;
using NotebookRnn.Tensors;

namespace NotebookRnn.Layers;

/// <summary>
/// Inverted dropout (Keras <c>Dropout</c>): in training each value is zeroed with probability <see cref="Rate"/>
/// and the survivors are scaled by 1 / (1 - rate); at inference the input passes unchanged.
/// </summary>
public sealed class Dropout : Layer
{
    private RandomGenerator? _random;
    private Tensor? _scale, _output, _inputGradient;
    private bool _lastWasTraining;

    /// <summary>Creates the layer.</summary>
    /// <param name="rate">Fraction of values to drop, in [0, 1).</param>
    /// <param name="seed">Seed of the dropout pattern; default: drawn from the model's seed.</param>
    /// <param name="inputShape">Input shape without batch, for a model's first layer.</param>
    /// <param name="name">Layer name.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rate"/> is outside [0, 1).</exception>
    public Dropout(double rate, long? seed = null, int?[]? inputShape = null, string? name = null) : base(name, inputShape)
    {
        if (!(rate >= 0 && rate < 1))
            throw new ArgumentOutOfRangeException(nameof(rate), rate, "Expected a dropout rate in [0, 1).");
        Rate = rate;
        Seed = seed;
    }

    /// <summary>Fraction of values dropped in training.</summary>
    public double Rate { get; }

    /// <summary>The seed given to the constructor, if any.</summary>
    public long? Seed { get; }

    /// <inheritdoc/>
    public override bool SupportsMasking => true;

    /// <inheritdoc/>
    public override int?[] ComputeOutputShape(int?[] inputShape) => (int?[])inputShape.Clone();

    /// <inheritdoc/>
    protected override void OnBuild(int?[] inputShape, RandomGenerator random) =>
        _random = Seed is long seed ? new RandomGenerator(seed) : random.Split();

    // The per-batch loops here are AggressiveOptimization: fully optimised from their first call, not tier-0 code that a
    // busy notebook kernel would keep running for epochs (issue 13).
    // x: (batch, …) → y = x ⊙ keep / (1 - rate)
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override Tensor Forward(Tensor input, SequenceMask? mask, bool training)
    {
        _lastWasTraining = training && Rate > 0;
        if (!_lastWasTraining) return input;
        Tensor scale = Tensor.Reuse(ref _scale, [.. input.Shape]);
        Tensor output = Tensor.Reuse(ref _output, [.. input.Shape]);
        DrawScales(scale.Span);
        ElementwiseKernels.Multiply(input.Span, scale.Span, output.Span);
        return output;
    }

    /// <summary>
    /// Draws the next training pass's factors from the layer's stream, one per value in row-major order:
    /// <c>scales[i] = 0</c> with probability <see cref="Rate"/>, else <c>1 / (1 − rate)</c>. The libtorch backend draws its
    /// mask here too, so both backends drop the same values.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal void DrawScales(Span<float> scales)
    {
        float keep = (float)(1 / (1 - Rate));
        for (int i = 0; i < scales.Length; i++) scales[i] = _random!.NextDouble() < Rate ? 0f : keep;
    }

    // dy → dx = dy ⊙ keep / (1 - rate)
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override Tensor? Backward(Tensor outputGradient, bool needInputGradient)
    {
        if (!needInputGradient) return null;
        if (!_lastWasTraining) return outputGradient;
        Tensor dx = Tensor.Reuse(ref _inputGradient, [.. outputGradient.Shape]);
        ElementwiseKernels.Multiply(outputGradient.Span, _scale!.Span, dx.Span);
        return dx;
    }
}
