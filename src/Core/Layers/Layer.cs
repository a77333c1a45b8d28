using NotebookRnn.Constraints;
using NotebookRnn.Initializers;
using NotebookRnn.Layers.Functional;
using NotebookRnn.Regularizers;
using NotebookRnn.Tensors;

namespace NotebookRnn.Layers;

/// <summary>
/// Base of every layer. Lifecycle, as in Keras: the constructor stores configuration →
/// <see cref="Build"/> creates weights for a known input shape → <see cref="Forward"/> / <see cref="Backward"/>
/// → <see cref="GetConfig"/>.
/// </summary>
/// <remarks>
/// Shapes given to and returned by layers exclude the batch dimension; <c>null</c> marks a dimension that may
/// differ per batch (e.g. the time dimension of variable-length input).
/// The tensor returned by <see cref="Forward"/> and <see cref="Backward"/> belongs to the layer and is valid
/// until its next call: layers reuse their buffers across batches so training does not allocate.
/// </remarks>
public abstract class Layer
{
    private readonly List<Parameter> _parameters = [];
    private int?[][]? _builtInputShapes;
    private int?[]? _outputShape;
    private WeightCreation? _weights;

    /// <summary>Stores the configuration shared by all layers.</summary>
    /// <param name="name">Layer name; defaults to the snake-case type name made unique within its model.</param>
    /// <param name="inputShape">Input shape without the batch dimension; needed on a model's first layer only.</param>
    protected Layer(string? name, int?[]? inputShape)
    {
        if (inputShape is not null)
            foreach (int? d in inputShape)
                if (d is <= 0)
                    throw new ArgumentException(
                        $"Every known dimension of inputShape must be > 0, got {Tensor.ShapeText(inputShape)}.",
                        nameof(inputShape));
        Name = name ?? "";
        InputShape = inputShape is null ? null : (int?[])inputShape.Clone();
    }

    /// <summary>The layer's name, unique within its model.</summary>
    public string Name { get; internal set; }

    /// <summary>The input shape given to the constructor (without batch), or <c>null</c>.</summary>
    public int?[]? InputShape { get; }

    /// <summary>Whether <see cref="Build"/> has run.</summary>
    public bool IsBuilt => _builtInputShapes is not null;

    /// <summary>The input shape the layer was built for (without batch); a <see cref="MultiInputLayer"/>'s first input's.</summary>
    /// <exception cref="InvalidOperationException">The layer is not built yet.</exception>
    public int?[] BuiltInputShape => (_builtInputShapes ?? throw NotBuilt())[0];

    /// <summary>The shapes of every input the layer was built for (without batch): one, or a <see cref="MultiInputLayer"/>'s several.</summary>
    /// <exception cref="InvalidOperationException">The layer is not built yet.</exception>
    public IReadOnlyList<int?[]> BuiltInputShapes => _builtInputShapes ?? throw NotBuilt();

    /// <summary>The output shape (without batch).</summary>
    /// <exception cref="InvalidOperationException">The layer is not built yet.</exception>
    public int?[] OutputShape => _outputShape ?? throw NotBuilt();

    /// <summary>
    /// All weights of the layer, in creation order. Wrappers (e.g. <c>TimeDistributed</c>) override this to expose the
    /// weights of the layer they wrap.
    /// </summary>
    public virtual IReadOnlyList<Parameter> Parameters => _parameters;

    /// <summary>
    /// Whether training updates the layer's weights (Keras <c>trainable</c>; default true). Setting it sets it on the layers
    /// this one wraps and every weight's <see cref="Parameter.Trainable"/>; a layer built later creates its weights with it.
    /// </summary>
    public bool Trainable
    {
        get;
        set
        {
            field = value;
            foreach (Layer wrapped in WrappedLayers) wrapped.Trainable = value;
            foreach (Parameter parameter in Parameters) parameter.Trainable = value;
        }
    } = true;

    /// <summary>The layers this one wraps (a wrapper's), which <see cref="Trainable"/> sets too, as Keras sets its sub-layers.</summary>
    private protected virtual IEnumerable<Layer> WrappedLayers => [];

    /// <summary>
    /// The penalty on the layer's output added to the training loss, divided by the batch size (Keras
    /// <c>activity_regularizer</c>), or <c>null</c>; layers that take an <c>activityRegularizer</c> argument set it. With
    /// ragged input, the steps batching pads after each sequence count as zeros, so the penalty does not depend on the
    /// batching; dense input is penalised whole, as in Keras. Inside a wrapper, the penalty applies as in Keras 3: inside
    /// <c>Bidirectional</c> on the forward and the backward layer's output, not inside
    /// <c>TimeDistributed</c> (which runs its layer's <c>call</c>).
    /// </summary>
    public Regularizer? ActivityRegularizer { get; private protected set; }

    /// <summary>The activity penalties of wrapped layers that count in the loss, on their last forward pass's outputs.</summary>
    internal virtual IReadOnlyList<WrappedActivity> WrappedActivities => [];

