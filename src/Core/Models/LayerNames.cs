using NotebookRnn.Layers;

namespace NotebookRnn.Models;

/// <summary>Names a model's layers as Keras does: an unnamed layer gets its type's snake-case name, made unique with <c>_1</c>, <c>_2</c>, ….</summary>
internal static class LayerNames
{
    /// <summary>Names the unnamed <paramref name="layers"/> and checks that no two share a name.</summary>
    /// <exception cref="ArgumentException">Two layers have the same name; the message names it.</exception>
    public static void Assign(IReadOnlyList<Layer> layers, string modelName)
    {
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (Layer layer in layers.Where(l => l.Name.Length > 0))
            if (!taken.Add(layer.Name))
                throw new ArgumentException(
                    $"Model '{modelName}' has two layers named '{layer.Name}'; layer names must be unique within a model.", "outputs");
        foreach (Layer layer in layers.Where(l => l.Name.Length == 0))
        {
            string name = layer.TypeName;
            for (int i = 1; taken.Contains(name); i++) name = $"{layer.TypeName}_{i}";
            taken.Add(layer.Name = name);
        }
    }
}
