using NotebookRnn.Layers;
using NotebookRnn.TorchSharp.Tensors;
using TorchSharp;

namespace NotebookRnn.TorchSharp.Layers;

/// <summary>
/// A weight on a libtorch device in Keras's layout: a leaf tensor that takes the <see cref="Parameter"/>'s values before
/// each forward pass and gives its gradient back after each backward pass.
/// </summary>
internal sealed class TorchWeight : IDisposable
{
    public TorchWeight(Parameter parameter, torch.Device device)
    {
        Parameter = parameter;
        Value = torch.zeros(TorchTransfer.Shape(parameter.Value.Shape), torch.float32, device);
    }

    /// <summary>The model's weight.</summary>
    public Parameter Parameter { get; }

    /// <summary>The leaf tensor layers compute with; it requires a gradient while the weight is trainable.</summary>
    public torch.Tensor Value { get; }

    /// <summary>Copies the weight's values to the device.</summary>
    public void Upload()
    {
        TorchTransfer.Overwrite(Value, Parameter.Value.Span);
        if (Value.requires_grad != Parameter.Trainable) Value.requires_grad = Parameter.Trainable;
    }

    /// <summary>Adds the gradient of the last backward pass into the weight's, and zeroes it on the device.</summary>
    public void AddGradient()
    {
        using torch.Tensor? gradient = Value.grad;
        if (gradient is null) return;
        TorchTransfer.AddTo(gradient, Parameter.Gradient.Span);
        gradient.zero_();
    }

    public void Dispose() => Value.Dispose();
}
