using NotebookRnn.Constraints;
using NotebookRnn.Regularizers;
using NotebookRnn.Tensors;

namespace NotebookRnn.Layers;

/// <summary>A trainable weight of a layer together with the gradient that backward passes accumulate into.</summary>
public sealed class Parameter
{
    /// <summary>Creates a parameter holding <paramref name="value"/> and a zero gradient of the same shape.</summary>
    public Parameter(string name, Tensor value, bool trainable = true)
    {
        Name = name;
        Value = value;
        Gradient = new Tensor(value.Shape.ToArray());
        Trainable = trainable;
    }

    /// <summary>The weight's name inside its layer, e.g. <c>kernel</c>, <c>recurrent_kernel</c>, <c>bias</c>.</summary>
    public string Name { get; }

    /// <summary>The weight values.</summary>
    public Tensor Value { get; }

    /// <summary>The gradient of the loss with respect to <see cref="Value"/>; backward passes add into it.</summary>
    public Tensor Gradient { get; }

    /// <summary>Whether optimizers update this weight.</summary>
    public bool Trainable { get; set; }

    /// <summary>The penalty on this weight added to the training loss (a layer's <c>kernelRegularizer</c>, …), or <c>null</c>.</summary>
    public Regularizer? Regularizer { get; init; }

    /// <summary>The projection applied to this weight after each optimizer step (a layer's <c>kernelConstraint</c>, …), or <c>null</c>.</summary>
    public Constraint? Constraint { get; init; }

    /// <summary>Sets the gradient to zero.</summary>
    public void ZeroGradient() => Gradient.Span.Clear();

    /// <inheritdoc/>
    public override string ToString() => $"{Name} {Tensor.ShapeText(Value.Shape)}";
}
