using NotebookRnn.Layers;
using NotebookRnn.Tensors;

namespace NotebookRnn.Data;

/// <summary>One assembled batch: inputs, targets (null when predicting), mask of the inputs (null when none).</summary>
internal readonly record struct Batch(Tensor X, Tensor? Y, SequenceMask? Mask)
{
    public int Count => X.Dim(0);
}
