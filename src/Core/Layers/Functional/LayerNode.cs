using NotebookRnn.Tensors;

namespace NotebookRnn.Layers.Functional;

/// <summary>
/// One call of a layer in a functional graph (Keras's <c>Node</c>): the layer, the symbolic tensors it was called on
/// and the ones it made. A recurrent layer's call takes the sequence first, then its initial states
/// (<see cref="StateInputs"/>), and makes its output, then — with <c>returnState</c> — its final states.
/// </summary>
internal sealed class LayerNode
{
    internal LayerNode(Layer layer, IReadOnlyList<SymbolicTensor> inputs, IReadOnlyList<SymbolicTensor> outputs, int stateInputs = 0)
    {
        Layer = layer;
        Inputs = inputs;
        Outputs = outputs;
        StateInputs = stateInputs;
    }

    private LayerNode(Layer layer, IReadOnlyList<SymbolicTensor> inputs, int stateInputs, IReadOnlyList<int?[]> outputShapes)
    {
        Layer = layer;
        Inputs = inputs;
        StateInputs = stateInputs;
        Outputs = [.. outputShapes.Select((shape, k) => new SymbolicTensor(this, k, shape))];
    }

    public Layer Layer { get; }

    public IReadOnlyList<SymbolicTensor> Inputs { get; }

    public IReadOnlyList<SymbolicTensor> Outputs { get; }

    /// <summary>How many of the last inputs are initial states of a recurrent call.</summary>
    public int StateInputs { get; }

    /// <summary>An attention call's options: a causal mask, and the attention distribution as a second output.</summary>
    public bool UseCausalMask { get; private init; }

    public bool ReturnAttentionScores { get; private init; }

    /// <summary>Whether this is the call of an <see cref="InputLayer"/>, which a model feeds.</summary>
    public bool IsInput => Layer is InputLayer;

    /// <summary>The shapes the layer is (or will be) built for: every input's, or a recurrent call's sequence's only.</summary>
    public IReadOnlyList<int?[]> BuildShapes => [.. Inputs.Take(Inputs.Count - StateInputs).Select(t => t.Shape)];

    /// <summary>
    /// Records the call of a one-input layer on <paramref name="input"/>; the output shape is checked now, as Keras does.
    /// A recurrent layer with <c>returnState</c> also outputs its states, unless <paramref name="withStates"/> is false (as in a
    /// Sequential model, which passes the output on).
    /// </summary>
    /// <exception cref="ArgumentException">The layer cannot take the input's shape, or was built for another.</exception>
    public static SymbolicTensor Call(Layer layer, SymbolicTensor input, bool withStates = true)
    {
        ArgumentNullException.ThrowIfNull(input);
        return withStates && layer is IRecurrentCall { ReturnState: true } recurrent
            ? CallRecurrent(layer, recurrent, input, [])
            : new LayerNode(layer, [input], 0, [OutputShape(layer, [input.Shape])]).Outputs[0];
    }

    /// <summary>Records the call of a layer on several inputs.</summary>
    /// <exception cref="ArgumentException">No input, a null one, or shapes the layer cannot take.</exception>
    public static SymbolicTensor Call(MultiInputLayer layer, IReadOnlyList<SymbolicTensor> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Any(t => t is null)) throw new ArgumentException($"{layer.GetType().Name} '{layer.Name}' was called on a null input.", nameof(inputs));
        return new LayerNode(layer, [.. inputs], 0, [OutputShape(layer, [.. inputs.Select(t => t.Shape)])]).Outputs[0];
    }

    /// <summary>
    /// Records an attention call on query, value and optionally key (Keras's <c>attention([query, value, key],
    /// use_causal_mask=…, return_attention_scores=…)</c>): its outputs are the attended values (batch, Tq, dim) and, when
    /// asked, the attention distribution (batch, Tq, Tv).
    /// </summary>
    /// <exception cref="ArgumentException">A null input, or shapes the layer cannot take.</exception>
    public static SymbolicTensor CallAttention(Attention.DenseAttention layer, SymbolicTensor query, SymbolicTensor value, SymbolicTensor? key,
        bool returnAttentionScores, bool useCausalMask)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(value);
        SymbolicTensor[] inputs = key is null ? [query, value] : [query, value, key];
        int?[] output = OutputShape(layer, [.. inputs.Select(t => t.Shape)]);
        int?[][] shapes = returnAttentionScores ? [output, [query.Shape[0], value.Shape[0]]] : [output];
        return new LayerNode(layer, inputs, 0, shapes) { UseCausalMask = useCausalMask, ReturnAttentionScores = returnAttentionScores }.Outputs[0];
    }

    /// <summary>
    /// Records a recurrent call on <paramref name="input"/> from <paramref name="initialState"/> (Keras <c>initial_state</c>;
    /// empty: zeros): its outputs are the layer's output and, with <c>returnState</c>, the final states.
    /// </summary>
    /// <exception cref="ArgumentException">A state's number or width does not fit the layer.</exception>
    public static SymbolicTensor CallRecurrent(Layer layer, IRecurrentCall recurrent, SymbolicTensor input, IReadOnlyList<SymbolicTensor> initialState)
    {
        ArgumentNullException.ThrowIfNull(input);
        IReadOnlyList<int> sizes = recurrent.StateSizes;
        if (initialState.Count != 0 && initialState.Count != sizes.Count)
            throw new ArgumentException(
                $"{layer.GetType().Name} '{layer.Name}' has {sizes.Count} states, got {initialState.Count} in initialState.", nameof(initialState));
        for (int k = 0; k < initialState.Count; k++)
        {
            SymbolicTensor? state = initialState[k];
            if (state is null || state.Shape.Length != 1 || state.Shape[0] != sizes[k])
                throw new ArgumentException(
                    $"Initial state {k} of {layer.GetType().Name} '{layer.Name}' must have shape (None, {sizes[k]}), got " +
                    (state is null ? "null" : Tensor.ShapeText([null, .. state.Shape])) + ".", nameof(initialState));
        }
        int?[] output = OutputShape(layer, [input.Shape]);
        IEnumerable<int?[]> states = recurrent.ReturnState ? sizes.Select(size => new int?[] { size }) : [];
        return new LayerNode(layer, [input, .. initialState], initialState.Count, [output, .. states]).Outputs[0];
    }

    // A built layer keeps its shapes (a trained layer reused in an inference model); an unbuilt one is built by its model.
    private static int?[] OutputShape(Layer layer, IReadOnlyList<int?[]> shapes)
    {
        if (layer is InputLayer) throw new ArgumentException($"InputLayer '{layer.Name}' is not called: use new Input(shape) for a model input.", nameof(layer));
        if (layer.IsBuilt)
        {
            IReadOnlyList<int?[]> built = layer.BuiltInputShapes;
            if (built.Count != shapes.Count || built.Where((shape, i) => !shape.SequenceEqual(shapes[i])).Any())
                throw new ArgumentException(
                    $"Layer '{layer.Name}' was built for input shape {Text(built)}, and was called on {Text(shapes)}.", "input");
            return layer.OutputShape;
        }
        return layer.OutputShapeOf(shapes);
    }

    private static string Text(IReadOnlyList<int?[]> shapes) =>
        string.Join(", ", shapes.Select(s => Tensor.ShapeText([null, .. s])));
}
