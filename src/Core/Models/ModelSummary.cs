using System.Globalization;
using System.Text;
using NotebookRnn.Layers;
using NotebookRnn.Layers.Functional;
using NotebookRnn.Tensors;

namespace NotebookRnn.Models;

/// <summary>
/// A model's layer table as Keras prints it (<c>model.summary()</c>): layer name and type, output shape, number of
/// weights, and the totals. <see cref="ToString"/> renders the text table.
/// </summary>
public sealed class ModelSummary
{
    internal ModelSummary(string modelName, IReadOnlyList<LayerSummary> layers)
    {
        ModelName = modelName;
        Layers = layers;
    }

    /// <summary>The model's name.</summary>
    public string ModelName { get; }

    /// <summary>The summary of built <paramref name="layers"/>.</summary>
    internal static ModelSummary Of(string modelName, IReadOnlyList<Layer> layers) =>
        new(modelName, [.. layers.Select(l => new LayerSummary(l.Name, l.GetType().Name, l.OutputShape,
            l.ParameterCount, l.Parameters.Where(p => p.Trainable).Sum(p => p.Value.Length), l))]);

    /// <summary>The summary of a functional model: a row per layer, with the tensors each call took (Keras's "Connected to").</summary>
    internal static ModelSummary Of(string modelName, GraphProgram graph)
    {
        var calls = new Dictionary<Layer, List<LayerNode>>();
        foreach (LayerNode node in graph.Inputs.Select(i => i.Node).Concat(graph.Nodes))
        {
            if (!calls.TryGetValue(node.Layer, out List<LayerNode>? list)) calls[node.Layer] = list = [];
            list.Add(node);
        }
        string Source(SymbolicTensor t) => $"{t.Layer.Name}[{calls[t.Layer].IndexOf(t.Node)}][{t.Index}]";
        return new(modelName, [.. graph.Layers.Select(l => new LayerSummary(l.Name, l.GetType().Name, calls[l][0].Outputs[0].Shape,
            l.ParameterCount, l.Parameters.Where(p => p.Trainable).Sum(p => p.Value.Length), l)
        {
            OutputShapes = [.. calls[l][0].Outputs.Select(o => o.Shape)],
            ConnectedTo = [.. calls[l].SelectMany(n => n.Inputs).Select(Source)],
        })]);
    }

    /// <summary>One row per layer, in order.</summary>
    public IReadOnlyList<LayerSummary> Layers { get; }

    /// <summary>All weight values.</summary>
    public long TotalParameters => Layers.Sum(l => (long)l.Parameters);

    /// <summary>Weight values optimizers update.</summary>
    public long TrainableParameters => Layers.Sum(l => (long)l.TrainableParameters);

    /// <summary>Weight values optimizers leave alone.</summary>
    public long NonTrainableParameters => TotalParameters - TrainableParameters;

    /// <summary>The Keras-style table; a functional model's has a fourth column, "Connected to".</summary>
    public override string ToString()
    {
        bool connections = Layers.Any(l => l.ConnectedTo is not null);
        string[] header = connections ? ["Layer (type)", "Output Shape", "Param #", "Connected to"] : ["Layer (type)", "Output Shape", "Param #"];
        var rows = Layers.Select(l => new[]
        {
            $"{l.Name} ({l.TypeName})",
            l.OutputShapes.Count == 1 ? Tensor.ShapeText([null, .. l.OutputShape]) : "[" + string.Join(", ", l.OutputShapes.Select(s => Tensor.ShapeText([null, .. s]))) + "]",
            l.Parameters.ToString("N0", CultureInfo.InvariantCulture),
            l.ConnectedTo is { Count: > 0 } sources ? string.Join(", ", sources) : "-",
        }[..header.Length]).ToList();
        int[] widths = [.. Enumerable.Range(0, header.Length).Select(c => Math.Max(header[c].Length, rows.Select(r => r[c].Length).DefaultIfEmpty(0).Max()) + 2)];
        var text = new StringBuilder();
        text.AppendLine($"Model: \"{ModelName}\"");
        text.AppendLine("┏" + string.Join("┳", widths.Select(w => new string('━', w))) + "┓");
        text.AppendLine(Line(header, widths, '┃'));
        text.AppendLine("┡" + string.Join("╇", widths.Select(w => new string('━', w))) + "┩");
        for (int i = 0; i < rows.Count; i++)
        {
            text.AppendLine(Line(rows[i], widths, '│'));
            text.AppendLine((i == rows.Count - 1 ? "└" : "├") +
                string.Join(i == rows.Count - 1 ? "┴" : "┼", widths.Select(w => new string('─', w))) + (i == rows.Count - 1 ? "┘" : "┤"));
        }
        text.AppendLine($" Total params: {Count(TotalParameters)}");
        text.AppendLine($" Trainable params: {Count(TrainableParameters)}");
        text.Append($" Non-trainable params: {Count(NonTrainableParameters)}");
        return text.ToString();
    }

    // Name and shape left-aligned, the parameter count right-aligned, the connections left-aligned.
    private static string Line(string[] cells, int[] widths, char border) =>
        border + " " + cells[0].PadRight(widths[0] - 1) + border + " " + cells[1].PadRight(widths[1] - 1) + border +
        cells[2].PadLeft(widths[2] - 1) + " " + border + (cells.Length > 3 ? " " + cells[3].PadRight(widths[3] - 1) + border : "");

    private static string Count(long parameters)
    {
        double bytes = parameters * 4.0;
        string size = bytes >= 1 << 20 ? $"{bytes / (1 << 20):0.00} MB" : bytes >= 1 << 10 ? $"{bytes / (1 << 10):0.00} KB" : $"{bytes:0.00} B";
        return string.Create(CultureInfo.InvariantCulture, $"{parameters:N0} ({size})");
    }
}
