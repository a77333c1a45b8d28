using NotebookRnn.Layers;
using NotebookRnn.Layers.Functional;
using NotebookRnn.Layers.Recurrent;
using NotebookRnn.Layers.Wrappers;
using NotebookRnn.Models;

namespace NotebookRnn.Notebook.Views;

/// <summary>
/// The graph of a model as Keras's <c>plot_model</c> draws it: a call per box, inputs first, and an edge per tensor a
/// call takes, marked when it carries a mask (<see cref="MaskFlow.Carries"/>, decided without running the model) or a
/// recurrent state handed into an <c>initialState</c>. Read from the model's own graph of layer calls, in running order.
/// </summary>
internal sealed class ModelGraph
{
    private ModelGraph(string modelName, IReadOnlyList<GraphCall> calls, IReadOnlyList<GraphEdge> edges, IReadOnlyList<int> outputCalls)
    {
        ModelName = modelName;
        Calls = calls;
        Edges = edges;
        OutputCalls = outputCalls;
    }

    /// <summary>The model's name.</summary>
    public string ModelName { get; }

    /// <summary>The calls: the model's inputs in input order, then every call after the calls it takes tensors from.</summary>
    public IReadOnlyList<GraphCall> Calls { get; }

    /// <summary>The edges, by receiving call and then input.</summary>
    public IReadOnlyList<GraphEdge> Edges { get; }

    /// <summary>The calls that make the model's outputs, in output order.</summary>
    public IReadOnlyList<int> OutputCalls { get; }

    /// <summary>The graph of <paramref name="model"/>.</summary>
    /// <exception cref="InvalidOperationException">A Sequential model is not built yet.</exception>
    public static ModelGraph Of(Model model)
    {
        ArgumentNullException.ThrowIfNull(model);
        GraphProgram program = GraphProgram.Of([.. model.Inputs], [.. model.Outputs], model.Name);
        List<LayerNode> nodes = [.. program.Inputs.Select(i => i.Node), .. program.Nodes];
        var index = new Dictionary<LayerNode, int>();
        for (int n = 0; n < nodes.Count; n++) index[nodes[n]] = n;
        var masked = new HashSet<SymbolicTensor>();
        var edges = new List<GraphEdge>();
        var calls = new List<GraphCall>();
        foreach (LayerNode node in nodes)
        {
            int data = node.Inputs.Count - node.StateInputs;
            bool[] masksIn = [.. node.Inputs.Take(data).Select(masked.Contains)];
            for (int i = 0; i < node.Inputs.Count; i++)
            {
                SymbolicTensor tensor = node.Inputs[i];
                EdgeKind kind = i >= data ? EdgeKind.State : masksIn[i] ? EdgeKind.Mask : EdgeKind.Data;
                edges.Add(new GraphEdge(index[tensor.Node], tensor.Index, index[node], i, kind,
                    kind == EdgeKind.State ? StateNames(node.Layer, node.StateInputs)[i - data] : null));
            }
            bool maskOut = !node.IsInput && MaskFlow.Carries(node.Layer, masksIn);
            if (maskOut) masked.Add(node.Outputs[0]);
            var sameLayer = nodes.Where(n => n.Layer == node.Layer).ToList();
            calls.Add(new GraphCall(node.Layer, sameLayer.IndexOf(node), sameLayer.Count,
                node.IsInput ? [node.Outputs[0].Shape] : [.. node.Inputs.Select(t => t.Shape)],
                [.. node.Outputs.Select(t => t.Shape)], masksIn.Any(m => m), maskOut));
        }
        return new ModelGraph(model.Name, calls, edges, [.. program.Outputs.Select(o => index[o.Node])]);
    }

    /// <summary>
    /// The pairs of recurrent calls where the first's final states are the second's initial states (an encoder and its
    /// decoder), in call order.
    /// </summary>
    public IReadOnlyList<(int Encoder, int Decoder)> StateHandovers() =>
    [
        .. Edges.Where(e => e.Kind == EdgeKind.State && Calls[e.From].Layer is RecurrentLayer && Calls[e.To].Layer is RecurrentLayer)
            .Select(e => (e.From, e.To)).Distinct(),
    ];

    /// <summary>The names of the states a call of <paramref name="layer"/> starts from: <c>h, c</c> for an LSTM, <c>h</c> for a GRU or SimpleRNN.</summary>
    public static IReadOnlyList<string> StateNames(Layer layer, int count)
    {
        string[] names = layer switch
        {
            LSTM => ["h", "c"],
            Bidirectional { ForwardLayer: LSTM } => ["h fwd", "c fwd", "h bwd", "c bwd"],
            Bidirectional => ["h fwd", "h bwd"],
            _ => ["h"],
        };
        return names.Length == count ? names : [.. Enumerable.Range(0, count).Select(k => $"state {k}")];
    }
}
