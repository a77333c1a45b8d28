using NotebookRnn.Layers;
using NotebookRnn.Layers.Functional;

namespace NotebookRnn.Persistence;

/// <summary>
/// A functional model's configuration in Keras's form (<c>keras/src/models/functional.py</c>, <c>get_config</c> and
/// <c>functional_from_config</c>) and back:
/// <code>
/// { "name", "seed",
///   "layers": [ { "class_name": "InputLayer", "config": { "name", "batch_shape", "dtype" }, "name", "inbound_nodes": [] },
///               { "class_name": "LSTM", "config": {…}, "name": "lstm_1",
///                 "inbound_nodes": [ { "args": [ tensor ], "kwargs": { "initial_state": [ tensor, tensor ] } } ] }, … ],
///   "input_layers": [ [ "encoder_inputs", 0, 0 ], … ], "output_layers": [ [ "dense", 0, 0 ], … ] }
/// </code>
/// Each layer is listed once, inputs first, then in the order of its first call; each of its calls in the model is one
/// inbound node, in running order. A tensor is Keras's <c>{ "class_name": "__keras_tensor__", "config": { "shape",
/// "dtype", "keras_history": [layer, node, tensor] } }</c>: output <c>tensor</c> of call <c>node</c> of <c>layer</c>
/// (a bare <c>[layer, node, tensor]</c> is read too). A layer of several inputs takes them as one list argument.
/// </summary>
internal static class FunctionalConfig
{
    /// <summary>The <c>class_name</c> of a functional model's configuration.</summary>
    public const string ClassName = "Functional";

    /// <summary>A functional model's configuration read back: its new layers, unbuilt, called as the file says.</summary>
    /// <param name="Inputs">The model's inputs, in order.</param>
    /// <param name="Outputs">The model's outputs, in order.</param>
    /// <param name="Program">The graph from the inputs to the outputs, in running order.</param>
    internal sealed record Graph(IReadOnlyList<Input> Inputs, IReadOnlyList<SymbolicTensor> Outputs, GraphProgram Program);

    /// <summary>The <c>config</c> of the model named <paramref name="name"/> whose graph is <paramref name="graph"/>.</summary>
    public static Dictionary<string, object?> Describe(string name, long seed, GraphProgram graph)
    {
        var callIndex = new Dictionary<LayerNode, int>();
        var calls = new Dictionary<Layer, List<LayerNode>>();
        foreach (LayerNode node in graph.Nodes)
        {
            if (!calls.TryGetValue(node.Layer, out List<LayerNode>? list)) calls[node.Layer] = list = [];
            callIndex[node] = list.Count;
            list.Add(node);
        }
        object?[] History(SymbolicTensor tensor) => [tensor.Layer.Name, tensor.Node.IsInput ? 0 : callIndex[tensor.Node], tensor.Index];
        Dictionary<string, object?> Tensor(SymbolicTensor tensor) => new()
        {
            ["class_name"] = InboundNode.KerasTensor,
            ["config"] = new Dictionary<string, object?>
            {
                ["shape"] = (int?[])[null, .. tensor.Shape], ["dtype"] = tensor is Input input ? input.DType : "float32", ["keras_history"] = History(tensor),
            },
        };
        return new()
        {
            ["name"] = name,
            ["seed"] = seed,
            ["layers"] = graph.Layers.Select(layer => new Dictionary<string, object?>
            {
                ["class_name"] = LayerRegistry.ClassNameOf(layer),
                ["config"] = layer.GetConfig(),
                ["name"] = layer.Name,
                ["inbound_nodes"] = (calls.GetValueOrDefault(layer) ?? []).Select(node => InboundNode.Describe(node, Tensor)).ToList(),
            }).ToList(),
            ["input_layers"] = graph.Inputs.Select(History).ToList(),
            ["output_layers"] = graph.Outputs.Select(History).ToList(),
        };
    }

    /// <summary>Creates the layers <paramref name="config"/> lists and calls them as its inbound nodes say; nothing is built.</summary>
    /// <exception cref="ConfigException">
    /// An unknown layer type or key, a name twice, a call on a layer or call the configuration lacks, calls that wait on
    /// each other, or a graph whose outputs do not come from its inputs alone or that leaves a layer out (disconnected).</exception>
    public static Graph Read(ConfigReader config, string modelName)
    {
        var layers = new Dictionary<string, LayerCalls>(StringComparer.Ordinal);
        var ordered = new List<LayerCalls>();
        foreach (ConfigReader entry in config.Objects("layers"))
        {
            LayerCalls calls = LayerCalls.Read(entry);
            if (!layers.TryAdd(calls.Name, calls)) throw entry.Error("name", $"layer '{calls.Name}' is listed twice.");
            ordered.Add(calls);
        }
        // As Keras does: a call waits until the calls it takes tensors from are made (a layer shared at several depths).
        bool progress;
        do
        {
            progress = false;
            foreach (LayerCalls calls in ordered)
                while (calls.CallNext(layers)) progress = true;
        }
        while (progress);
        LayerCalls[] stuck = [.. ordered.Where(c => c.Pending > 0)];
        if (stuck.Length > 0) throw stuck.Select(c => c.MissingCallError(layers)).FirstOrDefault(e => e is not null) ?? stuck[0].CycleError(layers);
        Input[] inputs = [.. InboundNode.Histories(config, "input_layers").Select(h => h.Resolve(layers) as Input
            ?? throw new ConfigException(h.Path, $"'{h.LayerName}' is not an InputLayer; a model's inputs are its InputLayers' tensors."))];
        SymbolicTensor[] outputs = [.. InboundNode.Histories(config, "output_layers").Select(h => h.Resolve(layers))];
        GraphProgram program;
        try
        {
            program = GraphProgram.Of(inputs, outputs, modelName);
        }
        catch (ArgumentException error)
        {
            throw new ConfigException($"{config.Path}.output_layers", error.Message, error);
        }
        LayerCalls? unused = ordered.FirstOrDefault(c => !program.Layers.Contains(c.Layer));
        if (unused is not null)
            throw new ConfigException(unused.Path,
                $"layer '{unused.Name}' leads to no output of the model from its inputs: the configuration is disconnected.");
        return new Graph(inputs, outputs, program);
    }
}
