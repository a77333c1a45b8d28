using NotebookRnn.Tensors;

namespace NotebookRnn.Models;

/// <summary>
/// The <c>validationData</c> of <c>Fit</c>, as Keras's <c>validation_data</c>: <c>(x, y)</c>, or
/// <c>(x, y, sampleWeight)</c> to weigh the validation loss and the weighted metrics. Written as a tuple at the call
/// site: <c>validationData: (xVal, yVal, wVal)</c>.
/// </summary>
/// <typeparam name="TInputs">The inputs' form, as <c>Fit</c>'s <c>x</c>: <see cref="Tensor"/>, <c>int[][]</c> or <c>float[][][]</c>.</typeparam>
/// <param name="X">Validation inputs, in the same form as the training inputs.</param>
/// <param name="Y">Validation targets, shapes as for the training targets.</param>
/// <param name="SampleWeight">
/// Weights of the validation samples' losses (Keras <c>val_sample_weight</c>): (samples,), (samples, 1), or (samples, T) one per
/// step of per-step targets; null (the default) weighs every sample 1.</param>
public sealed record ValidationData<TInputs>(TInputs X, Tensor Y, Tensor? SampleWeight = null)
{
    /// <summary>Unweighted validation data <c>(x, y)</c>.</summary>
    public static implicit operator ValidationData<TInputs>((TInputs X, Tensor Y) data) => new(data.X, data.Y);

    /// <summary>Weighted validation data <c>(x, y, sampleWeight)</c> (Keras's 3-tuple).</summary>
    public static implicit operator ValidationData<TInputs>((TInputs X, Tensor Y, Tensor? SampleWeight) data) =>
        new(data.X, data.Y, data.SampleWeight);
}
