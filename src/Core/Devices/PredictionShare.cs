using NotebookRnn.Tensors;

namespace NotebookRnn.Devices;

/// <summary>
/// What one device computed of a prediction batch: the samples it ran (indices into the source, in the order of its
/// output rows) and its outputs, one per model output, each (samples, …). Both belong to the engine until its next call.
/// </summary>
internal readonly record struct PredictionShare(ArraySegment<int> Samples, IReadOnlyList<Tensor> Outputs);
