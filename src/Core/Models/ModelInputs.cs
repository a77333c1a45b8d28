using NotebookRnn.Kernels;
using NotebookRnn.Data;
using NotebookRnn.Layers;
using NotebookRnn.Losses;
using NotebookRnn.Tensors;
using NotebookRnn.Training;

namespace NotebookRnn.Models;

/// <summary>
/// Checks data against a model before anything runs: inputs against its input shape (building an unbuilt model for
/// them), targets against its output shape and loss, token ids against its Embedding, values for NaN and infinity.
/// Errors name the argument, the expected and the actual shape or value.
/// </summary>
internal static class ModelInputs
{
    /// <summary>
    /// Checks inputs, targets and weights and returns them as a source; <paramref name="argumentPrefix"/> names validation
    /// data (<c>validationData.X</c>).
    /// </summary>
    /// <exception cref="ArgumentException">They do not fit the model, x and y differ in sample count, or the weights do not fit y.</exception>
    public static TensorDataSource Dense(Model model, Tensor x, Tensor y, Loss loss, string argumentPrefix = "", Tensor? sampleWeight = null,
        IReadOnlyDictionary<int, double>? classWeight = null)
    {
        Check(model, x, y, loss, argumentPrefix);
        return new TensorDataSource(x, y, SampleWeights(model, y, sampleWeight, classWeight, WeightName(argumentPrefix)));
    }

    /// <summary>
    /// The weights of a <c>Fit</c>, <c>Evaluate</c> or <c>TrainOnBatch</c> call, checked against the targets
    /// <paramref name="y"/>: <paramref name="sampleWeight"/> of shape (samples,), (samples, 1) or — for a model whose output
    /// has a step axis, (T, …) — (samples, T), one weight per step of the targets; or <paramref name="classWeight"/> turned into one
    /// weight per sample (Keras's <c>class_weight</c>); null when neither is given. Errors call the weights
    /// <paramref name="weightName"/> (<c>validationData.SampleWeight</c> for validation data).
    /// </summary>
    /// <exception cref="ArgumentException">Both are given (Keras refuses that), a shape does not fit, or a weight is not finite.</exception>
    public static Tensor? SampleWeights(Model model, Tensor y, Tensor? sampleWeight, IReadOnlyDictionary<int, double>? classWeight,
        string weightName = "sampleWeight", int output = 0)
    {
        if (sampleWeight is not null && classWeight is not null)
            throw new ArgumentException(
                "sampleWeight and classWeight cannot be given together (Keras refuses both at once); multiply the class weights into sampleWeight.",
                nameof(classWeight));
        int samples = y.Dim(0);
        int? steps = model.OutputShapes[output].Length >= 2 && y.Rank > 1 ? y.Dim(1) : null;
        if (classWeight is not null && steps is not null)
            throw new ArgumentException(
                $"classWeight needs one class per sample, but model '{model.Name}' has an output per step (targets of shape " +
                $"{Tensor.ShapeText(y.Shape)}); give sampleWeight of shape ({samples}, {steps}) instead.", nameof(classWeight));
        if (classWeight is not null) return ClassWeights.ToSampleWeights(y, classWeight, nameof(classWeight));
        if (sampleWeight is null) return null;
        bool fits = sampleWeight.Rank is 1 or 2 && sampleWeight.Dim(0) == samples &&
            (sampleWeight.Rank == 1 || sampleWeight.Dim(1) == 1 || sampleWeight.Dim(1) == steps);
        if (!fits)
            throw new ArgumentException(
                $"{weightName} has shape {Tensor.ShapeText(sampleWeight.Shape)}; expected ({samples},) or ({samples}, 1), one weight per sample" +
                (steps is int t ? $", or ({samples}, {t}), one per step of the targets." : "."), weightName);
        if (model.CheckInputsFinite) RequireFinite(sampleWeight, weightName);
        return sampleWeight.Rank == 2 && sampleWeight.Dim(1) == 1 ? sampleWeight.Reshape(samples) : sampleWeight;
    }

