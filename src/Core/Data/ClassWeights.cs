using NotebookRnn.Kernels;
using NotebookRnn.Tensors;

namespace NotebookRnn.Data;

/// <summary>
/// Keras's <c>class_weight</c>: each sample weighs as much as its class. The class of a sample is its target rounded
/// (half to even) when the target is one value — (samples,) or (samples, 1), class ids or 0/1 labels — and the argmax of
/// its target vector (samples, C) otherwise; a class the map lacks weighs 1.
/// </summary>
internal static class ClassWeights
{
    /// <summary>One weight per sample of <paramref name="y"/>, shape (samples,).</summary>
    /// <exception cref="ArgumentException">
    /// <paramref name="y"/> has more than two axes (per-step targets: one sample has many classes), or a weight is not finite.</exception>
    public static Tensor ToSampleWeights(Tensor y, IReadOnlyDictionary<int, double> classWeight, string argumentName)
    {
        foreach (var (id, weight) in classWeight)
            if (!double.IsFinite(weight))
                throw new ArgumentException($"classWeight[{id}] is {weight}; expected a finite weight.", argumentName);
        if (y.Rank > 2)
            throw new ArgumentException(
                $"classWeight needs one class per sample, but the targets have shape {Tensor.ShapeText(y.Shape)} (more than 2 axes); " +
                "give sampleWeight of shape (samples, steps) instead.", argumentName);
        int samples = y.Dim(0), perSample = y.Rank == 1 ? 1 : y.Dim(1);
        var weights = new Tensor(samples);
        for (int i = 0; i < samples; i++)
        {
            ReadOnlySpan<float> target = y.Span.Slice(i * perSample, perSample);
            int id = perSample == 1 ? (int)Math.Round(target[0], MidpointRounding.ToEven) : ElementwiseKernels.IndexOfMax(target);
            weights[i] = classWeight.TryGetValue(id, out double weight) ? (float)weight : 1f;
        }
        return weights;
    }
}