    /// <summary>Total number of weight values (Keras's "Param #").</summary>
    public int ParameterCount => Parameters.Sum(p => p.Value.Length);

    /// <summary>Whether the layer accepts a <see cref="SequenceMask"/>; layers that do not reject one.</summary>
    public virtual bool SupportsMasking => false;

    /// <summary>The snake-case name used for default layer names, e.g. <c>dense</c>, <c>lstm</c>.</summary>
    public virtual string TypeName => Naming.SnakeCase(GetType().Name);

    /// <summary>Creates the weights for inputs of shape <paramref name="inputShape"/> (without batch).</summary>
    /// <param name="inputShape">Input shape without the batch dimension.</param>
    /// <param name="random">Source of initial weight values.</param>
    /// <exception cref="ArgumentException">The layer cannot take inputs of this shape.</exception>
    public void Build(int?[] inputShape, RandomGenerator random) => BuildWith(WeightCreation.Initialized, inputShape, random);

    /// <summary>Creates the weights, their values coming from <paramref name="weights"/>.</summary>
    /// <exception cref="ArgumentException">The layer cannot take inputs of this shape, or a weight does not fit <paramref name="weights"/>.</exception>
    internal void BuildWith(WeightCreation weights, int?[] inputShape, RandomGenerator random)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        BuildWith(weights, [inputShape], random);
    }

    /// <summary>Creates the weights for inputs of the given shapes: one for most layers, several for a <see cref="MultiInputLayer"/>.</summary>
    /// <exception cref="ArgumentException">The layer cannot take inputs of these shapes, or was built for others.</exception>
    internal void BuildWith(WeightCreation weights, IReadOnlyList<int?[]> inputShapes, RandomGenerator random)
    {
        ArgumentNullException.ThrowIfNull(inputShapes);
        ArgumentNullException.ThrowIfNull(random);
        if (IsBuilt)
        {
            if (inputShapes.Count != _builtInputShapes!.Length || inputShapes.Where((shape, i) => !shape.SequenceEqual(_builtInputShapes[i])).Any())
                throw new ArgumentException(
                    $"Layer '{Name}' was built for input shape {ShapesText(_builtInputShapes)}, got {ShapesText(inputShapes)}.",
                    "inputShape");
            return;
        }
        int?[] outputShape = OutputShapeFor(inputShapes);
        _weights = weights;
        try
        {
            BuildFor(inputShapes, random);
        }
        finally
        {
            _weights = null;
        }
        _builtInputShapes = [.. inputShapes.Select(shape => (int?[])shape.Clone())];
        _outputShape = outputShape;
    }

    /// <summary>The output shape for these input shapes, their number checked.</summary>
    /// <exception cref="ArgumentException">The layer cannot take inputs of these shapes.</exception>
    internal int?[] OutputShapeOf(IReadOnlyList<int?[]> inputShapes) => OutputShapeFor(inputShapes);

    /// <summary>The output shape for these input shapes; a layer with one input takes exactly one.</summary>
    private protected virtual int?[] OutputShapeFor(IReadOnlyList<int?[]> inputShapes) => inputShapes.Count == 1
        ? ComputeOutputShape(inputShapes[0])
        : throw new ArgumentException($"Layer '{Name}' ({GetType().Name}) takes one input, got {inputShapes.Count}.", "inputs");

    /// <summary>Creates the weights for these (checked) input shapes.</summary>
    private protected virtual void BuildFor(IReadOnlyList<int?[]> inputShapes, RandomGenerator random) => OnBuild(inputShapes[0], random);

    private static string ShapesText(IReadOnlyList<int?[]> shapes) =>
        shapes.Count == 1 ? Tensor.ShapeText(shapes[0]) : "[" + string.Join(", ", shapes.Select(s => Tensor.ShapeText(s))) + "]";

    /// <summary>Builds a layer this one wraps, inside <see cref="OnBuild"/>, with the weight values of this build.</summary>
    private protected void BuildWrapped(Layer wrapped, int?[] inputShape, RandomGenerator random) =>
        wrapped.BuildWith(_weights ?? WeightCreation.Initialized, inputShape, random);

    /// <summary>Creates the layer's weights; called once by <see cref="Build"/> after the shape was checked.</summary>
    protected virtual void OnBuild(int?[] inputShape, RandomGenerator random)
    {
    }

    /// <summary>The output shape (without batch) for inputs of shape <paramref name="inputShape"/>.</summary>
    /// <exception cref="ArgumentException">The layer cannot take inputs of this shape.</exception>
    public abstract int?[] ComputeOutputShape(int?[] inputShape);

    /// <summary>
    /// Calls the layer on a symbolic tensor of the functional API (Keras's <c>layer(x)</c>): records the call and returns
    /// the symbolic output, whose shape is checked now. The model made of the graph builds the layer.
    /// <code>var x = new Input([null, 8]); var h = new LSTM(32).Call(x); var y = new Dense(1).Call(h);</code>
    /// </summary>
    /// <exception cref="ArgumentException">The layer cannot take the input's shape, or was built for another.</exception>
    public SymbolicTensor Call(SymbolicTensor input) => LayerNode.Call(this, input);

    /// <summary>Computes the layer's output for one batch.</summary>
    /// <param name="input">Input of shape (batch, …) matching the built input shape.</param>
    /// <param name="mask">Which steps are real, or <c>null</c>.</param>
    /// <param name="training">Whether this is a training pass (dropout active, values kept for backward).</param>
    public abstract Tensor Forward(Tensor input, SequenceMask? mask, bool training);

    /// <summary>
    /// Back-propagates the gradient of the loss with respect to the last training <see cref="Forward"/>'s output:
    /// adds the weight gradients into <see cref="Parameter.Gradient"/> and returns the input gradient.
    /// </summary>
    /// <param name="outputGradient">Gradient with the shape of the last output.</param>
    /// <param name="needInputGradient">Whether the caller needs the input gradient (false for a model's first layer).</param>
    /// <returns>The input gradient, or <c>null</c> when not needed or when the input is not differentiable.</returns>
    public abstract Tensor? Backward(Tensor outputGradient, bool needInputGradient);

    /// <summary>The mask of the output given the input's mask; by default a masking layer passes it on.</summary>
    public virtual SequenceMask? ComputeOutputMask(Tensor input, SequenceMask? mask) => SupportsMasking ? mask : null;

    /// <summary>
    /// The constructor arguments as Keras-style configuration (key → value): <c>name</c>, <c>input_shape</c> when
    /// given, then every constructor argument under its name in snake case (<c>return_sequences</c>) with the value of
    /// the property that holds it, and every public settable property. Activations and initializers are given by name,
    /// wrapped layers as <c>{ class_name, config }</c>. A layer whose constructor takes arguments no property holds
    /// overrides this.
    /// </summary>
    public virtual IReadOnlyDictionary<string, object?> GetConfig() => LayerConfig.Of(this);

    /// <summary>
    /// Creates the weight <paramref name="name"/> of the given shape; its values come from the build (filled by
    /// <paramref name="initializer"/> for a new layer).
    /// </summary>
    /// <exception cref="ArgumentException">The weight does not fit the build: a model file being loaded holds fewer values.</exception>
    /// <param name="name">The weight's name in the layer, e.g. <c>kernel</c>.</param>
    /// <param name="shape">Its shape.</param>
    /// <param name="initializer">Fills a new layer's values.</param>
    /// <param name="random">The layer's stream for random initializers.</param>
    /// <param name="regularizer">The weight's penalty in the training loss, or <c>null</c>.</param>
    /// <param name="constraint">The projection applied after each optimizer step, or <c>null</c>.</param>
    protected Parameter AddWeight(string name, int[] shape, Initializer initializer, RandomGenerator random, Regularizer? regularizer = null,
        Constraint? constraint = null)
    {
        Tensor value = (_weights ?? WeightCreation.Initialized).CreateValue(this, name, shape, initializer, random);
        var parameter = new Parameter(name, value, Trainable) { Regularizer = regularizer, Constraint = constraint };
        _parameters.Add(parameter);
        return parameter;
    }

    /// <summary>Copies of the layer's weight values in Keras order (<see cref="Parameters"/>: kernel, recurrent kernel, bias, …; Keras <c>get_weights</c>).</summary>
    public IReadOnlyList<Tensor> GetWeights() => [.. Parameters.Select(p => p.Value.Clone())];

    /// <summary>
    /// Sets the layer's weight values from <paramref name="weights"/>, in the order of <see cref="GetWeights"/> (Keras
    /// <c>set_weights</c>). The values are copied into the existing weights, so training replicas see them too.
    /// </summary>
    /// <exception cref="ArgumentException">A different number of weights, or a weight of another shape; nothing is changed.</exception>
    public void SetWeights(IReadOnlyList<Tensor> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        IReadOnlyList<Parameter> parameters = Parameters;
        WeightValues.Check(Name, parameters, weights, nameof(weights));
        for (int i = 0; i < parameters.Count; i++) weights[i].Span.CopyTo(parameters[i].Value.Span);
    }

    /// <summary>Checks that <paramref name="input"/> matches the built shape: same rank, equal known dimensions.</summary>
    /// <exception cref="ArgumentException">It does not.</exception>
    protected void CheckInput(Tensor input)
    {
        int?[] expected = BuiltInputShape;
        bool matches = input.Rank == expected.Length + 1;
        for (int i = 0; matches && i < expected.Length; i++)
            matches = expected[i] is null || expected[i] == input.Shape[i + 1];
        if (!matches)
            throw new ArgumentException(
                $"Layer '{Name}' expects input of shape {Tensor.ShapeText([null, .. expected])}, got {Tensor.ShapeText(input.Shape)}.",
                nameof(input));
    }

    /// <summary>An exception for a call that needs weights before <see cref="Build"/> ran.</summary>
    protected InvalidOperationException NotBuilt() =>
        new($"Layer '{Name}' is not built yet: add it to a model with a known input shape, or call Build first.");
}