    /// <summary>
    /// The checked training and validation sources of a dense <c>Fit</c>; the validation data keeps its own sample weights
    /// (Keras applies <c>class_weight</c> to the training data only).
    /// </summary>
    /// <exception cref="ArgumentException">The data or the weights do not fit the model.</exception>
    public static (TensorDataSource Source, TensorDataSource? Validation) ForFit(Model model, Tensor x, Tensor y,
        ValidationData<Tensor>? validationData, Loss loss, Tensor? sampleWeight, IReadOnlyDictionary<int, double>? classWeight) =>
        (Dense(model, x, y, loss, "", sampleWeight, classWeight),
            validationData is var (vx, vy, vw) ? Dense(model, vx, vy, loss, "validationData", vw) : null);

    /// <summary>The checked training and validation sources of a <c>Fit</c> on ragged token ids.</summary>
    /// <exception cref="ArgumentException">The data or the weights do not fit the model.</exception>
    public static (RaggedDataSource Source, RaggedDataSource? Validation) ForFit(Model model, int[][] x, Tensor y,
        ValidationData<int[][]>? validationData, Loss loss, Tensor? sampleWeight, IReadOnlyDictionary<int, double>? classWeight) =>
        (WithTargets(model, RaggedDataSource.FromTokens(x, "x"), y, loss, "", sampleWeight, classWeight),
            validationData is var (vx, vy, vw)
                ? WithTargets(model, RaggedDataSource.FromTokens(vx, "validationData.X"), vy, loss, "validationData", vw) : null);

    /// <summary>The checked training and validation sources of a <c>Fit</c> on ragged feature vectors.</summary>
    /// <exception cref="ArgumentException">The data or the weights do not fit the model, or vectors differ in size.</exception>
    public static (RaggedDataSource Source, RaggedDataSource? Validation) ForFit(Model model, float[][][] x, Tensor y,
        ValidationData<float[][][]>? validationData, Loss loss, Tensor? sampleWeight, IReadOnlyDictionary<int, double>? classWeight) =>
        (WithTargets(model, Vectors(model, x, "x"), y, loss, "", sampleWeight, classWeight),
            validationData is var (vx, vy, vw) ? WithTargets(model, Vectors(model, vx, "validationData.X"), vy, loss, "validationData", vw) : null);

