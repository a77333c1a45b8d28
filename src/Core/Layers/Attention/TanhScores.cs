using System.Numerics.Tensors;
using NotebookRnn.Kernels;
using Tensor = NotebookRnn.Tensors.Tensor;

namespace NotebookRnn.Layers.Attention;

/// <summary>
/// The additive score of Keras's <c>AdditiveAttention</c> and of <c>Attention(score_mode="concat")</c>:
/// <c>T[n, i, j, :] = tanh(α·(q[n, i, :] + k[n, j, :]))</c> and <c>scores[n, i, j] = Σ_d c[d]·T[n, i, j, d]</c>, for a
/// scalar α and per-feature weights c; T (batch, Tq, Tv, dim) is kept for backward.
/// </summary>
internal sealed class TanhScores
{
    private Tensor? _activations, _rowGradient;

    /// <summary>Writes the scores into <see cref="AttentionWorkspace.Scores"/>.</summary>
    public void Forward(AttentionWorkspace w, float alpha, ReadOnlySpan<float> weights)
    {
        int tq = w.QuerySteps, tv = w.ValueSteps, dim = w.Dim;
        Tensor t = Tensor.Reuse(ref _activations, w.Batch, tq, tv, dim);
        ReadOnlySpan<float> q = w.Query.Span, k = w.Key.Span;
        Span<float> all = t.Span, scores = w.Scores.Span;
        for (int n = 0; n < w.Batch; n++)
            for (int i = 0; i < tq; i++)
                for (int j = 0; j < tv; j++)
                    ElementwiseKernels.Add(q.Slice((n * tq + i) * dim, dim), k.Slice((n * tv + j) * dim, dim), all.Slice(((n * tq + i) * tv + j) * dim, dim));
        if (alpha != 1f) ElementwiseKernels.Multiply(all, alpha, all);
        ActivationKernels.Tanh(all, all);
        for (int row = 0; row < scores.Length; row++) scores[row] = TensorPrimitives.Dot(all.Slice(row * dim, dim), weights);
    }

    // dScores: (batch, Tq, Tv) → dPre = dScores·c ⊙ (1 − T²); dq_i = α Σ_j dPre, dk_j = α Σ_i dPre,
    // dc += Σ dScores·T, and the returned dα = Σ dPre ⊙ (q_i + k_j)
    /// <summary>Adds dq, dk (when needed) and dc into <paramref name="weightsGradient"/>; returns dα.</summary>
    public float Backward(AttentionWorkspace w, float alpha, ReadOnlySpan<float> weights, Span<float> weightsGradient, bool needQuery, bool needKey)
    {
        int tq = w.QuerySteps, tv = w.ValueSteps, dim = w.Dim;
        Tensor rowGradient = Tensor.Reuse(ref _rowGradient, dim);
        ReadOnlySpan<float> q = w.Query.Span, k = w.Key.Span, all = _activations!.Span, dScores = w.ScoresGradient.Span;
        Span<float> dq = w.QueryGradient.Span, dk = w.KeyGradient.Span, dPre = rowGradient.Span;
        dq.Clear();
        dk.Clear();
        double dAlpha = 0;
        for (int n = 0; n < w.Batch; n++)
            for (int i = 0; i < tq; i++)
                for (int j = 0; j < tv; j++)
                {
                    int row = (n * tq + i) * tv + j;
                    ReadOnlySpan<float> activations = all.Slice(row * dim, dim), qi = q.Slice((n * tq + i) * dim, dim), kj = k.Slice((n * tv + j) * dim, dim);
                    ElementwiseKernels.MultiplyAdd(activations, dScores[row], weightsGradient, weightsGradient);
                    ElementwiseKernels.Multiply(weights, dScores[row], dPre);
                    ActivationKernels.TanhBackward(activations, dPre, dPre);
                    dAlpha += TensorPrimitives.Dot(dPre, qi) + TensorPrimitives.Dot(dPre, kj);
                    if (needQuery) ElementwiseKernels.MultiplyAdd(dPre, alpha, dq.Slice((n * tq + i) * dim, dim), dq.Slice((n * tq + i) * dim, dim));
                    if (needKey) ElementwiseKernels.MultiplyAdd(dPre, alpha, dk.Slice((n * tv + j) * dim, dim), dk.Slice((n * tv + j) * dim, dim));
                }
        return (float)dAlpha;
    }
}
