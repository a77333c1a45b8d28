using NotebookRnn.Layers;

namespace NotebookRnn.Models;

/// <summary>One row of a <see cref="ModelSummary"/>.</summary>
/// <param name="Name">Layer name.</param>
/// <param name="TypeName">Layer type as Keras prints it, e.g. <c>LSTM</c>.</param>
/// <param name="OutputShape">Output shape without batch.</param>
/// <param name="Parameters">Weight values.</param>
/// <param name="TrainableParameters">Trainable weight values.</param>
/// <param name="Layer">The layer itself.</param>
public sealed record LayerSummary(string Name, string TypeName, int?[] OutputShape, int Parameters, int TrainableParameters, Layer Layer)
{
    /// <summary>Every output's shape: one, or a recurrent call's output and states.</summary>
    public IReadOnlyList<int?[]> OutputShapes { get; init; } = [OutputShape];

    /// <summary>
    /// In a functional model, the tensors the layer was called on, as Keras writes them: <c>layer[call][output]</c>
    /// (<c>lstm[0][1]</c> is the first state of the layer's first call); null in a Sequential model.
    /// </summary>
    public IReadOnlyList<string>? ConnectedTo { get; init; }
}
