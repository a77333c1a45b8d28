using System.Globalization;
using NotebookRnn.Files;
using NotebookRnn.Layers;
using NotebookRnn.Layers.Functional;
using NotebookRnn.Optimizers;
using NotebookRnn.Tensors;

namespace NotebookRnn.Persistence;

/// <summary>
/// Saves and loads a model (<see cref="ISerializableModel"/>) in the model file format (<see cref="ModelFile"/>:
/// safetensors with NotebookRnn metadata and CRC-32C checksums): its configuration (<see cref="ModelConfig"/>),
/// compile settings, weights and optimizer state, and weights alone. Files are written atomically
/// (<see cref="AtomicFile"/>) and read in full and checked before any model object is made.
/// </summary>
internal static class ModelSerializer
{
    /// <summary>Writes the model's configuration, compile settings and weights, and the optimizer's state when asked.</summary>
    /// <exception cref="InvalidOperationException">A weight is NaN or infinite, or two weights would get the same name.</exception>
    /// <exception cref="NotSupportedException">Loading could not restore the configuration; nothing was written.</exception>
    /// <exception cref="IOException">Writing failed; the previous file is unchanged.</exception>
    public static void Save(ISerializableModel model, string path, bool includeOptimizer)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        IReadOnlyList<(string Name, Parameter Parameter)> weights = WeightNames.For(model.Layers);
        CompileSettings? compiled = model.CompileSettings;
        bool withState = includeOptimizer && compiled is not null;
        List<NamedTensor> tensors = [.. weights.Select(w => new NamedTensor(w.Name, w.Parameter.Value))];
        if (withState) tensors.AddRange(OptimizerTensors(compiled!.Optimizer, weights));
        CheckFinite(model, tensors);
        string json = ModelConfig.Write(model.Name, model.Seed, model.InputShape, model.Layers, model.FunctionalGraph,
            compiled is null ? null : CompileConfig.Describe(compiled, weights), withState ? compiled!.Optimizer.Iterations : null);
        CheckRestorable(model, json);
        AtomicFile.Write(path, stream => ModelFile.Write(stream, ModelFile.ModelContent, json, tensors));
    }

    /// <summary>Writes the weights alone, named <c>&lt;layer&gt;/&lt;weight&gt;</c>.</summary>
    /// <exception cref="InvalidOperationException">The model is not built, a weight is not finite, or two weights would get the same name.</exception>
    /// <exception cref="IOException">Writing failed; the previous file is unchanged.</exception>
    public static void SaveWeights(ISerializableModel model, string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        RequireWeights(model);
        List<NamedTensor> tensors = [.. WeightNames.For(model.Layers).Select(w => new NamedTensor(w.Name, w.Parameter.Value))];
        CheckFinite(model, tensors);
        AtomicFile.Write(path, stream => ModelFile.Write(stream, ModelFile.WeightsContent, null, tensors));
    }

    /// <summary>
    /// Reads a model file and makes the model it describes: a Sequential one with <paramref name="sequential"/>(name, seed),
    /// to which its layers are added, or a functional one with <paramref name="functional"/>(name, seed, inputs, outputs) on
    /// its layers, called as saved. The layers are built on the file's weights (not initialised); then come the weights,
    /// compile settings and optimizer state.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="sequential">Makes an empty Sequential model.</param>
    /// <param name="functional">Makes a functional model from its graph; <c>null</c> when the caller loads Sequential models only.</param>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="ModelFormatException">
    /// The file is damaged, foreign, holds weights only or a functional model without <paramref name="functional"/>, or
    /// does not fit its own configuration.</exception>
    public static ISerializableModel Load(string path, Func<string, long, ISerializableStack> sequential,
        Func<string, long, IReadOnlyList<Input>, IReadOnlyList<SymbolicTensor>, ISerializableModel>? functional)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ModelFileContents file = ModelFile.Read(path);
        if (file.Content != ModelFile.ModelContent)
            throw file.Error("header __metadata__.content",
                "the file holds weights only (written by SaveWeights), not a model; build the model in code and call LoadWeights.", 8);
        ModelConfig.Description description;
        try
        {
            description = ModelConfig.Read(FormatUpgrade.ToCurrent(file.ModelJson!, file.FormatVersion));
        }
        catch (ConfigException error)
        {
            throw file.Error($"model config {error.Path}", error.Problem, 8, error);
        }
        ISerializableModel model = description.Graph is null
            ? Assemble(sequential(description.Name, description.Seed), file, description)
            : Assemble(functional ?? throw file.Error("model config model.class_name",
                $"the file holds functional model '{description.Name}', not a Sequential one; load it with Model.Load.", 8), file, description, description.Graph);
        IReadOnlyList<(string Name, Parameter Parameter)> weights = WeightNames.For(model.Layers);
        foreach (var (target, source) in SavedWeights.Match(file, weights)) source.Value.Span.CopyTo(target.Value.Span);
        RestoreCompile(model, file, description, weights);
        return model;
    }

    /// <summary>Copies the file's weights into <paramref name="model"/>, matched by name, after checking all of them.</summary>
    /// <exception cref="InvalidOperationException">The model is not built.</exception>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="ModelFormatException">The file is damaged or foreign, or comes from another architecture.</exception>
    public static void LoadWeights(ISerializableModel model, string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        RequireWeights(model);
        ModelFileContents file = ModelFile.Read(path);
        foreach (var (target, source) in SavedWeights.Match(file, WeightNames.For(model.Layers))) source.Value.Span.CopyTo(target.Value.Span);
    }

    private static void RequireWeights(ISerializableModel model)
    {
        if (!model.IsBuilt)
            throw new InvalidOperationException(
                $"Model '{model.Name}' is not built, so it has no weights yet: give its first layer an inputShape or call Build(inputShape) first.");
    }

    private static IEnumerable<NamedTensor> OptimizerTensors(Optimizer optimizer, IReadOnlyList<(string Name, Parameter Parameter)> weights)
    {
        foreach (var (name, parameter) in weights)
            if (optimizer.State.TryGetValue(parameter, out float[][]? slots))
                for (int slot = 0; slot < slots.Length; slot++)
                    yield return new NamedTensor($"{ModelFile.OptimizerPrefix}{name}/{slot}", new Tensor(slots[slot], [.. parameter.Value.Shape]));
    }

    private static void CheckFinite(ISerializableModel model, IEnumerable<NamedTensor> tensors)
    {
        foreach (NamedTensor tensor in tensors)
        {
            ReadOnlySpan<float> values = tensor.Value.Span;
            for (int i = 0; i < values.Length; i++)
                if (!float.IsFinite(values[i]))
                    throw new InvalidOperationException(
                        $"Model '{model.Name}' cannot be saved: '{tensor.Name}' has the value {values[i].ToString(CultureInfo.InvariantCulture)} at flat index {i}. " +
                        "A file with non-finite weights would not load; training has diverged (try a lower learning rate or gradient clipping).");
        }
    }

    // Save refuses to write what Load would reject, so a checkpoint can always be restored.
    private static void CheckRestorable(ISerializableModel model, string json)
    {
        try
        {
            ModelConfig.Read(json);
        }
        catch (ConfigException error)
        {
            throw new NotSupportedException(
                $"Model '{model.Name}' cannot be saved so that Load restores it: {error.Message} " +
                "SaveWeights saves the weights alone; build the model in code and call LoadWeights.", error);
        }
    }

    // Adds and builds the described layers; the file's weights replace the initial values, so they are not initialised,
    // and the layers may not create more values than the file holds.
    private static ISerializableStack Assemble(ISerializableStack model, ModelFileContents file, ModelConfig.Description description)
    {
        WeightCreation weights = LoadingWeights(file);
        for (int i = 0; i < description.Layers.Count; i++)
        {
            try
            {
                model.Add(description.Layers[i], weights);
            }
            catch (ArgumentException error)
            {
                throw file.Error($"model config model.config.layers[{i}]", $"layer '{description.Layers[i].Name}' does not fit the model: {error.Message}", 8, error);
            }
        }
        if (description.BuildInputShape is not int?[] shape || model.IsBuilt) return model;
        try
        {
            model.Build(shape, weights);
        }
        catch (ArgumentException error)
        {
            throw file.Error("model config model.config.build_input_shape", $"the layers cannot be built for it: {error.Message}", 8, error);
        }
        return model;
    }

    // Builds each layer at its first call, in running order and from the model's seed, as the model's constructor would,
    // but on the file's weights; the model made of the graph then finds them built.
    private static ISerializableModel Assemble(Func<string, long, IReadOnlyList<Input>, IReadOnlyList<SymbolicTensor>, ISerializableModel> create,
        ModelFileContents file, ModelConfig.Description description, FunctionalConfig.Graph graph)
    {
        WeightCreation weights = LoadingWeights(file);
        var random = new RandomGenerator(description.Seed);
        foreach (LayerNode node in graph.Program.Nodes)
        {
            if (node.Layer.IsBuilt) continue;
            try
            {
                node.Layer.BuildWith(weights, node.BuildShapes, random);
            }
            catch (ArgumentException error)
            {
                throw file.Error($"model config layer '{node.Layer.Name}'", $"the layer cannot be built: {error.Message}", 8, error);
            }
        }
        try
        {
            return create(description.Name, description.Seed, graph.Inputs, graph.Outputs);
        }
        catch (ArgumentException error)
        {
            throw file.Error("model config model.config", $"the graph does not make a model: {error.Message}", 8, error);
        }
    }

    // The layers of a model being loaded may not create more values than the file holds.
    private static WeightCreation LoadingWeights(ModelFileContents file) => WeightCreation.ForLoading(
        file.Tensors.Where(t => !t.Name.StartsWith(ModelFile.OptimizerPrefix, StringComparison.Ordinal)).Sum(t => (long)t.Value.Length));

    private static void RestoreCompile(ISerializableModel model, ModelFileContents file, ModelConfig.Description description,
        IReadOnlyList<(string Name, Parameter Parameter)> weights)
    {
        bool hasState = file.Tensors.Any(t => t.Name.StartsWith(ModelFile.OptimizerPrefix, StringComparison.Ordinal));
        if (description.Compile is not CompileSettings settings)
        {
            if (hasState || description.Iterations is not null)
                throw file.Error("model config model.optimizer_state", "the file has optimizer state but no compile settings; it is damaged.", 8);
            return;
        }
        if (hasState && description.Iterations is null)
            throw file.Error("model config model.optimizer_state", "the file has optimizer slots but no iteration count; it is damaged.", 8);
        Optimizer optimizer = settings.Optimizer;
        Dictionary<Parameter, float[][]> state = SavedWeights.OptimizerState(file, optimizer, weights);
        try
        {
            model.Compile(settings);
        }
        catch (ArgumentException error)
        {
            throw file.Error("model config model.compile", $"the compile settings are invalid: {error.Message}", 8, error);
        }
        if (description.Iterations is long iterations) optimizer.RestoreState(iterations, state);
        ResolveWeightDecayExclusions(optimizer, file, weights);
    }

    // Weights excluded from weight decay by reference were saved by name; the loaded model's weights of those names take their place.
    private static void ResolveWeightDecayExclusions(Optimizer optimizer, ModelFileContents file, IReadOnlyList<(string Name, Parameter Parameter)> weights)
    {
        if (optimizer.UnresolvedWeightDecayExclusions.Count == 0) return;
        Dictionary<string, Parameter> byName = weights.ToDictionary(w => w.Name, w => w.Parameter, StringComparer.Ordinal);
        string? unknown = optimizer.UnresolvedWeightDecayExclusions.FirstOrDefault(name => !byName.ContainsKey(name));
        if (unknown is not null)
            throw file.Error("model config model.compile.optimizer.config.exclude_from_weight_decay_weights",
                $"'{unknown}' names no weight of the model; the file is damaged.", 8);
        Parameter[] excluded = [.. optimizer.UnresolvedWeightDecayExclusions.Select(name => byName[name])];
        optimizer.ExcludeFromWeightDecay(excluded, optimizer.WeightDecayExcludedNames);
    }
}
