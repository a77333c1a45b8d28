using NotebookRnn.Layers.Functional;
using NotebookRnn.Tensors;

namespace NotebookRnn.Layers;

/// <summary>
/// A layer that takes several tensors at once, as Keras layers called on a list do: the merge layers
/// (<c>Concatenate</c>, <c>Add</c>, …) and attention (query, value and key). Lifecycle as for every layer: the
/// constructor stores configuration → <see cref="Build(IReadOnlyList{int?[]}, RandomGenerator)"/> creates weights for
/// known input shapes → <see cref="Forward(IReadOnlyList{Tensor}, IReadOnlyList{SequenceMask?}, bool)"/> /
/// <see cref="BackwardAll"/> → <see cref="Layer.GetConfig"/>.
/// </summary>
/// <remarks>
/// Shapes exclude the batch dimension; every input has the same batch size. The single-tensor members of
/// <see cref="Layer"/> are refused, with a message that says to pass the inputs as a list. The tensors returned belong to
/// the layer and are valid until its next call.
/// </remarks>
public abstract class MultiInputLayer : Layer
{
    /// <summary>Stores the configuration shared by all layers.</summary>
    /// <param name="name">Layer name; defaults to the snake-case type name made unique within its model.</param>
    protected MultiInputLayer(string? name) : base(name, null)
    {
    }

    /// <summary>The fewest inputs the layer takes; default 2.</summary>
    public virtual int MinInputs => 2;

    /// <summary>The most inputs the layer takes; default any number.</summary>
    public virtual int MaxInputs => int.MaxValue;

    /// <summary>Creates the weights for inputs of shapes <paramref name="inputShapes"/> (without batch).</summary>
    /// <exception cref="ArgumentException">The layer cannot take inputs of these shapes; the message names them.</exception>
    public void Build(IReadOnlyList<int?[]> inputShapes, RandomGenerator random) => BuildWith(WeightCreation.Initialized, inputShapes, random);

    /// <summary>The output shape (without batch) for inputs of shapes <paramref name="inputShapes"/>.</summary>
    /// <exception cref="ArgumentException">The layer cannot take inputs of these shapes.</exception>
    public abstract int?[] ComputeOutputShape(IReadOnlyList<int?[]> inputShapes);

    /// <summary>Creates the layer's weights; called once by <c>Build</c> after the shapes were checked.</summary>
    protected virtual void OnBuild(IReadOnlyList<int?[]> inputShapes, RandomGenerator random)
    {
    }

    /// <summary>Calls the layer on symbolic tensors of the functional API (Keras's <c>layer([a, b])</c>) and returns the symbolic output.</summary>
    /// <exception cref="ArgumentException">Too few or too many inputs, or shapes the layer cannot take.</exception>
    public SymbolicTensor Call(params SymbolicTensor[] inputs) => LayerNode.Call(this, inputs);

    /// <summary>Computes the layer's output for one batch.</summary>
    /// <param name="inputs">The inputs, each (batch, …) matching its built shape.</param>
    /// <param name="masks">Each input's mask, or <c>null</c>; as many as inputs (or an empty list: no masks).</param>
    /// <param name="training">Whether this is a training pass (values kept for backward).</param>
    public abstract Tensor Forward(IReadOnlyList<Tensor> inputs, IReadOnlyList<SequenceMask?> masks, bool training);

    /// <summary>
    /// Back-propagates the gradient of the loss with respect to the last training <see cref="Forward(IReadOnlyList{Tensor}, IReadOnlyList{SequenceMask?}, bool)"/>'s
    /// output: adds the weight gradients into <see cref="Parameter.Gradient"/> and returns one gradient per input.
    /// </summary>
    /// <param name="outputGradient">Gradient with the shape of the last output.</param>
    /// <param name="needInputGradients">Which inputs' gradients the caller needs (one flag per input).</param>
    /// <returns>One gradient per input, <c>null</c> where not needed.</returns>
    public abstract IReadOnlyList<Tensor?> BackwardAll(Tensor outputGradient, IReadOnlyList<bool> needInputGradients);

    /// <summary>The output's mask given the inputs' masks; by default none (a layer that passes masks on overrides this).</summary>
    public virtual SequenceMask? ComputeOutputMask(IReadOnlyList<Tensor> inputs, IReadOnlyList<SequenceMask?> masks) => null;

    /// <inheritdoc/>
    public sealed override int?[] ComputeOutputShape(int?[] inputShape) => throw OneInput();

    /// <inheritdoc/>
    public sealed override Tensor Forward(Tensor input, SequenceMask? mask, bool training) => throw OneInput();

    /// <inheritdoc/>
    public sealed override Tensor? Backward(Tensor outputGradient, bool needInputGradient) => throw OneInput();

    /// <inheritdoc/>
    public sealed override SequenceMask? ComputeOutputMask(Tensor input, SequenceMask? mask) => throw OneInput();

    private protected sealed override int?[] OutputShapeFor(IReadOnlyList<int?[]> inputShapes)
    {
        if (inputShapes.Count < MinInputs || inputShapes.Count > MaxInputs)
            throw new ArgumentException(
                $"{GetType().Name} '{Name}' takes {(MinInputs == MaxInputs ? $"{MinInputs}" : MaxInputs == int.MaxValue ? $"at least {MinInputs}" : $"{MinInputs} to {MaxInputs}")} inputs, got {inputShapes.Count}.",
                "inputs");
        return ComputeOutputShape(inputShapes);
    }

    private protected sealed override void BuildFor(IReadOnlyList<int?[]> inputShapes, RandomGenerator random) => OnBuild(inputShapes, random);

    /// <summary>Checks the inputs against the built shapes: their number, rank, known dimensions and one batch size.</summary>
    /// <exception cref="ArgumentException">They do not match; the message names the input and both shapes.</exception>
    protected void CheckInputs(IReadOnlyList<Tensor> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        IReadOnlyList<int?[]> expected = BuiltInputShapes;
        if (inputs.Count != expected.Count)
            throw new ArgumentException($"{GetType().Name} '{Name}' was built for {expected.Count} inputs, got {inputs.Count}.", nameof(inputs));
        for (int k = 0; k < inputs.Count; k++)
        {
            Tensor input = inputs[k];
            bool matches = input.Rank == expected[k].Length + 1 && input.Dim(0) == inputs[0].Dim(0);
            for (int i = 0; matches && i < expected[k].Length; i++) matches = expected[k][i] is null || expected[k][i] == input.Shape[i + 1];
            if (!matches)
                throw new ArgumentException(
                    $"Input {k} of {GetType().Name} '{Name}' must have shape {Tensor.ShapeText([inputs[0].Dim(0), .. expected[k]])}, got {Tensor.ShapeText(input.Shape)}.",
                    nameof(inputs));
        }
    }

    private InvalidOperationException OneInput() =>
        new($"{GetType().Name} '{Name}' takes a list of inputs: call it with several (Call(a, b), or Forward(inputs, masks, training)), not one tensor.");
}
