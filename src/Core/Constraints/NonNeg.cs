using System.Numerics.Tensors;

namespace NotebookRnn.Constraints;

/// <summary>Keras <c>NonNeg</c>: w ← max(w, 0).</summary>
public sealed class NonNeg : Constraint
{
    /// <inheritdoc/>
    public override string Name => "non_neg";

    /// <inheritdoc/>
    public override void Apply(Span<float> values, IReadOnlyList<int> shape) => TensorPrimitives.Max(values, 0f, values);
}
