using NotebookRnn.Layers;
using NotebookRnn.Layers.Attention;
using NotebookRnn.TorchSharp.Tensors;
using TorchSharp;
using static TorchSharp.torch.nn.functional;

namespace NotebookRnn.TorchSharp.Layers.Attention;

/// <summary>
/// The attention layers (<see cref="DenseAttention"/>) on libtorch: <c>scores = f(Q, K)</c> (the subclass's), lowered
/// by 1e9 at padded value steps and, with the call's <c>useCausalMask</c>, at steps j &gt; i; <c>A = softmax(scores)</c>
/// over Tv, times the managed layer's dropout factors in training (<see cref="DenseAttention.DrawDropoutScales"/>);
/// <c>output = A·V</c>, zero at padded query steps, whose mask it carries. With the call's <c>returnAttentionScores</c>
/// A is a second output.
/// </summary>
internal abstract class DenseAttentionOnTorch(DenseAttention attention, torch.Device device) : TorchLayer(attention, device)
{
    private float[] _keep = [];

    // Q: (batch, Tq, dim), V: (batch, Tv, valueDim), K: (batch, Tv, dim) → scores, A: (batch, Tq, Tv) → output: (batch, Tq, valueDim)
    public override TorchResult Forward(TorchCall call)
    {
        long[] queryShape = call.X.shape;
        bool leadingAxes = queryShape.Length > 3;
        if (leadingAxes && call.Masks.Any(m => m is not null))
            throw new ArgumentException(
                $"{attention.GetType().Name} '{attention.Name}' takes masks only for inputs of shape (batch, steps, features), got ({string.Join(", ", queryShape)}).",
                "masks");
        // Leading axes (Keras's N-D inputs) join the batch: every (batch, …) index attends on its own.
        torch.Tensor[] flat = [.. call.Inputs.Select(x => leadingAxes ? x.reshape(-1, x.shape[^2], x.shape[^1]) : x)];
        torch.Tensor query = flat[0], value = flat[1], key = flat.Length > 2 ? flat[2] : value;
        SequenceMask? queryMask = call.Masks.Count > 0 ? call.Masks[0] : null, valueMask = call.Masks.Count > 1 ? call.Masks[1] : null;
        torch.Tensor scores = Lowered(Scores(query, key), valueMask, call.Node.UseCausalMask);
        torch.Tensor weights = Dropped(softmax(scores, -1), call.Training);
        torch.Tensor output = weights.bmm(value);
        if (queryMask is not null) output = output * TorchMasks.StepWeights(queryMask, 3, Device);
        if (leadingAxes)
            (output, weights) = (output.reshape([.. queryShape[..^1], output.shape[^1]]), weights.reshape([.. queryShape[..^1], weights.shape[^1]]));
        return new TorchResult(call.Node.ReturnAttentionScores ? [output, weights] : [output], queryMask);
    }

    /// <summary>The scores f(Q, K) of queries (batch, Tq, dim) against keys (batch, Tv, dim): (batch, Tq, Tv).</summary>
    protected abstract torch.Tensor Scores(torch.Tensor query, torch.Tensor key);

    /// <summary>
    /// <c>T[n, i, j, :] = tanh(α·(q[n, i, :] + k[n, j, :]))</c>, (batch, Tq, Tv, dim): the additive score's activations
    /// (the managed <c>TanhScores</c>), α omitted when null.
    /// </summary>
    protected static torch.Tensor TanhOfSums(torch.Tensor query, torch.Tensor key, torch.Tensor? alpha)
    {
        torch.Tensor sums = query.unsqueeze(2) + key.unsqueeze(1);
        return torch.tanh(alpha is null ? sums : sums * alpha);
    }

    // scores[n, i, j] − 1e9 where value step j is padding, or j > i under the causal mask
    private torch.Tensor Lowered(torch.Tensor scores, SequenceMask? valueMask, bool causal)
    {
        if (valueMask is null && !causal) return scores;
        long tq = scores.shape[1], tv = scores.shape[2];
        torch.Tensor? padded = valueMask is null ? null : TorchMasks.Real(valueMask, 2, Device).logical_not().unsqueeze(1);
        torch.Tensor? future = causal ? torch.ones(tq, tv, torch.@bool, Device).triu(1) : null;
        torch.Tensor lowered = padded is null ? future! : future is null ? padded : padded.logical_or(future);
        return scores - lowered.to(torch.float32) * DenseAttention.MaskPenalty;
    }

    // A' = A ⊙ keep, the managed layer's factors drawn from its stream
    private torch.Tensor Dropped(torch.Tensor weights, bool training)
    {
        if (!training || attention.Dropout == 0) return weights;
        int count = checked((int)weights.numel());
        if (_keep.Length != count) _keep = new float[count];
        attention.DrawDropoutScales(_keep);
        return weights * TorchTransfer.ToTorch(_keep, weights.shape, Device);
    }
}
