using System.Globalization;

namespace NotebookRnn;

public sealed partial class Sequential
{
    /// <summary>
    /// Saves the model to one file (Keras <c>model.save</c>): its configuration (every layer's <c>GetConfig</c>, the
    /// name, seed and input shape), the compile settings (optimizer with its settings, loss, metrics) when compiled,
    /// all weights, and, with <paramref name="includeOptimizer"/>, the optimizer's state (per-weight slots and
    /// iteration count) so that training resumes where it stopped. The format is safetensors with NotebookRnn
    /// metadata and CRC-32C checksums; see <see cref="Load"/>.
    /// </summary>
    /// <remarks>
    /// The file is written to a temporary file in the same folder, flushed to disk and renamed over
    /// <paramref name="path"/> (<see cref="AtomicFile"/>): a crash mid-write leaves the previous file intact.
    /// Not saved: the states a stateful recurrent layer carries between batches (a loaded model starts from zero
    /// states, as after <see cref="RecurrentLayer.ResetStates"/>), the position of the shuffling and dropout random
    /// streams, and the devices given to <see cref="Compile"/> (a loaded model trains on one device).
    /// </remarks>
    /// <param name="path">The file to create or replace; its folder must exist.</param>
    /// <param name="includeOptimizer">Whether to save the optimizer's state; default true.</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    /// <exception cref="InvalidOperationException">A weight is NaN or infinite (named with its element), or two weights would get the same name.</exception>
    /// <exception cref="NotSupportedException">
    /// <see cref="Load"/> could not restore the configuration (a custom layer, optimizer, loss or metric type, or an
    /// initializer without a Keras name); nothing was written. <see cref="SaveWeights"/> still works.
    /// </exception>
    /// <exception cref="IOException">Writing failed; the previous file at <paramref name="path"/> is unchanged.</exception>
    public void Save(string path, bool includeOptimizer = true)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        IReadOnlyList<(string Name, Parameter Parameter)> weights = WeightNames.For(_layers);
        Compiled? compiled = _compiled;
        bool withState = includeOptimizer && compiled is not null;
        List<NamedTensor> tensors = [.. weights.Select(w => new NamedTensor(w.Name, w.Parameter.Value))];
        if (withState) tensors.AddRange(OptimizerTensors(compiled!.Optimizer, weights));
        CheckFinite(tensors);
        string json = ModelConfig.Write(Name, Seed, _inputShape, _layers,
            compiled is null ? null : CompileConfig.Describe(compiled.Optimizer, compiled.Loss, compiled.Metrics),
            withState ? compiled!.Optimizer.Iterations : null);
        CheckRestorable(json);
        AtomicFile.Write(path, stream => ModelFile.Write(stream, ModelFile.ModelContent, json, tensors));
    }

    /// <summary>
    /// Saves the weights alone (Keras <c>save_weights</c>), named <c>&lt;layer&gt;/&lt;weight&gt;</c>, in the same
    /// checked, atomically written format as <see cref="Save"/>; <see cref="LoadWeights"/> reads them back into a model
    /// built the same way.
    /// </summary>
    /// <param name="path">The file to create or replace; its folder must exist.</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    /// <exception cref="InvalidOperationException">The model is not built, a weight is NaN or infinite, or two weights would get the same name.</exception>
    /// <exception cref="IOException">Writing failed; the previous file at <paramref name="path"/> is unchanged.</exception>
    public void SaveWeights(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        RequireWeights();
        List<NamedTensor> tensors = [.. WeightNames.For(_layers).Select(w => new NamedTensor(w.Name, w.Parameter.Value))];
        CheckFinite(tensors);
        AtomicFile.Write(path, stream => ModelFile.Write(stream, ModelFile.WeightsContent, null, tensors));
    }

    /// <summary>
    /// Loads a model saved by <see cref="Save"/> (Keras <c>load_model</c>): the same layers, weights and, when they
    /// were saved, compile settings and optimizer state. Its <see cref="Predict(Tensor, int)"/> is bit-identical to
    /// the saved model's.
    /// </summary>
    /// <remarks>
    /// The whole file is read and checked before any model object is made: the safetensors layout, the format and
    /// its version, every checksum, every value finite, every layer type known, every weight present with its
    /// shape. A stateful layer starts with zero states.
    /// </remarks>
    /// <param name="path">The file.</param>
    /// <returns>The model, compiled when the saved model was.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="ModelFormatException">
    /// The file is truncated, damaged, not a model file (or holds weights only), of a newer format version, holds
    /// a NaN or infinite value, names an unknown layer type, or its weights do not fit its layers; the message
    /// names the file, the place (byte offset, weight, or configuration key) and the problem.
    /// </exception>
    public static Sequential Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ModelFileContents file = ModelFile.Read(path);
        if (file.Content != ModelFile.ModelContent)
            throw file.Error("header __metadata__.content",
                "the file holds weights only (written by SaveWeights), not a model; build the model in code and call LoadWeights.", 8);
        ModelConfig.Description description;
        try
        {
            description = ModelConfig.Read(file.ModelJson!);
        }
        catch (ConfigException error)
        {
            throw file.Error($"model config {error.Path}", error.Problem, 8, error);
        }
        Sequential model = Assemble(file, description);
        IReadOnlyList<(string Name, Parameter Parameter)> weights = WeightNames.For(model._layers);
        var pairs = MatchWeights(file, weights);
        foreach (var (target, source) in pairs) source.Value.Span.CopyTo(target.Value.Span);
        model.RestoreCompile(file, description, weights);
        return model;
    }

    /// <summary>
    /// Loads weights saved by <see cref="SaveWeights"/> or <see cref="Save"/> into this model (Keras
    /// <c>load_weights</c>), matching them by name (<c>&lt;layer&gt;/&lt;weight&gt;</c>). Everything is checked before
    /// the first value is copied, so a failed load leaves the model as it was. Optimizer state in the file is ignored.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    /// <exception cref="InvalidOperationException">The model is not built, so it has no weights yet.</exception>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="ModelFormatException">
    /// The file is damaged or foreign (see <see cref="Load"/>), or it comes from another architecture: the message
    /// names the first weight of the model that the file lacks or holds with another shape (and both shapes), or a
    /// weight of the file that the model lacks.
    /// </exception>
    public void LoadWeights(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        RequireWeights();
        ModelFileContents file = ModelFile.Read(path);
        var pairs = MatchWeights(file, WeightNames.For(_layers));
        foreach (var (target, source) in pairs) source.Value.Span.CopyTo(target.Value.Span);
    }

    private void RequireWeights()
    {
        if (!IsBuilt)
            throw new InvalidOperationException(
                $"Model '{Name}' is not built, so it has no weights yet: give its first layer an inputShape or call Build(inputShape) first.");
    }

    private static IEnumerable<NamedTensor> OptimizerTensors(Optimizer optimizer, IReadOnlyList<(string Name, Parameter Parameter)> weights)
    {
        foreach (var (name, parameter) in weights)
            if (optimizer.State.TryGetValue(parameter, out float[][]? slots))
                for (int slot = 0; slot < slots.Length; slot++)
                    yield return new NamedTensor($"{ModelFile.OptimizerPrefix}{name}/{slot}", new Tensor(slots[slot], [.. parameter.Value.Shape]));
    }

    private void CheckFinite(IEnumerable<NamedTensor> tensors)
    {
        foreach (NamedTensor tensor in tensors)
        {
            ReadOnlySpan<float> values = tensor.Value.Span;
            for (int i = 0; i < values.Length; i++)
                if (!float.IsFinite(values[i]))
                    throw new InvalidOperationException(
                        $"Model '{Name}' cannot be saved: '{tensor.Name}' has the value {values[i].ToString(CultureInfo.InvariantCulture)} at flat index {i}. " +
                        "A file with non-finite weights would not load; training has diverged (try a lower learning rate or gradient clipping).");
        }
    }

    // Save refuses to write what Load would reject, so a checkpoint can always be restored.
    private void CheckRestorable(string json)
    {
        try
        {
            ModelConfig.Read(json);
        }
        catch (ConfigException error)
        {
            throw new NotSupportedException(
                $"Model '{Name}' cannot be saved so that Load restores it: {error.Message} " +
                "SaveWeights saves the weights alone; build the model in code and call LoadWeights.", error);
        }
    }

    // Builds the described model; the file's weights replace the initial values, so they are not initialized, and the
    // layers may not create more values than the file holds.
    private static Sequential Assemble(ModelFileContents file, ModelConfig.Description description)
    {
        var weights = WeightCreation.ForLoading(
            file.Tensors.Where(t => !t.Name.StartsWith(ModelFile.OptimizerPrefix, StringComparison.Ordinal)).Sum(t => (long)t.Value.Length));
        var model = new Sequential(name: description.Name, seed: description.Seed);
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
        if (description.BuildInputShape is int?[] shape && !model.IsBuilt)
        {
            try
            {
                model.Build(shape, weights);
            }
            catch (ArgumentException error)
            {
                throw file.Error("model config model.config.build_input_shape", $"the layers cannot be built for it: {error.Message}", 8, error);
            }
        }
        return model;
    }

    // Pairs every weight of the model with the file's tensor of the same name and shape; throws at the first that has none.
    private static List<(Parameter Target, NamedTensor Source)> MatchWeights(ModelFileContents file, IReadOnlyList<(string Name, Parameter Parameter)> weights)
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

    private static string TensorList(ModelFileContents file)
    {
        string[] names = [.. file.Tensors.Select(t => $"'{t.Name}'").Take(12)];
        return names.Length == 0 ? "no weights" : string.Join(", ", names) + (file.Tensors.Count > names.Length ? ", …" : "");
    }

    private void RestoreCompile(ModelFileContents file, ModelConfig.Description description, IReadOnlyList<(string Name, Parameter Parameter)> weights)
    {
        bool hasState = file.Tensors.Any(t => t.Name.StartsWith(ModelFile.OptimizerPrefix, StringComparison.Ordinal));
        if (description.Compile is not var (optimizer, loss, metrics))
        {
            if (hasState || description.Iterations is not null)
                throw file.Error("model config model.optimizer_state", "the file has optimizer state but no compile settings; it is damaged.", 8);
            return;
        }
        if (hasState && description.Iterations is null)
            throw file.Error("model config model.optimizer_state", "the file has optimizer slots but no iteration count; it is damaged.", 8);
        Dictionary<Parameter, float[][]> state = OptimizerState(file, optimizer, weights);
        try
        {
            Compile(optimizer, loss, metrics);
        }
        catch (ArgumentException error)
        {
            throw file.Error("model config model.compile", $"the compile settings are invalid: {error.Message}", 8, error);
        }
        if (description.Iterations is long iterations) optimizer.RestoreState(iterations, state);
    }

    // optimizer/<weight>/<slot> tensors → each weight's slot arrays; every weight with state has all its slots.
    private static Dictionary<Parameter, float[][]> OptimizerState(ModelFileContents file, Optimizer optimizer,
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
}
