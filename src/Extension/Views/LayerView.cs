using System.Globalization;
using NotebookRnn.Layers;
using NotebookRnn.Tensors;

namespace NotebookRnn.Notebook.Views;

/// <summary>
/// A layer on its own (recurrent layers draw their unroll graph instead): its Keras configuration, its shapes once
/// built, and its weights with their shapes and parameter counts.
/// </summary>
internal static class LayerView
{
    private static readonly string[] ConfigHeader = ["Argument", "Value"];
    private static readonly string[] WeightHeader = ["Weight", "Shape", "Param #", "Trainable"];

    /// <summary>HTML tables and text.</summary>
    public static MimeBundle Render(Layer layer)
    {
        string title = $"{layer.GetType().Name} '{layer.Name}'";
        var config = layer.GetConfig().Where(e => e.Key != "name")
            .Select(e => (IReadOnlyList<string>)[e.Key, Value(e.Value)]).ToList();
        var weights = layer.Parameters
            .Select(p => (IReadOnlyList<string>)[p.Name, Tensor.ShapeText(p.Value.Shape), Format.Count(p.Value.Length), p.Trainable ? "yes" : "no"])
            .ToList();
        string shapes = layer.IsBuilt
            ? $"Input {Shape(layer.BuiltInputShape)} → output {Shape(layer.OutputShape)}, {Format.Plural(layer.ParameterCount, "parameter")}."
            : "Not built yet: it gets its weights when its model is built or first sees data.";
        var html = new ViewHtml("layer", title).Paragraph(shapes).Table(ConfigHeader, config, [false, false]);
        if (weights.Count > 0) html.Table(WeightHeader, weights, [false, false, true, false]);
        string text = $"{title}\n{shapes}\n" + TextTable.Render(ConfigHeader, config, [false, false]) +
                      (weights.Count > 0 ? TextTable.Render(WeightHeader, weights, [false, false, true, false]) : "");
        return new MimeBundle().Add(MimeTypes.Html, html.Finish()).Add(MimeTypes.PlainText, text);
    }

    private static string Shape(int?[] shape) => "(" + string.Join(", ", shape.Select(Format.Dimension)) + ")";

    private static string Value(object? value) => value switch
    {
        null => "None",
        bool flag => flag ? "True" : "False",
        string text => text,
        int?[] shape => Shape(shape),
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        // An initializer, regularizer or constraint with arguments: L2(l2=0.1).
        IReadOnlyDictionary<string, object?> described when described.TryGetValue("class_name", out object? name)
            && described.TryGetValue("config", out object? arguments) && arguments is IReadOnlyDictionary<string, object?> config =>
            $"{name}({string.Join(", ", config.Select(e => $"{e.Key}={Value(e.Value)}"))})",
        System.Collections.IEnumerable items => "[" + string.Join(", ", items.Cast<object?>().Select(Value)) + "]",
        _ => value.ToString() ?? "",
    };
}
