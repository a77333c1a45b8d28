using NotebookRnn.Data;
using NotebookRnn.Losses;
using NotebookRnn.Models.Callbacks;
using NotebookRnn.Tensors;
using NotebookRnn.Training;

namespace NotebookRnn.Models;

/// <remarks>
/// Several inputs and outputs: <c>Fit</c>, <c>Evaluate</c> and <c>Predict</c> take one tensor per model input (and per
/// output for targets and sample weights), as a list in the model's order or a dictionary by input and output name
/// (an <see cref="Layers.Functional.Input"/>'s name; an output's layer name, see <see cref="OutputNames"/>), as Keras does.
/// An input may also be ragged — token ids (<c>int[][]</c>) or feature vectors (<c>float[][][]</c>) of different lengths,
/// each an <see cref="InputData"/>: then batches are formed by the samples' total length, each ragged input is padded to
/// its own longest sequence in the batch with its own mask, and per-step targets are cut to the steps of the input their
/// output follows (a decoder's output, its decoder input's).
/// </remarks>
public partial class Model
{
    /// <summary>Trains a model with several inputs or outputs (Keras <c>fit([x1, x2], [y1, y2])</c>).</summary>
    /// <param name="x">One tensor per model input, in input order, each (samples, …input shape).</param>
    /// <param name="y">One tensor of targets per model output, in output order, shapes as for the one-tensor <c>Fit</c>.</param>
    /// <param name="batchSize">Samples per gradient update, &gt; 0; default 32.</param>
    /// <param name="epochs">Passes over the data, ≥ 0; default 1.</param>
    /// <param name="verbose">0 silent, 1 progress bar, 2 one line per epoch.</param>
    /// <param name="callbacks">Hooks called during training.</param>
    /// <param name="validationSplit">Fraction in [0, 1) of the last samples (before shuffling) held out for validation.</param>
    /// <param name="validationData">Separate validation inputs and targets, lists as <paramref name="x"/> and <paramref name="y"/>.</param>
    /// <param name="shuffle">Whether to shuffle the training samples before each epoch; default true.</param>
    /// <param name="cancellationToken">Stops training at the next batch boundary.</param>
    /// <param name="sampleWeight">One tensor of sample weights per output (null entries: weight 1), shapes as for the one-tensor <c>Fit</c>.</param>
    /// <returns>The run's <see cref="History"/>, with each output's loss as <c>&lt;output&gt;_loss</c> when there are several.</returns>
    /// <exception cref="ArgumentException">A list has the wrong length, or the data does not fit the model; nothing was trained.</exception>
    /// <exception cref="InvalidOperationException">The model is not compiled.</exception>
    public History Fit(IReadOnlyList<Tensor> x, IReadOnlyList<Tensor> y, int batchSize = 32, int epochs = 1, int verbose = 1,
        IEnumerable<Callback>? callbacks = null, double validationSplit = 0, (IReadOnlyList<Tensor> X, IReadOnlyList<Tensor> Y)? validationData = null,
        bool shuffle = true, CancellationToken cancellationToken = default, IReadOnlyList<Tensor?>? sampleWeight = null)
    {
        Trainer.RequireCompiled();
        var options = new FitOptions(batchSize, epochs, verbose, [.. callbacks ?? []], validationSplit, shuffle, cancellationToken);
        IReadOnlyList<Loss> losses = Losses!;
        TensorDataSource source = ModelInputs.Dense(this, x, y, losses, sampleWeight);
        TensorDataSource? validation = validationData is var (vx, vy) ? ModelInputs.Dense(this, vx, vy, losses, null, "validationData") : null;
        return Trainer.Fit(source, validation, Attached(options), Summary().ToString());
    }

    /// <summary>Trains with inputs and targets given by name (Keras's dictionaries); other arguments as for the list <c>Fit</c>.</summary>
    /// <exception cref="ArgumentException">A name is not an input's or output's, one is missing (the message lists them), or as for the list <c>Fit</c>.</exception>
    /// <exception cref="InvalidOperationException">The model is not compiled.</exception>
    public History Fit(IReadOnlyDictionary<string, Tensor> x, IReadOnlyDictionary<string, Tensor> y, int batchSize = 32, int epochs = 1,
        int verbose = 1, IEnumerable<Callback>? callbacks = null, double validationSplit = 0, bool shuffle = true,
        CancellationToken cancellationToken = default) =>
        Fit(Named(x, "x"), ModelInputs.ByName(y, OutputNames, "output", nameof(y)), batchSize, epochs, verbose, callbacks, validationSplit, null, shuffle,
            cancellationToken);

