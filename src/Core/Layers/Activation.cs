using NotebookRnn.Tensors;

namespace NotebookRnn.Layers;

/// <summary>Applies an activation function: x → f(x), same shape (Keras <c>Activation</c>).</summary>
public sealed class Activation : Layer, IOutputActivation
{
    private Tensor? _input, _output, _inputGradient;

    /// <summary>Creates the layer.</summary>
    /// <param name="activation">Keras name or <see cref="ActivationFunction"/>: linear, relu, sigmoid, tanh, softmax, hard_sigmoid (Keras 3), hard_sigmoid_keras2.</param>
    /// <param name="inputShape">Input shape without batch, for a model's first layer.</param>
    /// <param name="name">Layer name.</param>
    public Activation(ActivationFunction activation, int?[]? inputShape = null, string? name = null) : base(name, inputShape)
    {
        ArgumentNullException.ThrowIfNull(activation);
        Function = activation;
    }

    /// <summary>The function applied.</summary>
    [ConfigArgument("activation")]
    public ActivationFunction Function { get; }

    /// <inheritdoc/>
    public override bool SupportsMasking => true;

    ActivationFunction IOutputActivation.OutputActivation => Function;
    Tensor IOutputActivation.PreActivation => _input ?? throw NotBuilt();

    /// <inheritdoc/>
    public override int?[] ComputeOutputShape(int?[] inputShape)
    {
        if (Function.Kind == ActivationKind.Softmax && (inputShape.Length == 0 || inputShape[^1] is null))
            throw new ArgumentException(
                $"Softmax '{Name}' needs a known last dimension, got input shape {Tensor.ShapeText(inputShape)}.", nameof(inputShape));
        return (int?[])inputShape.Clone();
    }

    // x: (batch, …) → y: (batch, …)
    /// <inheritdoc/>
    public override Tensor Forward(Tensor input, SequenceMask? mask, bool training)
    {
        CheckInput(input);
        Tensor output = Tensor.Reuse(ref _output, [.. input.Shape]);
        Function.Forward(input.Span, output.Span, input.Dim(-1));
        _input = input;
        return output;
    }

    // dy → dx = dy · f'(x)
    /// <inheritdoc/>
    public override Tensor? Backward(Tensor outputGradient, bool needInputGradient)
    {
        if (!needInputGradient) return null;
        Tensor dx = Tensor.Reuse(ref _inputGradient, [.. outputGradient.Shape]);
        Function.Backward(_output!.Span, outputGradient.Span, dx.Span, outputGradient.Dim(-1));
        return dx;
    }

    Tensor? IOutputActivation.BackwardFromPreActivation(Tensor preActivationGradient, bool needInputGradient) =>
        needInputGradient ? preActivationGradient : null;
}
