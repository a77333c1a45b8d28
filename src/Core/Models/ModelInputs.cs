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
    /// Checks inputs and targets and returns them as a source; <paramref name="argumentPrefix"/> names validation data
    /// (<c>validationData.X</c>).
    /// </summary>
    /// <exception cref="ArgumentException">They do not fit the model, or x and y differ in sample count.</exception>
    public static TensorDataSource Dense(Sequential model, Tensor x, Tensor y, Loss loss, string argumentPrefix = "")
    {
        Check(model, x, y, loss, argumentPrefix);
        return new TensorDataSource(x, y);
    }

    /// <summary>Checks inputs and targets (<see cref="Dense"/> without making a source: TrainOnBatch keeps its own).</summary>
    /// <exception cref="ArgumentException">They do not fit the model, or x and y differ in sample count.</exception>
    public static void Check(Sequential model, Tensor x, Tensor y, Loss loss, string argumentPrefix = "")
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
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
    public static void CheckInput(Sequential model, Tensor x, string argumentName)
    {
        if (x.Rank == 0) throw new ArgumentException($"{argumentName} needs a sample axis, got a scalar.", argumentName);
        CheckShape(model, [.. x.Shape.Skip(1).Select(d => (int?)d)], Tensor.ShapeText(x.Shape), argumentName);
        if (model.CheckInputsFinite) RequireFinite(x, argumentName);
        if (model.Layers[0] is Embedding embedding) embedding.ValidateIds(x, argumentName);
    }

    /// <summary>Checks ragged inputs alone (prediction): shape, token ids, finite values.</summary>
    public static void CheckInput(Sequential model, RaggedDataSource source, string argumentName)
    {
        CheckShape(model, source.SampleShape, source.ShapeText, argumentName);
        source.Validate((model.Layers[0] as Embedding)?.InputDim, model.CheckInputsFinite, argumentName);
    }

    /// <summary>
    /// Checks ragged inputs and their targets and returns the source with the targets attached;
    /// <paramref name="argumentPrefix"/> names validation data (<c>validationData.X</c>).
    /// </summary>
    /// <exception cref="ArgumentException">They do not fit the model, or per-step targets are shorter than the longest sequence.</exception>
    public static RaggedDataSource WithTargets(Sequential model, RaggedDataSource source, Tensor y, Loss loss, string argumentPrefix = "")
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
        if (timeAxis && y.Dim(1) < source.MaxLength)
            throw new ArgumentException(
                $"{yName} has shape {Tensor.ShapeText(y.Shape)}, but the longest sequence of {xName} has {source.MaxLength} steps; " +
                $"per-step targets need at least {source.MaxLength} steps (real steps first).", yName);
        return source.WithTargets(y, timeAxis);
    }

    /// <summary>Feature-vector sequences; when all are empty the feature size comes from the built model.</summary>
    /// <exception cref="ArgumentException">Vectors differ in size, or none exists and the model is not built.</exception>
    public static RaggedDataSource Vectors(Sequential model, float[][][] x, string argumentName)
    {
        RaggedDataSource source = RaggedDataSource.FromVectors(x, model.IsBuilt && model.InputShape!.Length == 2 ? model.InputShape[1] : null, argumentName);
        if (source.Features is null)
            throw new ArgumentException(
                $"{argumentName} has no feature vector (all {source.Count} sequences are empty), so the feature size is unknown; " +
                "build the model first, e.g. with inputShape: [null, features] on its first layer.", argumentName);
        return source;
    }

    // Builds the model for sampleShape if needed, then checks that the input fits. A null (unknown) dimension of the
    // input, such as the time axis of ragged sequences, fits only a null dimension of the model.
    private static void CheckShape(Sequential model, int?[] sampleShape, string actualShapeText, string argumentName)
    {
        if (model.Layers.Count == 0) throw new InvalidOperationException($"Model '{model.Name}' has no layers; Add layers first.");
        if (!model.IsBuilt) model.Build(sampleShape);
        int?[] expected = model.InputShape!;
        bool fits = sampleShape.Length == expected.Length;
        for (int i = 0; fits && i < expected.Length; i++) fits = expected[i] is null || expected[i] == sampleShape[i];
        if (!fits)
            throw new ArgumentException(
                $"{argumentName} has shape {actualShapeText}, but model '{model.Name}' expects input of shape {Tensor.ShapeText([null, .. expected])}.",
                argumentName);
    }

    private static void CheckTargets(Sequential model, Tensor y, Loss loss, string argumentName)
    {
        int?[] output = model.OutputShape;
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