    /// <summary>Computes the loss (Σ weight · loss over the outputs, and each output's) and metrics on lists of inputs and targets in inference mode.</summary>
    /// <exception cref="ArgumentException">A list has the wrong length, or the data does not fit the model.</exception>
    /// <exception cref="InvalidOperationException">The model is not compiled.</exception>
    public EvaluationResult Evaluate(IReadOnlyList<Tensor> x, IReadOnlyList<Tensor> y, int batchSize = 32, IReadOnlyList<Tensor?>? sampleWeight = null)
    {
        Trainer.RequireCompiled();
        FitOptions.CheckBatchSize(batchSize);
        TensorDataSource source = ModelInputs.Dense(this, x, y, Losses!, sampleWeight);
        if (source.Count == 0) throw new ArgumentException("Evaluate needs at least one sample, got 0.", nameof(x));
        return Trainer.Evaluate(source, [.. Enumerable.Range(0, source.Count)], batchSize);
    }

    /// <summary>Runs the model on one tensor per input (inference) and returns one tensor per output, (samples, …output shape).</summary>
    /// <exception cref="ArgumentException">The list has the wrong length, or an input does not fit the model.</exception>
    public IReadOnlyList<Tensor> Predict(IReadOnlyList<Tensor> x, int batchSize = 32)
    {
        ArgumentNullException.ThrowIfNull(x);
        FitOptions.CheckBatchSize(batchSize);
        ModelInputs.CheckInputs(this, x, nameof(x));
        return Prediction.InOrder(Engine(), PredictionSource(x), batchSize, OutputShapes);
    }

    /// <summary>Runs the model on inputs given by name (inference) and returns one tensor per output, in output order.</summary>
    /// <exception cref="ArgumentException">A name is not an input's, one is missing, or an input does not fit the model.</exception>
    public IReadOnlyList<Tensor> Predict(IReadOnlyDictionary<string, Tensor> x, int batchSize = 32) => Predict(Named(x, nameof(x)), batchSize);

    /// <summary>
    /// Trains a model with several inputs, some of them ragged (<c>int[][]</c> or <c>float[][][]</c>, see <see cref="InputData"/>),
    /// in batches of similar total length, as the one-input ragged <c>Fit</c> batches; other arguments as for the tensor-list <c>Fit</c>.
    /// </summary>
    /// <param name="x">One entry per model input, in input order: a tensor or sequences of different lengths.</param>
    /// <param name="y">One tensor of targets per model output; per-step targets (samples, T, …) with T ≥ the longest sequence of the input the output follows, real steps first.</param>
    /// <param name="batchSize">Samples per gradient update, &gt; 0; default 32.</param>
    /// <param name="epochs">Passes over the data, ≥ 0; default 1.</param>
    /// <param name="verbose">0 silent, 1 progress bar, 2 one line per epoch.</param>
    /// <param name="callbacks">Hooks called during training.</param>
    /// <param name="validationSplit">Fraction in [0, 1) of the last samples (before shuffling) held out for validation.</param>
    /// <param name="validationData">Separate validation inputs and targets, lists as <paramref name="x"/> and <paramref name="y"/>.</param>
    /// <param name="shuffle">Whether to shuffle samples and batches each epoch; default true.</param>
    /// <param name="cancellationToken">Stops training at the next batch boundary.</param>
    /// <param name="sampleWeight">One tensor of sample weights per output (null entries: weight 1): (samples,), or (samples, T) per step.</param>
    /// <returns>The run's <see cref="History"/>.</returns>
    /// <exception cref="ArgumentException">
    /// A list has the wrong length, the data does not fit the model, or a per-step output's steps come from no single input;
    /// nothing was trained.</exception>
    /// <exception cref="InvalidOperationException">The model is not compiled.</exception>
    public History Fit(IReadOnlyList<InputData> x, IReadOnlyList<Tensor> y, int batchSize = 32, int epochs = 1, int verbose = 1,
        IEnumerable<Callback>? callbacks = null, double validationSplit = 0, (IReadOnlyList<InputData> X, IReadOnlyList<Tensor> Y)? validationData = null,
        bool shuffle = true, CancellationToken cancellationToken = default, IReadOnlyList<Tensor?>? sampleWeight = null)
    {
        Trainer.RequireCompiled();
        var options = new FitOptions(batchSize, epochs, verbose, [.. callbacks ?? []], validationSplit, shuffle, cancellationToken);
        IReadOnlyList<Loss> losses = Losses!;
        RaggedDataSource source = ModelInputs.Ragged(this, x, y, losses, sampleWeight);
        RaggedDataSource? validation = validationData is var (vx, vy) ? ModelInputs.Ragged(this, vx, vy, losses, null, "validationData") : null;
        return Trainer.Fit(source, validation, Attached(options), Summary().ToString());
    }

