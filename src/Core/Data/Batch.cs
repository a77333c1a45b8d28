using NotebookRnn.Layers;
using NotebookRnn.Tensors;

namespace NotebookRnn.Data;

/// <summary>
/// One assembled batch, one entry per model input and per model output: the inputs, their masks (null when none),
/// the targets (null when predicting), and the sample weights (null when none): (n,) one per sample, or (n, steps) one
/// per step of per-step targets.
/// </summary>
internal readonly record struct Batch(IReadOnlyList<Tensor> Inputs, IReadOnlyList<Tensor?>? Targets, IReadOnlyList<SequenceMask?>? Masks,
    IReadOnlyList<Tensor?>? SampleWeights)
{
    /// <summary>A batch of a model with one input and one output.</summary>
    public Batch(Tensor x, Tensor? y, SequenceMask? mask, Tensor? sampleWeight = null)
        : this([x], y is null ? null : [y], mask is null ? null : [mask], sampleWeight is null ? null : [sampleWeight])
    {
    }

    /// <summary>The first input, its mask, the first target and its sample weights.</summary>
    public Tensor X => Inputs[0];

    public SequenceMask? Mask => Masks?[0];

    public Tensor? Y => Targets?[0];

    public Tensor? SampleWeight => SampleWeights?[0];

    public int Count => X.Dim(0);
}
