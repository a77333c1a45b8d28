using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using NotebookRnn.Layers;
using NotebookRnn.Layers.Functional;

namespace NotebookRnn.Persistence;

/// <summary>
/// A model's configuration as JSON and back: a Sequential model's
/// <c>{ "class_name": "Sequential", "config": { "name", "seed", "build_input_shape", "layers": [ { "class_name", "config" }, … ] },
/// "compile": {…<see cref="CompileConfig"/>…}, "optimizer_state": { "iterations" } }</c>, or a functional model's
/// <c>{ "class_name": "Functional", "config": {…<see cref="FunctionalConfig"/>…}, "compile", "optimizer_state" }</c>; the last
/// two are present only when saved.
/// </summary>
internal static class ModelConfig
{
    /// <summary>
    /// What a model configuration describes: new, unbuilt layers — a Sequential model's in order, or a functional model's
    /// called as its <see cref="Graph"/> says — and new compile settings.
    /// </summary>
    internal sealed record Description(
        string Name, long Seed, int?[]? BuildInputShape, IReadOnlyList<Layer> Layers, FunctionalConfig.Graph? Graph,
        CompileSettings? Compile, long? Iterations);

    /// <summary>The JSON text of a model configuration: a functional model's when <paramref name="graph"/> is given, else a Sequential model's.</summary>
    /// <exception cref="ConfigException">A configuration value has a type JSON cannot hold.</exception>
    public static string Write(string name, long seed, int?[]? buildInputShape, IReadOnlyList<Layer> layers, GraphProgram? graph,
        Dictionary<string, object?>? compile, long? iterations)
    {
        var model = new Dictionary<string, object?>
        {
            ["class_name"] = graph is null ? "Sequential" : FunctionalConfig.ClassName,
            ["config"] = graph is null
                ? new Dictionary<string, object?>
                {
                    ["name"] = name,
                    ["seed"] = seed,
                    ["build_input_shape"] = buildInputShape,
                    ["layers"] = layers.Select(l => new Dictionary<string, object?> { ["class_name"] = LayerRegistry.ClassNameOf(l), ["config"] = l.GetConfig() }).ToList(),
                }
                : FunctionalConfig.Describe(name, seed, graph),
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
            if (className is not ("Sequential" or FunctionalConfig.ClassName))
                throw root.Error("class_name", $"expected \"Sequential\" or \"{FunctionalConfig.ClassName}\", got \"{className}\".");
            ConfigReader config = root.Object("config");
            string name = config.String("name");
            long seed = config.Long("seed");
            FunctionalConfig.Graph? graph = className == "Sequential" ? null : FunctionalConfig.Read(config, name);
            var description = new Description(name, seed, graph is null ? config.Shape("build_input_shape") : null,
                graph is null ? [.. config.Objects("layers").Select(LayerRegistry.FromDescription)] : graph.Program.Layers, graph,
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
