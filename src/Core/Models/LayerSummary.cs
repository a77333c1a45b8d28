using NotebookRnn.Layers;

namespace NotebookRnn.Models;

/// <summary>One row of a <see cref="ModelSummary"/>.</summary>
/// <param name="Name">Layer name.</param>
/// <param name="TypeName">Layer type as Keras prints it, e.g. <c>LSTM</c>.</param>
/// <param name="OutputShape">Output shape without batch.</param>
/// <param name="Parameters">Weight values.</param>
/// <param name="TrainableParameters">Trainable weight values.</param>
/// <param name="Layer">The layer itself.</param>
public sealed record LayerSummary(string Name, string TypeName, int?[] OutputShape, int Parameters, int TrainableParameters, Layer Layer);
