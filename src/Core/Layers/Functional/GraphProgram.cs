using NotebookRnn.Tensors;

namespace NotebookRnn.Layers.Functional;

/// <summary>
/// A functional graph put in running order: the calls that lead from the inputs to the outputs, each symbolic tensor
/// given a slot, so that a <see cref="GraphRunner"/> runs it with arrays rather than lookups. A Sequential model is
/// the linear case: one call per layer, each on the previous one's output.
/// </summary>
internal sealed class GraphProgram
{
    private readonly Dictionary<SymbolicTensor, int> _slots = [];

    private GraphProgram(IReadOnlyList<Input> inputs, IReadOnlyList<SymbolicTensor> outputs, List<LayerNode> nodes)
    {
        Inputs = inputs;
        Outputs = outputs;
        Nodes = nodes;
        foreach (Input input in inputs) SlotOf(input);
        NodeInputSlots = [.. nodes.Select(n => n.Inputs.Select(SlotOf).ToArray())];
        NodeOutputSlots = [.. nodes.Select(n => n.Outputs.Select(SlotOf).ToArray())];
        InputSlots = [.. inputs.Select(SlotOf)];
        OutputSlots = [.. outputs.Select(SlotOf)];
        OutputCalls = [.. outputs.Select(o => nodes.IndexOf(o.Node))];
        Layers = [.. inputs.Select(i => i.Layer), .. nodes.Select(n => n.Layer).Distinct()];
        Consumers = new int[SlotCount];
        foreach (int[] slots in NodeInputSlots) foreach (int slot in slots) Consumers[slot]++;
        foreach (int slot in OutputSlots) Consumers[slot]++;
    }

    /// <summary>The model's inputs, in the order a caller feeds them.</summary>
    public IReadOnlyList<Input> Inputs { get; }

    /// <summary>The model's outputs, in order.</summary>
    public IReadOnlyList<SymbolicTensor> Outputs { get; }

    /// <summary>Every call between the inputs and the outputs, each after the calls it depends on.</summary>
    public IReadOnlyList<LayerNode> Nodes { get; }

    /// <summary>The layers: the inputs' first, then each layer at its first call (Keras's <c>model.layers</c>).</summary>
    public IReadOnlyList<Layer> Layers { get; }

    /// <summary>Slots of each node's inputs and outputs, and of the model's inputs and outputs.</summary>
    public int[][] NodeInputSlots { get; }
    public int[][] NodeOutputSlots { get; }
    public int[] InputSlots { get; }
    public int[] OutputSlots { get; }

    /// <summary>The index of the call that makes each output (−1 for an input given as an output).</summary>
    public int[] OutputCalls { get; }

    /// <summary>How many uses each slot has: calls that take it, plus one when it is a model output.</summary>
    public int[] Consumers { get; }

    public int SlotCount => _slots.Count;

    /// <summary>The graph from <paramref name="inputs"/> to <paramref name="outputs"/>.</summary>
    /// <exception cref="ArgumentException">
    /// An output cannot be computed from the inputs (Keras's "graph disconnected"), an input repeats, or there is no
    /// input or output.
    /// </exception>
    public static GraphProgram Of(IReadOnlyList<SymbolicTensor> inputs, IReadOnlyList<SymbolicTensor> outputs, string modelName)
    {
        if (inputs.Count == 0) throw new ArgumentException($"Model '{modelName}' needs at least one input.", nameof(inputs));
        if (outputs.Count == 0) throw new ArgumentException($"Model '{modelName}' needs at least one output.", nameof(outputs));
        var modelInputs = new List<Input>();
        foreach (SymbolicTensor tensor in inputs)
        {
            if (tensor is not Input input)
                throw new ArgumentException(
                    $"Every input of model '{modelName}' must be an Input (new Input(shape)), got {tensor?.ToString() ?? "null"}.", nameof(inputs));
            if (modelInputs.Contains(input)) throw new ArgumentException($"Input {input} is given twice to model '{modelName}'.", nameof(inputs));
            modelInputs.Add(input);
        }
        if (outputs.Any(o => o is null)) throw new ArgumentException($"An output of model '{modelName}' is null.", nameof(outputs));
        var order = new List<LayerNode>();
        var placed = new HashSet<LayerNode>();
        foreach (SymbolicTensor output in outputs) Visit(output.Node, modelInputs, order, placed, modelName);
        return new GraphProgram(modelInputs, [.. outputs], order);
    }

