using NotebookRnn.Layers;
using NotebookRnn.Tensors;

namespace NotebookRnn.Data;

/// <summary>
/// One assembled batch: inputs, targets (null when predicting), mask of the inputs (null when none), and sample weights
/// (null when none): (n,) one per sample, or (n, steps) one per step of per-step targets.
/// </summary>
internal readonly record struct Batch(Tensor X, Tensor? Y, SequenceMask? Mask, Tensor? SampleWeight = null)
{
    public int Count => X.Dim(0);
}
