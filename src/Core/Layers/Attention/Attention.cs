using System.Numerics.Tensors;
using NotebookRnn.Initializers;
using NotebookRnn.Kernels;
using NotebookRnn.Tensors;
using Tensor = NotebookRnn.Tensors.Tensor;

namespace NotebookRnn.Layers.Attention;

/// <summary>
/// Dot-product attention, Luong-style (Keras 3 <c>Attention</c>): for query Q (batch, Tq, dim), value V (batch, Tv,
/// valueDim) and key K (batch, Tv, dim; V when not given), <c>output = softmax(scores)·V</c> (batch, Tq, valueDim), with
/// <c>scores = s·Q·Kᵀ</c> in <see cref="AttentionScoreMode.Dot"/> mode and
/// <c>scores[i, j] = w·Σ_d tanh(s·(Q[i, d] + K[j, d]))</c> in <see cref="AttentionScoreMode.Concat"/> mode; s is a learned
/// scalar when <see cref="UseScale"/> (initially 1, else 1), w a learned scalar (initially 1). Masks and dropout as in
/// <see cref="DenseAttention"/>.
/// </summary>
public sealed class Attention : DenseAttention
{
    private readonly TanhScores _tanhScores = new();
    private Parameter? _scale, _concatScoreWeight;
    private Tensor? _products, _concatWeights, _concatWeightsGradient;

    /// <summary>Creates the layer.</summary>
    /// <param name="useScale">Whether to learn a scalar s multiplying the scores (dot) or the sums inside the tanh (concat); default false.</param>
    /// <param name="scoreMode">"dot" (default) or "concat".</param>
    /// <param name="dropout">Fraction of the attention weights dropped in training, in [0, 1); default 0.</param>
    /// <param name="seed">Seed of the dropout pattern; default: drawn from the model's seed.</param>
    /// <param name="name">Layer name.</param>
    /// <exception cref="ArgumentException"><paramref name="scoreMode"/> is neither "dot" nor "concat".</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dropout"/> is outside [0, 1).</exception>
    public Attention(bool useScale = false, string scoreMode = "dot", double dropout = 0, long? seed = null, string? name = null)
        : base(dropout, seed, name)
    {
        UseScale = useScale;
        ScoreMode = scoreMode switch
        {
            "dot" => AttentionScoreMode.Dot,
            "concat" => AttentionScoreMode.Concat,
            _ => throw new ArgumentException($"Invalid value for argument scoreMode: expected one of {{'dot', 'concat'}}, got '{scoreMode}'.", nameof(scoreMode)),
        };
    }

    /// <summary>Whether a learned scalar scales the scores.</summary>
    public bool UseScale { get; }

    /// <summary>How a query is scored against a key.</summary>
    public AttentionScoreMode ScoreMode { get; }

    /// <summary>The scalar s, shape (), when <see cref="UseScale"/>; else <c>null</c>.</summary>
    public Parameter? Scale => _scale;

    /// <summary>The scalar w of the concat score, shape (), in <see cref="AttentionScoreMode.Concat"/> mode; else <c>null</c>.</summary>
    public Parameter? ConcatScoreWeight => _concatScoreWeight;

    private protected override void AddScoreWeights(int dim, RandomGenerator random)
    {
        if (UseScale) _scale = AddWeight("scale", [], new Ones(), random);
        if (ScoreMode == AttentionScoreMode.Concat) _concatScoreWeight = AddWeight("concat_score_weight", [], new Ones(), random);
    }

    private float ScaleValue => _scale?.Value.Span[0] ?? 1f;

    // Q: (batch, Tq, dim), K: (batch, Tv, dim) → scores: (batch, Tq, Tv)
    private protected override void ComputeScores(AttentionWorkspace w)
    {
        if (ScoreMode == AttentionScoreMode.Concat)
        {
            _tanhScores.Forward(w, ScaleValue, ConcatWeights(w.Dim).Span);
            return;
        }
        int tq = w.QuerySteps, tv = w.ValueSteps, dim = w.Dim;
        Tensor products = Tensor.Reuse(ref _products, w.Batch, tq, tv);
        for (int n = 0; n < w.Batch; n++)
            Gemm.Multiply(false, true, tq, tv, dim, 1f, w.Query.Span.Slice(n * tq * dim, tq * dim), w.Key.Span.Slice(n * tv * dim, tv * dim),
                0f, products.Span.Slice(n * tq * tv, tq * tv));
        ElementwiseKernels.Multiply(products.Span, ScaleValue, w.Scores.Span);
    }

    // dScores: (batch, Tq, Tv) → dQ = s·dScores·K, dK = s·dScoresᵀ·Q, ds = Σ dScores ⊙ Q·Kᵀ (dot mode)
    private protected override void ScoresBackward(AttentionWorkspace w, bool needQuery, bool needKey)
    {
        if (ScoreMode == AttentionScoreMode.Concat)
        {
            ConcatBackward(w, needQuery, needKey);
            return;
        }
        float scale = ScaleValue;
        if (_scale is not null) _scale.Gradient.Span[0] += TensorPrimitives.Dot((ReadOnlySpan<float>)w.ScoresGradient.Span, _products!.Span);
        int tq = w.QuerySteps, tv = w.ValueSteps, dim = w.Dim;
        for (int n = 0; n < w.Batch; n++)
        {
            ReadOnlySpan<float> dScores = w.ScoresGradient.Span.Slice(n * tq * tv, tq * tv);
            if (needQuery)
                Gemm.Multiply(false, false, tq, dim, tv, scale, dScores, w.Key.Span.Slice(n * tv * dim, tv * dim), 0f, w.QueryGradient.Span.Slice(n * tq * dim, tq * dim));
            if (needKey)
                Gemm.Multiply(true, false, tv, dim, tq, scale, dScores, w.Query.Span.Slice(n * tq * dim, tq * dim), 0f, w.KeyGradient.Span.Slice(n * tv * dim, tv * dim));
        }
    }

    // The concat score's w as one weight per feature, so the additive score's code serves both.
    private Tensor ConcatWeights(int dim)
    {
        Tensor weights = Tensor.Reuse(ref _concatWeights, dim);
        weights.Span.Fill(_concatScoreWeight!.Value.Span[0]);
        return weights;
    }

    private void ConcatBackward(AttentionWorkspace w, bool needQuery, bool needKey)
    {
        Tensor weightsGradient = Tensor.Reuse(ref _concatWeightsGradient, w.Dim);
        weightsGradient.Span.Clear();
        float dScale = _tanhScores.Backward(w, ScaleValue, ConcatWeights(w.Dim).Span, weightsGradient.Span, needQuery, needKey);
        _concatScoreWeight!.Gradient.Span[0] += TensorPrimitives.Sum((ReadOnlySpan<float>)weightsGradient.Span);
        if (_scale is not null) _scale.Gradient.Span[0] += dScale;
    }
}
