using NotebookRnn.Layers.Attention;
using TorchSharp;

namespace NotebookRnn.TorchSharp.Layers.Attention;

/// <summary>
/// Luong attention (<see cref="NotebookRnn.Layers.Attention.Attention"/>) on libtorch: <c>scores = s·Q·Kᵀ</c> in dot mode,
/// <c>scores[i, j] = w·Σ_d tanh(s·(Q[i, d] + K[j, d]))</c> in concat mode; s is the learned scale (1 without
/// <c>useScale</c>), w the learned concat score weight.
/// </summary>
internal sealed class AttentionOnTorch(NotebookRnn.Layers.Attention.Attention attention, torch.Device device) : DenseAttentionOnTorch(attention, device)
{
    // Q: (batch, Tq, dim), K: (batch, Tv, dim) → scores: (batch, Tq, Tv)
    protected override torch.Tensor Scores(torch.Tensor query, torch.Tensor key)
    {
        torch.Tensor? scale = attention.UseScale ? Weight(0) : null;
        if (attention.ScoreMode == AttentionScoreMode.Dot)
        {
            torch.Tensor products = query.bmm(key.transpose(1, 2));
            return scale is null ? products : products * scale;
        }
        torch.Tensor concatScoreWeight = Weight(attention.UseScale ? 1 : 0);
        return TanhOfSums(query, key, scale).sum(-1) * concatScoreWeight;
    }
}
