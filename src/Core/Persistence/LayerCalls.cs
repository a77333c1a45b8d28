using NotebookRnn.Layers;
using NotebookRnn.Layers.Functional;

namespace NotebookRnn.Persistence;

/// <summary>
/// A layer of a functional configuration being read, with its calls (inbound nodes): those made so far, in order, and
/// those still waiting for the tensors they take. An InputLayer has no call: its <see cref="Input"/> is its one tensor.
/// </summary>
internal sealed class LayerCalls
{
    private readonly IReadOnlyList<InboundNode> _nodes;
    private readonly List<IReadOnlyList<SymbolicTensor>> _made = [];

    private LayerCalls(string path, Layer layer, IReadOnlyList<InboundNode> nodes)
    {
        Path = path;
        Layer = layer;
        _nodes = nodes;
    }

    /// <summary>Where the layer's entry is in the configuration.</summary>
    public string Path { get; }

    /// <summary>The new layer (an input's <see cref="InputLayer"/>).</summary>
    public Layer Layer { get; }

    /// <summary>The layer's name.</summary>
    public string Name => Layer.Name;

    /// <summary>The outputs of each call made so far, in call order.</summary>
    public IReadOnlyList<IReadOnlyList<SymbolicTensor>> Made => _made;

    /// <summary>How many calls the configuration gives the layer: an input's one tensor, or one per inbound node.</summary>
    public int CallCount => Layer is InputLayer ? 1 : _nodes.Count;

    /// <summary>How many calls wait.</summary>
    public int Pending => CallCount - _made.Count;

    /// <summary>Reads a layer entry: <c>{ "class_name", "config", "name", "inbound_nodes" }</c>.</summary>
    /// <exception cref="ConfigException">An unknown layer type or key, a name unlike the config's, or an input layer with calls.</exception>
    public static LayerCalls Read(ConfigReader entry)
    {
        string name = entry.String("name");
        InboundNode[] nodes = [.. entry.Objects("inbound_nodes").Select(InboundNode.Read)];
        Layer layer = LayerRegistry.FromDescription(entry);
        if (layer.Name != name) throw entry.Error("name", $"is '{name}', but the layer's config names it '{layer.Name}'.");
        if (layer is not InputLayer input) return new LayerCalls(entry.Path, layer, nodes);
        if (nodes.Length > 0) throw entry.Error("inbound_nodes", $"InputLayer '{name}' is not called; expected [].");
        var tensor = new Input(input.Shape, input.Name, input.DType);
        var calls = new LayerCalls(entry.Path, tensor.Layer, []);
        calls._made.Add([tensor]);
        return calls;
    }

    /// <summary>Makes the next waiting call if the tensors it takes are made; says whether it did.</summary>
    /// <exception cref="ConfigException">The call names a layer the configuration lacks, or does not suit the layer.</exception>
    public bool CallNext(IReadOnlyDictionary<string, LayerCalls> layers)
    {
        if (Pending == 0) return false;
        InboundNode node = _nodes[_made.Count];
        if (!node.Needs.All(t => t.IsMade(layers))) return false;
        _made.Add(node.Call(Layer, layers).Node.Outputs);
        return true;
    }

    /// <summary>The error of the next waiting call when it takes a tensor of a call the configuration does not have, else null.</summary>
    public ConfigException? MissingCallError(IReadOnlyDictionary<string, LayerCalls> layers)
    {
        TensorHistory? missing = _nodes[_made.Count].Needs.FirstOrDefault(t => !t.Exists(layers));
        if (missing is null) return null;
        int calls = layers[missing.LayerName].CallCount;
        return new ConfigException(missing.Path,
            $"names call {missing.Call} of layer '{missing.LayerName}', which has {calls} call{(calls == 1 ? "" : "s")} in the configuration.");
    }

    /// <summary>The error of the next waiting call when every call it takes a tensor from exists, but waits on it in turn.</summary>
    public ConfigException CycleError(IReadOnlyDictionary<string, LayerCalls> layers)
    {
        TensorHistory waiting = _nodes[_made.Count].Needs.First(t => !t.IsMade(layers));
        return new ConfigException(waiting.Path,
            $"call {_made.Count} of layer '{Name}' takes {waiting}, which cannot be made before it: the calls form a cycle.");
    }
}
