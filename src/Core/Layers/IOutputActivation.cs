using NotebookRnn.Tensors;

namespace NotebookRnn.Layers;

/// <summary>
/// A layer that ends in an activation whose pre-activation values a loss can use directly (softmax with
/// cross-entropy, sigmoid with binary cross-entropy): the fused loss is numerically stable and skips the
/// activation's own backward.
/// </summary>
internal interface IOutputActivation
{
    /// <summary>The activation the layer applies last.</summary>
    ActivationFunction OutputActivation { get; }

    /// <summary>The values before the activation, from the last training forward pass.</summary>
    Tensor PreActivation { get; }

    /// <summary>Back-propagates a gradient given with respect to <see cref="PreActivation"/>.</summary>
    Tensor? BackwardFromPreActivation(Tensor preActivationGradient, bool needInputGradient);
}