    // Depth-first from an output: a call is placed after every call its inputs come from. A tensor exists only once the
    // tensors it is made from do, so the graph has no cycle.
    private static void Visit(LayerNode node, List<Input> inputs, List<LayerNode> order, HashSet<LayerNode> placed, string modelName)
    {
        if (node.IsInput)
        {
            if (!inputs.Contains((Input)node.Outputs[0]))
                throw new ArgumentException(
                    $"Graph disconnected: model '{modelName}' cannot obtain the value of {node.Outputs[0]}, which is not among its inputs " +
                    $"[{string.Join(", ", inputs.Select(i => i.ToString()))}].", "inputs");
            return;
        }
        if (!placed.Add(node)) return;
        foreach (SymbolicTensor input in node.Inputs) Visit(input.Node, inputs, order, placed, modelName);
        order.Add(node);
    }

    /// <summary>
    /// For each output whose first axis is a time axis of unknown length, the input whose steps it has (an encoder–decoder's
    /// per-step output follows the decoder's input); null for an output of fixed shape, or whose steps come from no single input.
    /// </summary>
    /// <remarks>
    /// Found by running the layers' shape rules with every input's unknown time axis set to its own marker length: an output
    /// whose first axis comes out as input k's marker has input k's steps. A layer that refuses the markers (e.g. a merge of two
    /// inputs of different lengths) leaves its outputs with their unknown axis, so with no input.
    /// </remarks>
    public int?[] OutputStepSources()
    {
        const int Marker = 1 << 24;
        var shapes = new int?[SlotCount][];
        for (int n = 0; n < Nodes.Count; n++)
            for (int k = 0; k < Nodes[n].Outputs.Count; k++) shapes[NodeOutputSlots[n][k]] = Nodes[n].Outputs[k].Shape;
        for (int k = 0; k < Inputs.Count; k++)
            shapes[InputSlots[k]] = Inputs[k].Shape is [null, .. var rest] ? [Marker + k, .. rest] : Inputs[k].Shape;
        for (int n = 0; n < Nodes.Count; n++)
        {
            LayerNode node = Nodes[n];
            int?[][] inputs = [.. NodeInputSlots[n].Select(slot => shapes[slot])];
            int?[] output;
            try
            {
                output = node.Layer.OutputShapeOf(inputs[..^node.StateInputs]);
            }
            catch (ArgumentException)
            {
                continue;
            }
            shapes[NodeOutputSlots[n][0]] = output;
            if (node.ReturnAttentionScores) shapes[NodeOutputSlots[n][1]] = [inputs[0][0], inputs[1][0]];
        }
        return [.. OutputSlots.Select(slot => shapes[slot] is [int steps, ..] && steps >= Marker && steps < Marker + Inputs.Count ? steps - Marker : (int?)null)];
    }

    private int SlotOf(SymbolicTensor tensor)
    {
        if (!_slots.TryGetValue(tensor, out int slot)) _slots[tensor] = slot = _slots.Count;
        return slot;
    }

    /// <summary>The linear graph of <paramref name="layers"/>, built, on one input of shape <paramref name="inputShape"/>.</summary>
    public static GraphProgram Linear(IReadOnlyList<Layer> layers, int?[] inputShape, string modelName)
    {
        var input = new Input(inputShape);
        SymbolicTensor tensor = input;
        foreach (Layer layer in layers) tensor = LayerNode.Call(layer, tensor, withStates: false);
        return Of([input], [tensor], modelName);
    }

    /// <summary>Text of a list of shapes, for messages.</summary>
    public static string ShapesText(IEnumerable<int?[]> shapes) => string.Join(", ", shapes.Select(s => Tensor.ShapeText([null, .. s])));
}
