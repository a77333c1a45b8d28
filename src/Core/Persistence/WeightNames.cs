using NotebookRnn.Layers;
using NotebookRnn.Layers.Wrappers;

namespace NotebookRnn.Persistence;

/// <summary>
/// The names weights are saved under: <c>&lt;layer&gt;/&lt;weight&gt;</c>, with a wrapped layer's name in between for
/// wrappers (<c>bidirectional/forward_lstm/kernel</c>, <c>time_distributed/dense/kernel</c>).
/// </summary>
internal static class WeightNames
{
    /// <summary>Every weight of <paramref name="layers"/> with its name, in the order of <see cref="Layer.Parameters"/>.</summary>
    /// <exception cref="InvalidOperationException">Two weights get the same name (e.g. a layer name containing '/').</exception>
    public static IReadOnlyList<(string Name, Parameter Parameter)> For(IEnumerable<Layer> layers)
    {
        var named = new List<(string Name, Parameter Parameter)>();
        foreach (Layer layer in layers) named.AddRange(ForLayer(layer, ""));
        string? duplicate = named.GroupBy(w => w.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1)?.Key;
        if (duplicate is not null)
            throw new InvalidOperationException(
                $"Two weights would be saved as '{duplicate}'; give the layers (and the layers inside wrappers) distinct names without '/'.");
        return named;
    }

    private static IEnumerable<(string Name, Parameter Parameter)> ForLayer(Layer layer, string prefix)
    {
        string path = prefix + layer.Name + "/";
        return layer switch
        {
            Bidirectional bidirectional => [.. ForLayer(bidirectional.ForwardLayer, path), .. ForLayer(bidirectional.BackwardLayer, path)],
            TimeDistributed distributed => ForLayer(distributed.Layer, path),
            _ => layer.Parameters.Select(p => (path + p.Name, p)),
        };
    }
}
