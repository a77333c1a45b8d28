using NotebookRnn.Initializers;
using NotebookRnn.Tensors;
using Tensor = NotebookRnn.Tensors.Tensor;

namespace NotebookRnn.Layers.Attention;

/// <summary>
/// Additive attention, Bahdanau-style (Keras 3 <c>AdditiveAttention</c>): for query Q (batch, Tq, dim), value V (batch,
/// Tv, valueDim) and key K (batch, Tv, dim; V when not given), <c>output = softmax(scores)·V</c> (batch, Tq, valueDim)
/// with <c>scores[i, j] = Σ_d s[d]·tanh(Q[i, d] + K[j, d])</c>; s is a learned vector of dim weights (Glorot-uniform)
/// when <see cref="UseScale"/>, else all ones. Masks and dropout as in <see cref="DenseAttention"/>.
/// </summary>
public sealed class AdditiveAttention : DenseAttention
{
    private readonly TanhScores _tanhScores = new();
    private Parameter? _scale;
    private Tensor? _ones, _unusedGradient;

    /// <summary>Creates the layer.</summary>
    /// <param name="useScale">Whether to learn the per-feature weights s of the score; default true.</param>
    /// <param name="dropout">Fraction of the attention weights dropped in training, in [0, 1); default 0.</param>
    /// <param name="seed">Seed of the dropout pattern; default: drawn from the model's seed.</param>
    /// <param name="name">Layer name.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dropout"/> is outside [0, 1).</exception>
    public AdditiveAttention(bool useScale = true, double dropout = 0, long? seed = null, string? name = null) : base(dropout, seed, name)
    {
        UseScale = useScale;
    }

    /// <summary>Whether the per-feature weights s of the score are learned.</summary>
    public bool UseScale { get; }

    /// <summary>s, shape (dim), when <see cref="UseScale"/>; else <c>null</c>.</summary>
    public Parameter? Scale => _scale;

    private protected override void AddScoreWeights(int dim, RandomGenerator random)
    {
        if (UseScale) _scale = AddWeight("scale", [dim], new GlorotUniform(), random);
    }

    // Q: (batch, Tq, dim), K: (batch, Tv, dim) → scores: (batch, Tq, Tv)
    private protected override void ComputeScores(AttentionWorkspace w) => _tanhScores.Forward(w, 1f, Weights(w.Dim));

    // dScores → dQ, dK, ds
    private protected override void ScoresBackward(AttentionWorkspace w, bool needQuery, bool needKey)
    {
        // Without learned weights their gradient is not needed: it goes to a scratch buffer.
        Span<float> weightsGradient = (_scale?.Gradient ?? Tensor.Reuse(ref _unusedGradient, w.Dim)).Span;
        if (_scale is null) weightsGradient.Clear();
        _tanhScores.Backward(w, 1f, Weights(w.Dim), weightsGradient, needQuery, needKey);
    }

    private ReadOnlySpan<float> Weights(int dim)
    {
        if (_scale is not null) return _scale.Value.Span;
        Tensor ones = Tensor.Reuse(ref _ones, dim);
        ones.Span.Fill(1f);
        return ones.Span;
    }
}