    /// <summary>Checks inputs and targets (<c>Dense</c> without making a source: TrainOnBatch keeps its own).</summary>
    /// <exception cref="ArgumentException">They do not fit the model, or x and y differ in sample count.</exception>
    public static void Check(Model model, Tensor x, Tensor y, Loss loss, string argumentPrefix = "")
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        RequireOneOutput(model);
        string xName = argumentPrefix.Length == 0 ? "x" : argumentPrefix + ".X", yName = argumentPrefix.Length == 0 ? "y" : argumentPrefix + ".Y";
        if (x.Rank == 0 || y.Rank == 0 || x.Dim(0) != y.Dim(0))
            throw new ArgumentException(
                $"x and y must have the same number of samples: {xName} has shape {Tensor.ShapeText(x.Shape)}, {yName} has shape {Tensor.ShapeText(y.Shape)}.",
                yName);
        CheckInput(model, x, xName);
        CheckTargets(model, y, loss, yName);
        if (model.CheckInputsFinite) RequireFinite(y, yName);
    }

    /// <summary>Checks inputs alone (prediction).</summary>
    /// <exception cref="ArgumentException">They do not fit the model.</exception>
    public static void CheckInput(Model model, Tensor x, string argumentName)
    {
        RequireOneInput(model, argumentName);
        if (x.Rank == 0) throw new ArgumentException($"{argumentName} needs a sample axis, got a scalar.", argumentName);
        CheckTensor(model, x, argumentName, 0);
    }

    /// <summary>Checks ragged inputs alone (prediction): shape, token ids, finite values.</summary>
    public static void CheckInput(Model model, RaggedDataSource source, string argumentName)
    {
        RequireOneInput(model, argumentName);
        CheckColumn(model, source.Inputs[0], argumentName, 0);
    }

    /// <summary>
    /// Checks ragged inputs and their targets and returns the source with the targets attached;
    /// <paramref name="argumentPrefix"/> names validation data (<c>validationData.X</c>).
    /// </summary>
    /// <exception cref="ArgumentException">
    /// They do not fit the model, per-step targets are shorter than the longest sequence, or the weights do not fit y.</exception>
    public static RaggedDataSource WithTargets(Model model, RaggedDataSource source, Tensor y, Loss loss, string argumentPrefix = "",
        Tensor? sampleWeight = null, IReadOnlyDictionary<int, double>? classWeight = null)
    {
        string xName = argumentPrefix.Length == 0 ? "x" : argumentPrefix + ".X", yName = argumentPrefix.Length == 0 ? "y" : argumentPrefix + ".Y";
        ArgumentNullException.ThrowIfNull(y, yName);
        if (y.Rank == 0 || y.Dim(0) != source.Count)
            throw new ArgumentException(
                $"x and y must have the same number of samples: {xName} has {source.Count} sequences, {yName} has shape {Tensor.ShapeText(y.Shape)}.",
                yName);
        CheckInput(model, source, xName);
        CheckTargets(model, y, loss, yName);
        if (model.CheckInputsFinite) RequireFinite(y, yName);
        bool timeAxis = Prediction.HasTimeAxis(model.OutputShape);
        if (timeAxis) CheckSteps(y, source.Inputs[0], xName, yName);
        return source.WithTargets(y, timeAxis, SampleWeights(model, y, sampleWeight, classWeight, WeightName(argumentPrefix)));
    }

    /// <summary>Feature-vector sequences; when all are empty the feature size comes from the built model.</summary>
    /// <exception cref="ArgumentException">Vectors differ in size, or none exists and the model is not built.</exception>
    public static RaggedDataSource Vectors(Model model, float[][][] x, string argumentName)
    {
        return new RaggedDataSource([VectorColumn(model, x, argumentName, 0)]);
    }

    // When every sequence is empty, the feature size comes from the built model's input.
    private static RaggedColumn VectorColumn(Model model, float[][][] x, string argumentName, int input)
    {
        int?[]? shape = model.IsBuilt ? model.InputShapes[input] : null;
        RaggedColumn column = RaggedColumn.FromVectors(x, shape is { Length: 2 } ? shape[1] : null, argumentName);
        if (column.Features is null)
            throw new ArgumentException(
                $"{argumentName} has no feature vector (all {column.Count} sequences are empty), so the feature size is unknown; " +
                "build the model first, e.g. with inputShape: [null, features] on its first layer.", argumentName);
        return column;
    }

    // Shape, token ids and finite values of one ragged input.
    private static void CheckColumn(Model model, RaggedColumn column, string argumentName, int input)
    {
        CheckShape(model, column.SampleShape, column.ShapeText, argumentName, input);
        column.Validate((model.InputReader(input) as Embedding)?.InputDim, model.CheckInputsFinite, argumentName);
    }

    private static void CheckSteps(Tensor y, RaggedColumn steps, string xName, string yName)
    {
        if (y.Dim(1) < steps.MaxLength)
            throw new ArgumentException(
                $"{yName} has shape {Tensor.ShapeText(y.Shape)}, but the longest sequence of {xName} has {steps.MaxLength} steps; " +
                $"per-step targets need at least {steps.MaxLength} steps (real steps first).", yName);
    }

    /// <summary>
    /// Checks the inputs of a model with several inputs, some of them ragged, as a list in the model's input order, and
    /// returns them as one source (prediction); <paramref name="argumentName"/> names them in errors.
    /// </summary>
    /// <exception cref="ArgumentException">The list has the wrong length, an input does not fit the model, or sample counts differ.</exception>
    public static RaggedDataSource RaggedInputs(Model model, IReadOnlyList<InputData> x, string argumentName)
    {
        CheckCount(x, model.InputShapes.Count, "input", argumentName);
        var columns = new RaggedColumn[x.Count];
        for (int k = 0; k < x.Count; k++)
        {
            string name = $"{argumentName}[{k}]";
            InputData data = x[k] ?? throw new ArgumentNullException(name);
            if (data.Count != x[0].Count)
                throw new ArgumentException(
                    $"Every input must have the same number of samples: {argumentName}[0] has {x[0]}, {name} has {data}.", name);
            if (data.Tensor is { } tensor) CheckTensor(model, tensor, name, k);
            columns[k] = data.Tensor is { } dense ? RaggedColumn.FromTensor(dense, name)
                : data.Tokens is { } tokens ? RaggedColumn.FromTokens(tokens, name) : VectorColumn(model, data.Vectors!, name, k);
            if (data.IsRagged) CheckColumn(model, columns[k], name, k);
        }
        return new RaggedDataSource(columns);
    }

    /// <summary>
    /// Checks the inputs (some ragged), targets and weights of a model with several inputs or outputs, each list in the
    /// model's order, and returns them as one source; <paramref name="argumentPrefix"/> names validation data. Per-step
    /// targets follow the steps of the input the output's steps come from (<see cref="Model.OutputStepSources"/>).
    /// </summary>
    /// <exception cref="ArgumentException">
    /// A list has the wrong length, an input or target does not fit the model, sample counts differ, per-step targets are
    /// shorter than their input's longest sequence, or an output's steps follow no single input.</exception>
    public static RaggedDataSource Ragged(Model model, IReadOnlyList<InputData> x, IReadOnlyList<Tensor> y, IReadOnlyList<Loss> losses,
        IReadOnlyList<Tensor?>? sampleWeight, string argumentPrefix = "")
    {
        string xName = argumentPrefix.Length == 0 ? "x" : argumentPrefix + ".X", yName = argumentPrefix.Length == 0 ? "y" : argumentPrefix + ".Y";
        RaggedDataSource source = RaggedInputs(model, x, xName);
        CheckCount(y, model.OutputShapes.Count, "output", yName);
        if (sampleWeight is not null) CheckCount(sampleWeight, model.OutputShapes.Count, "output", WeightName(argumentPrefix));
        int?[] stepSources = model.OutputStepSources();
        var targets = new RaggedTarget[y.Count];
        for (int k = 0; k < y.Count; k++)
        {
            string name = $"{yName}[{k}]";
            ArgumentNullException.ThrowIfNull(y[k], name);
            if (y[k].Rank == 0 || y[k].Dim(0) != source.Count)
                throw new ArgumentException($"Every input and target must have {source.Count} samples ({xName}[0] has); {name} has shape {Tensor.ShapeText(y[k].Shape)}.", name);
            CheckTargets(model, y[k], losses[k], name, k);
            if (model.CheckInputsFinite) RequireFinite(y[k], name);
            int? stepsFrom = StepsFrom(model, source, stepSources, k, name);
            if (stepsFrom is int input) CheckSteps(y[k], source.Inputs[input], $"{xName}[{input}]", name);
            targets[k] = new RaggedTarget(y[k], SampleWeights(model, y[k], sampleWeight?[k], null, $"{WeightName(argumentPrefix)}[{k}]", k), stepsFrom);
        }
        return source.WithTargets(targets);
    }

    /// <summary>
    /// The ragged input whose steps output <paramref name="output"/> has, or null when the output has no time axis or
    /// follows a dense input (whose steps are fixed).
    /// </summary>
    /// <exception cref="ArgumentException">The output has a time axis of unknown length that follows no single input.</exception>
    public static int? StepsFrom(Model model, RaggedDataSource source, int?[] stepSources, int output, string argumentName)
    {
        if (!Prediction.HasTimeAxis(model.OutputShapes[output]) || !source.Inputs.Any(c => c.IsRagged)) return null;
        if (stepSources[output] is int input) return source.Inputs[input].IsRagged ? input : null;
        throw new ArgumentException(
            $"Output '{model.OutputNames[output]}' has steps of unknown length that come from no single input, so batches of ragged " +
            "inputs cannot be cut to them; give the inputs it depends on as tensors of one length.", argumentName);
    }

    /// <summary>
    /// Checks inputs, targets and weights of a model with several inputs or outputs, each list in the model's order, and
    /// returns them as one source; <paramref name="argumentPrefix"/> names validation data.
    /// </summary>
    /// <exception cref="ArgumentException">A list has the wrong length, a tensor does not fit its input or output, or sample counts differ.</exception>
    public static TensorDataSource Dense(Model model, IReadOnlyList<Tensor> x, IReadOnlyList<Tensor> y, IReadOnlyList<Loss> losses,
        IReadOnlyList<Tensor?>? sampleWeight, string argumentPrefix = "")
    {
        string xName = argumentPrefix.Length == 0 ? "x" : argumentPrefix + ".X", yName = argumentPrefix.Length == 0 ? "y" : argumentPrefix + ".Y";
        CheckInputs(model, x, xName);
        CheckCount(y, model.OutputShapes.Count, "output", yName);
        if (sampleWeight is not null) CheckCount(sampleWeight, model.OutputShapes.Count, "output", WeightName(argumentPrefix));
        int samples = x[0].Dim(0);
        var weights = new Tensor?[y.Count];
        for (int k = 0; k < y.Count; k++)
        {
            string name = $"{yName}[{k}]";
            ArgumentNullException.ThrowIfNull(y[k], name);
            if (y[k].Rank == 0 || y[k].Dim(0) != samples)
                throw new ArgumentException($"Every input and target must have {samples} samples ({xName}[0] has); {name} has shape {Tensor.ShapeText(y[k].Shape)}.", name);
            CheckTargets(model, y[k], losses[k], name, k);
            if (model.CheckInputsFinite) RequireFinite(y[k], name);
            weights[k] = SampleWeights(model, y[k], sampleWeight?[k], null, $"{WeightName(argumentPrefix)}[{k}]", k);
        }
        return new TensorDataSource(x, y, weights);
    }

    /// <summary>Checks the inputs of a model with several inputs, as a list in the model's input order (prediction).</summary>
    /// <exception cref="ArgumentException">The list has the wrong length, a tensor does not fit its input, or sample counts differ.</exception>
    public static void CheckInputs(Model model, IReadOnlyList<Tensor> x, string argumentName)
    {
        CheckCount(x, model.InputShapes.Count, "input", argumentName);
        for (int k = 0; k < x.Count; k++)
        {
            string name = $"{argumentName}[{k}]";
            ArgumentNullException.ThrowIfNull(x[k], name);
            if (x[k].Rank == 0 || x[k].Dim(0) != x[0].Dim(0))
                throw new ArgumentException(
                    $"Every input must have the same number of samples: {argumentName}[0] has shape {Tensor.ShapeText(x[0].Shape)}, {name} {Tensor.ShapeText(x[k].Shape)}.", name);
            CheckTensor(model, x[k], name, k);
        }
    }

    // Shape, finite values and token ids of input k's tensor.
    private static void CheckTensor(Model model, Tensor x, string argumentName, int input)
    {
        CheckShape(model, [.. x.Shape.Skip(1).Select(d => (int?)d)], Tensor.ShapeText(x.Shape), argumentName, input);
        if (model.CheckInputsFinite) RequireFinite(x, argumentName);
        if (model.InputReader(input) is Embedding embedding) embedding.ValidateIds(x, argumentName);
    }

    /// <summary>The entries of a dictionary keyed by input or output name, in the model's order.</summary>
    /// <exception cref="ArgumentException">A key names no input or output, or one is missing; the message lists the names.</exception>
    public static T[] ByName<T>(IReadOnlyDictionary<string, T> values, IReadOnlyList<string> names, string what, string argumentName)
    {
        ArgumentNullException.ThrowIfNull(values, argumentName);
        foreach (string key in values.Keys)
            if (!names.Contains(key))
                throw new ArgumentException($"{argumentName} names '{key}', which is not an {what} of the model; its {what}s are {string.Join(", ", names)}.", argumentName);
        return [.. names.Select(name => values.TryGetValue(name, out T? value) ? value
            : throw new ArgumentException($"{argumentName} has no entry for {what} '{name}'.", argumentName))];
    }

    private static void CheckCount<T>(IReadOnlyList<T> values, int expected, string what, string argumentName)
    {
        ArgumentNullException.ThrowIfNull(values, argumentName);
        if (values.Count != expected)
            throw new ArgumentException($"{argumentName} needs one tensor per model {what} ({expected}), got {values.Count}.", argumentName);
    }

    // A call with one tensor x fits a model with one input; a model with several takes a list or a dictionary.
    private static void RequireOneInput(Model model, string argumentName)
    {
        if (model.IsBuilt && model.InputShapes.Count != 1)
            throw new ArgumentException(
                $"Model '{model.Name}' has {model.InputShapes.Count} inputs ({string.Join(", ", model.Inputs.Select(i => i.Name))}); " +
                $"give {argumentName} as a list in that order, or a dictionary by input name.", argumentName);
    }

    private static void RequireOneOutput(Model model)
    {
        if (model.IsBuilt && model.OutputShapes.Count != 1)
            throw new ArgumentException(
                $"Model '{model.Name}' has {model.OutputShapes.Count} outputs ({string.Join(", ", model.OutputNames)}); " +
                "give y as a list in that order, or a dictionary by output name.", "y");
    }

    private static string WeightName(string argumentPrefix) => argumentPrefix.Length == 0 ? "sampleWeight" : argumentPrefix + ".SampleWeight";

    // Builds the model for sampleShape if needed, then checks that the input fits. A null (unknown) dimension of the
    // input, such as the time axis of ragged sequences, fits only a null dimension of the model.
    private static void CheckShape(Model model, int?[] sampleShape, string actualShapeText, string argumentName, int input = 0)
    {
        if (model.Layers.Count == 0) throw new InvalidOperationException($"Model '{model.Name}' has no layers; Add layers first.");
        if (!model.IsBuilt) model.BuildFor(sampleShape);
        int?[] expected = model.InputShapes[input];
        bool fits = sampleShape.Length == expected.Length;
        for (int i = 0; fits && i < expected.Length; i++) fits = expected[i] is null || expected[i] == sampleShape[i];
        if (!fits)
            throw new ArgumentException(
                $"{argumentName} has shape {actualShapeText}, but model '{model.Name}' expects input of shape {Tensor.ShapeText([null, .. expected])}.",
                argumentName);
    }

    private static void CheckTargets(Model model, Tensor y, Loss loss, string argumentName, int outputIndex = 0)
    {
        int?[] output = model.OutputShapes[outputIndex];
        int?[] expected = loss.SparseTargets ? output[..^1] : output;
        int?[] actual = [.. y.Shape.Skip(1).Select(d => (int?)d)];
        if (loss.SparseTargets && actual.Length == expected.Length + 1 && actual[^1] == 1) actual = actual[..^1];
        // Keras accepts (samples,) targets for a (samples, 1) output and expands them.
        if (!loss.SparseTargets && expected.Length == actual.Length + 1 && expected[^1] == 1) actual = [.. actual, 1];
        bool fits = actual.Length == expected.Length;
        for (int i = 0; fits && i < expected.Length; i++) fits = expected[i] is null || expected[i] == actual[i];
        if (!fits)
            throw new ArgumentException(
                $"{argumentName} has shape {Tensor.ShapeText(y.Shape)}, but {loss.Name} with model output {Tensor.ShapeText([null, .. output])} " +
                $"expects targets of shape {Tensor.ShapeText([null, .. expected])}.", argumentName);
        if (output.Length > 0 && output[^1] is int classes) loss.ValidateTargets(y, classes, argumentName);
    }

    // The whole tensor is scanned with vector ops; only when it fails is the first bad element searched for.
    private static void RequireFinite(Tensor values, string argumentName)
    {
        ReadOnlySpan<float> data = values.Span;
        if (ElementwiseKernels.AllFinite(data)) return;
        int index = 0;
        while (float.IsFinite(data[index])) index++;
        int perSample = values.Length / Math.Max(1, values.Dim(0));
        throw new ArgumentException(
            $"{argumentName} holds {data[index]} at sample {index / Math.Max(1, perSample)} (element {index % Math.Max(1, perSample)} of it); " +
            "expected finite values. Clean the data, or set CheckInputsFinite = false to skip this check.", argumentName);
    }
}
