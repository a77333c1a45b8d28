using NotebookRnn.Tensors;

namespace NotebookRnn.Initializers;

/// <summary>All ones (Keras <c>ones</c>).</summary>
public sealed class Ones : Initializer
{
    /// <inheritdoc/>
    public override string Name => "ones";

    /// <inheritdoc/>
    public override void Fill(Span<float> values, IReadOnlyList<int> shape, RandomGenerator random) => values.Fill(1);
}
