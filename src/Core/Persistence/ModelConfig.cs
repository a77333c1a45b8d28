using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using NotebookRnn.Layers;
using NotebookRnn.Losses;
using NotebookRnn.Metrics;
using NotebookRnn.Optimizers;

namespace NotebookRnn.Persistence;

/// <summary>
/// A Sequential model's configuration as JSON and back:
/// <c>{ "class_name": "Sequential", "config": { "name", "seed", "build_input_shape", "layers": [ { "class_name", "config" }, … ] },
/// "compile": {…<see cref="CompileConfig"/>…}, "optimizer_state": { "iterations" } }</c>; the last two are present
/// only when saved.
/// </summary>
internal static class ModelConfig
{
    /// <summary>What a model configuration describes: new, unbuilt layers and new compile settings.</summary>
    internal sealed record Description(
        string Name, long Seed, int?[]? BuildInputShape, IReadOnlyList<Layer> Layers,
        (Optimizer Optimizer, Loss Loss, Metric[] Metrics)? Compile, long? Iterations);

    /// <summary>The JSON text of a model configuration.</summary>
    /// <exception cref="ConfigException">A configuration value has a type JSON cannot hold.</exception>
    public static string Write(string name, long seed, int?[]? buildInputShape, IReadOnlyList<Layer> layers,
        Dictionary<string, object?>? compile, long? iterations)
    {
        var model = new Dictionary<string, object?>
        {
            ["class_name"] = "Sequential",
            ["config"] = new Dictionary<string, object?>
            {
                ["name"] = name,
                ["seed"] = seed,
                ["build_input_shape"] = buildInputShape,
                ["layers"] = layers.Select(l => new Dictionary<string, object?> { ["class_name"] = LayerRegistry.ClassNameOf(l), ["config"] = l.GetConfig() }).ToList(),
            },
        };
        if (compile is not null) model["compile"] = compile;
        if (iterations is long count) model["optimizer_state"] = new Dictionary<string, object?> { ["iterations"] = count };
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            ConfigJson.Write(writer, model, "model");
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Creates the layers and compile settings a configuration describes; nothing is built.</summary>
    /// <exception cref="ConfigException">Invalid JSON, an unknown type, key or value; the path names where.</exception>
    public static Description Read(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException error)
        {
            throw new ConfigException("model", $"the model configuration is not valid JSON: {error.Message}", error);
        }
        using (document)
        {
            var root = new ConfigReader(document.RootElement, "model");
            string className = root.String("class_name");
            if (className != "Sequential")
                throw root.Error("class_name", $"expected \"Sequential\", got \"{className}\"; this build loads Sequential models only.");
            ConfigReader config = root.Object("config");
            var description = new Description(config.String("name"), config.Long("seed"), config.Shape("build_input_shape"),
                [.. config.Objects("layers").Select(LayerRegistry.FromDescription)],
                root.Has("compile") ? CompileConfig.Read(root.Object("compile")) : null,
                root.Has("optimizer_state") ? Iterations(root.Object("optimizer_state")) : null);
            config.EnsureAllRead();
            root.EnsureAllRead();
            return description;
        }
    }

    private static long Iterations(ConfigReader state)
    {
        long iterations = state.Long("iterations");
        if (iterations < 0) throw state.Error("iterations", $"expected a count ≥ 0, got {iterations}.");
        state.EnsureAllRead();
        return iterations;
    }
}
