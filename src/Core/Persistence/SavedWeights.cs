using System.Globalization;
using NotebookRnn.Layers;
using NotebookRnn.Optimizers;
using NotebookRnn.Tensors;

namespace NotebookRnn.Persistence;

/// <summary>
/// Pairs a model's weights, and its optimizer's per-weight state, with the tensors of a read model file, checking
/// names and shapes before anything is copied, so a failed load changes nothing.
/// </summary>
internal static class SavedWeights
{
    /// <summary>Every weight of the model with the file's tensor of the same name and shape.</summary>
    /// <exception cref="ModelFormatException">The first weight the file lacks or holds with another shape, or a weight of the file the model lacks.</exception>
    public static List<(Parameter Target, NamedTensor Source)> Match(ModelFileContents file, IReadOnlyList<(string Name, Parameter Parameter)> weights)
    {
        var pairs = new List<(Parameter Target, NamedTensor Source)>();
        foreach (var (name, parameter) in weights)
        {
            string shape = Tensor.ShapeText(parameter.Value.Shape);
            NamedTensor stored = file.Find(name) ?? throw file.Error($"weight '{name}'",
                $"the model has weight '{name}' of shape {shape}, which the file lacks; the file has {TensorList(file)}.");
            if (!stored.Value.Shape.SequenceEqual(parameter.Value.Shape))
                throw file.Error($"weight '{name}'",
                    $"the model's weight has shape {shape}, the file's has shape {Tensor.ShapeText(stored.Value.Shape)}; the file comes from another architecture.",
                    stored.ByteOffset);
            pairs.Add((parameter, stored));
        }
        var names = weights.Select(w => w.Name).ToHashSet(StringComparer.Ordinal);
        NamedTensor? extra = file.Tensors.FirstOrDefault(t => !names.Contains(t.Name) && !t.Name.StartsWith(ModelFile.OptimizerPrefix, StringComparison.Ordinal));
        if (extra is not null)
            throw file.Error($"weight '{extra.Name}'",
                $"the file has weight '{extra.Name}' of shape {Tensor.ShapeText(extra.Value.Shape)}, which the model lacks; the file comes from another architecture.",
                extra.ByteOffset);
        return pairs;
    }

    /// <summary><c>optimizer/&lt;weight&gt;/&lt;slot&gt;</c> tensors → each weight's slot arrays; every weight with state has all its slots.</summary>
    /// <exception cref="ModelFormatException">A tensor names no weight or slot, has the wrong shape, or a slot is missing.</exception>
    public static Dictionary<Parameter, float[][]> OptimizerState(ModelFileContents file, Optimizer optimizer,
        IReadOnlyList<(string Name, Parameter Parameter)> weights)
    {
        int slotCount = optimizer.StateSlotCount;
        Dictionary<string, Parameter> byName = weights.ToDictionary(w => w.Name, w => w.Parameter, StringComparer.Ordinal);
        var state = new Dictionary<Parameter, float[][]>();
        var names = new Dictionary<Parameter, string>();
        foreach (NamedTensor tensor in file.Tensors.Where(t => t.Name.StartsWith(ModelFile.OptimizerPrefix, StringComparison.Ordinal)))
        {
            string rest = tensor.Name[ModelFile.OptimizerPrefix.Length..];
            int slash = rest.LastIndexOf('/');
            if (slash < 0 || !int.TryParse(rest[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out int slot)
                || !byName.TryGetValue(rest[..slash], out Parameter? parameter))
                throw file.Error($"tensor '{tensor.Name}'", "it is named as optimizer state, but 'optimizer/<weight>/<slot>' names no weight of the model.", tensor.ByteOffset);
            if (slot >= slotCount)
                throw file.Error($"tensor '{tensor.Name}'", $"slot {slot}, but {optimizer.Name} as configured keeps {slotCount} per weight.", tensor.ByteOffset);
            if (!tensor.Value.Shape.SequenceEqual(parameter.Value.Shape))
                throw file.Error($"tensor '{tensor.Name}'", $"its shape {Tensor.ShapeText(tensor.Value.Shape)} differs from its weight's, " +
                    $"{Tensor.ShapeText(parameter.Value.Shape)}.", tensor.ByteOffset);
            if (!state.TryGetValue(parameter, out float[][]? slots)) state[parameter] = slots = new float[slotCount][];
            names[parameter] = rest[..slash];
            slots[slot] = tensor.Value.ToArray();
        }
        foreach (var (parameter, slots) in state)
        {
            int missing = Array.FindIndex(slots, s => s is null);
            if (missing >= 0)
                throw file.Error($"tensor '{ModelFile.OptimizerPrefix}{names[parameter]}/{missing}'",
                    $"the optimizer state of '{names[parameter]}' lacks slot {missing} of {slotCount}; the file is damaged.");
        }
        return state;
    }

    private static string TensorList(ModelFileContents file)
    {
        string[] names = [.. file.Tensors.Select(t => $"'{t.Name}'").Take(12)];
        return names.Length == 0 ? "no weights" : string.Join(", ", names) + (file.Tensors.Count > names.Length ? ", …" : "");
    }
}
