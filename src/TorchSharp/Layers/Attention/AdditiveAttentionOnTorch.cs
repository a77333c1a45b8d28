using NotebookRnn.Layers.Attention;
using TorchSharp;

namespace NotebookRnn.TorchSharp.Layers.Attention;

/// <summary>
/// Bahdanau attention (<see cref="AdditiveAttention"/>) on libtorch: <c>scores[i, j] = Σ_d s[d]·tanh(Q[i, d] + K[j, d])</c>,
/// s the learned per-feature scale (ones without <c>useScale</c>).
/// </summary>
internal sealed class AdditiveAttentionOnTorch(AdditiveAttention attention, torch.Device device) : DenseAttentionOnTorch(attention, device)
{
    // Q: (batch, Tq, dim), K: (batch, Tv, dim) → T: (batch, Tq, Tv, dim) → scores: (batch, Tq, Tv)
    protected override torch.Tensor Scores(torch.Tensor query, torch.Tensor key)
    {
        torch.Tensor activations = TanhOfSums(query, key, alpha: null);
        return attention.UseScale ? activations.matmul(Weight(0)) : activations.sum(-1);
    }
}
