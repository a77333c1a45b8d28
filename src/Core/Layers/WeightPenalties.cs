namespace NotebookRnn.Layers;

/// <summary>
/// What a training step does with the weights' regularizers and constraints (Keras: regularization losses join the
/// loss; constraints run after the optimizer's update). Applied once per step to the primary model's weights, after
/// the device gradients are combined, so the result does not depend on the device count.
/// </summary>
internal static class WeightPenalties
{
    /// <summary>
    /// Σ penalty(w) over the trainable weights with a regularizer (a frozen weight's penalty is not a loss, as in Keras);
    /// with <paramref name="addGradients"/>, also adds ∂penalty/∂w into their gradients.
    /// </summary>
    public static double Add(IReadOnlyList<Parameter> parameters, bool addGradients)
    {
        double penalty = 0;
        foreach (Parameter parameter in parameters)
        {
            if (!parameter.Trainable || parameter.Regularizer is not { } regularizer) continue;
            penalty += regularizer.Penalty(parameter.Value.Span, parameter.Value.Shape);
            if (addGradients) regularizer.AddGradient(parameter.Value.Span, parameter.Value.Shape, parameter.Gradient.Span);
        }
        return penalty;
    }

    /// <summary>Projects every trainable weight that has a constraint, in place (device replicas share the values).</summary>
    public static void Constrain(IReadOnlyList<Parameter> parameters)
    {
        foreach (Parameter parameter in parameters)
            if (parameter.Trainable && parameter.Constraint is { } constraint) constraint.Apply(parameter.Value.Span, parameter.Value.Shape);
    }
}
