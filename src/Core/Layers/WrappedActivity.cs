using NotebookRnn.Regularizers;
using NotebookRnn.Tensors;

namespace NotebookRnn.Layers;

/// <summary>
/// The activity penalty of a layer inside a wrapper that counts in the loss (Keras applies it inside
/// <c>Bidirectional</c>, whose inner layers run their own <c>__call__</c>): the inner layer's regularizer, its output of
/// the last forward pass (set by the wrapper), and what the model measured for the next backward pass.
/// </summary>
internal sealed class WrappedActivity(Regularizer regularizer)
{
    /// <summary>The inner layer's activity regularizer.</summary>
    public Regularizer Regularizer { get; } = regularizer;

    /// <summary>The inner layer's output of the last forward pass, in input time order.</summary>
    public Tensor? Output { get; private set; }

    /// <summary>What the penalty saw (<see cref="Output"/> with ragged padding zeroed); <c>null</c> until a model measures it.</summary>
    public Tensor? Penalised { get; set; }

    /// <summary>The factor of ∂penalty/∂output the next backward pass adds to the output's gradient.</summary>
    public float GradientScale { get; set; }

    /// <summary>Records a new forward pass's output; the penalty counts only once a model has measured it.</summary>
    public void Record(Tensor output) => (Output, Penalised) = (output, null);

    /// <summary>Adds <see cref="GradientScale"/> · ∂penalty/∂output to <paramref name="outputGradient"/>, when the model measured the penalty.</summary>
    public void AddGradient(Tensor outputGradient)
    {
        if (Penalised is { } penalised) Regularizer.AddGradient(penalised.Span, penalised.Shape, outputGradient.Span, GradientScale);
    }
}
