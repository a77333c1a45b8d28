using NotebookRnn.Tensors;

namespace NotebookRnn.Initializers;

/// <summary>All zeros (Keras <c>zeros</c>); the default bias initializer.</summary>
public sealed class Zeros : Initializer
{
    /// <inheritdoc/>
    public override string Name => "zeros";

    /// <inheritdoc/>
    public override void Fill(Span<float> values, IReadOnlyList<int> shape, RandomGenerator random) => values.Clear();
}
