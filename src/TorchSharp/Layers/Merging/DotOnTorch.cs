using NotebookRnn.Layers.Merging;
using TorchSharp;

namespace NotebookRnn.TorchSharp.Layers.Merging;

/// <summary>
/// <see cref="Dot"/> on libtorch: per sample, <c>y = A·Bᵀ</c> for A the first input with its axis moved last, (P·Q, d),
/// and B the second's, (R·S, d); with <c>normalize</c> each row is first divided by <c>√max(Σ x², 1e−14)</c>. The output
/// has the managed layer's shape and no mask.
/// </summary>
internal sealed class DotOnTorch(Dot dot, torch.Device device) : TorchLayer(dot, device)
{
    private const float SquaredEpsilon = 1e-14f;

    // x₁: (batch, P, d, Q), x₂: (batch, R, d, S) → A: (batch, P·Q, d), B: (batch, R·S, d) → y: (batch, P, Q, R, S) or (batch, 1)
    public override TorchResult Forward(TorchCall call)
    {
        torch.Tensor first = call.Inputs[0], second = call.Inputs[1];
        int a = Axis(dot.Axes[0], first), b = Axis(dot.Axes[^1], second);
        torch.Tensor rows = Rows(first, a), columns = Rows(second, b);
        long[] shape = [first.shape[0], .. Without(first.shape, a), .. Without(second.shape, b)];
        torch.Tensor product = rows.bmm(columns.transpose(1, 2));
        return new TorchResult(product.reshape(shape.Length == 1 ? [shape[0], 1] : shape), null);
    }

    // x: (batch, …, d at axis, …) → (batch, rows, d), L2-normalised over d when asked
    private torch.Tensor Rows(torch.Tensor x, int axis)
    {
        torch.Tensor rows = x.movedim([axis], [-1]).reshape(x.shape[0], -1, x.shape[axis]);
        if (!dot.Normalize) return rows;
        torch.Tensor inverseNorms = rows.square().sum(-1, keepdim: true).clamp_min(SquaredEpsilon).rsqrt();
        return rows * inverseNorms;
    }

    private static int Axis(int axis, torch.Tensor x) => axis < 0 ? axis + (int)x.ndim : axis;

    private static IEnumerable<long> Without(long[] shape, int axis) => shape.Skip(1).Where((_, i) => i != axis - 1);
}