    /// <summary>Trains with inputs (some ragged) and targets given by name; other arguments as for the <see cref="InputData"/> list <c>Fit</c>.</summary>
    /// <exception cref="ArgumentException">A name is not an input's or output's, one is missing (the message lists them), or as for the list <c>Fit</c>.</exception>
    /// <exception cref="InvalidOperationException">The model is not compiled.</exception>
    public History Fit(IReadOnlyDictionary<string, InputData> x, IReadOnlyDictionary<string, Tensor> y, int batchSize = 32, int epochs = 1,
        int verbose = 1, IEnumerable<Callback>? callbacks = null, double validationSplit = 0, bool shuffle = true,
        CancellationToken cancellationToken = default) =>
        Fit(Named(x, "x"), ModelInputs.ByName(y, OutputNames, "output", nameof(y)), batchSize, epochs, verbose, callbacks, validationSplit, null, shuffle,
            cancellationToken);

    /// <summary>Computes the loss and metrics on inputs (some ragged) and targets in inference mode, in batches of similar length.</summary>
    /// <exception cref="ArgumentException">A list has the wrong length, or the data does not fit the model.</exception>
    /// <exception cref="InvalidOperationException">The model is not compiled.</exception>
    public EvaluationResult Evaluate(IReadOnlyList<InputData> x, IReadOnlyList<Tensor> y, int batchSize = 32, IReadOnlyList<Tensor?>? sampleWeight = null)
    {
        Trainer.RequireCompiled();
        FitOptions.CheckBatchSize(batchSize);
        RaggedDataSource source = ModelInputs.Ragged(this, x, y, Losses!, sampleWeight);
        if (source.Count == 0) throw new ArgumentException("Evaluate needs at least one sample, got 0.", nameof(x));
        return Trainer.Evaluate(source, source.IndicesByLength(Enumerable.Range(0, source.Count)), batchSize);
    }

    /// <summary>
    /// Runs the model on inputs, some ragged (inference), and returns one tensor per output in the callers' sample order. An
    /// output that follows the steps of a ragged input is (samples, T, …) with T that input's longest sequence: each row its
    /// real steps first, zeros after them.
    /// </summary>
    /// <exception cref="ArgumentException">The list has the wrong length, an input does not fit the model, or a per-step output's steps come from no single input.</exception>
    public IReadOnlyList<Tensor> Predict(IReadOnlyList<InputData> x, int batchSize = 32)
    {
        ArgumentNullException.ThrowIfNull(x);
        FitOptions.CheckBatchSize(batchSize);
        RaggedDataSource source = ModelInputs.RaggedInputs(this, x, nameof(x));
        int?[] stepSources = OutputStepSources();
        int?[] stepsFrom = [.. Enumerable.Range(0, OutputShapes.Count).Select(k => ModelInputs.StepsFrom(this, source, stepSources, k, nameof(x)))];
        return Prediction.ByLength(Engine(), source, batchSize, OutputShapes, stepsFrom);
    }

    /// <summary>Runs the model on inputs (some ragged) given by name, and returns one tensor per output, in output order.</summary>
    /// <exception cref="ArgumentException">A name is not an input's, one is missing, or as for the list <c>Predict</c>.</exception>
    public IReadOnlyList<Tensor> Predict(IReadOnlyDictionary<string, InputData> x, int batchSize = 32) => Predict(Named(x, nameof(x)), batchSize);

    private T[] Named<T>(IReadOnlyDictionary<string, T> x, string argumentName) =>
        ModelInputs.ByName(x, [.. Inputs.Select(i => i.Name)], "input", argumentName);
}
