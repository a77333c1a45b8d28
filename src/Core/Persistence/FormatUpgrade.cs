using System.Text.Json.Nodes;

namespace NotebookRnn.Persistence;

/// <summary>
/// Reads the model configuration of an older format version as this version means it, so an old file computes what it
/// computed when saved. Version 1 → 2: <c>hard_sigmoid</c> was Keras 2's clip(0.2·x + 0.5, 0, 1), which is now
/// <c>hard_sigmoid_keras2</c> (<c>hard_sigmoid</c> is Keras 3's relu6(x + 3) / 6).
/// </summary>
internal static class FormatUpgrade
{
    private static readonly string[] ActivationKeys = ["activation", "recurrent_activation"];

    /// <summary>The model configuration <paramref name="modelJson"/> of format <paramref name="version"/> in the current format.</summary>
    public static string ToCurrent(string modelJson, int version)
    {
        if (version >= 2) return modelJson;
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(modelJson, documentOptions: new System.Text.Json.JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (System.Text.Json.JsonException)
        {
            return modelJson;
        }
        return RenameKeras2HardSigmoid(root) ? root!.ToJsonString() : modelJson;
    }

    // Every activation value "hard_sigmoid", at any depth (wrapped layers), becomes "hard_sigmoid_keras2".
    private static bool RenameKeras2HardSigmoid(JsonNode? node)
    {
        bool changed = false;
        switch (node)
        {
            case JsonObject entries:
                foreach (string key in entries.Select(entry => entry.Key).ToArray())
                {
                    JsonNode? value = entries[key];
                    if (ActivationKeys.Contains(key) && value is JsonValue text && text.TryGetValue(out string? name) && name == "hard_sigmoid")
                    {
                        entries[key] = "hard_sigmoid_keras2";
                        changed = true;
                    }
                    else changed |= RenameKeras2HardSigmoid(value);
                }
                break;
            case JsonArray items:
                foreach (JsonNode? item in items) changed |= RenameKeras2HardSigmoid(item);
                break;
        }
        return changed;
    }
}
