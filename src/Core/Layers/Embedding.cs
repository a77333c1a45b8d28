using System.Runtime.CompilerServices;
using NotebookRnn.Constraints;
using NotebookRnn.Initializers;
using NotebookRnn.Kernels;
using NotebookRnn.Regularizers;
using NotebookRnn.Tensors;

namespace NotebookRnn.Layers;

/// <summary>
/// Maps token ids to dense vectors (Keras <c>Embedding</c>): ids (batch, steps) → (batch, steps, outputDim),
/// <c>y[b, t] = E[ids[b, t]]</c> with E of shape (inputDim, outputDim).
/// With <see cref="MaskZero"/>, id 0 is padding: it produces a mask that later layers honour, so the vocabulary
/// should use ids 1 … inputDim − 1.
/// </summary>
public sealed class Embedding : Layer
{
    private Parameter? _embeddings;
    private Tensor? _ids, _output, _initialWeights;

    /// <summary>Creates the layer.</summary>
    /// <param name="inputDim">Vocabulary size (largest id + 1), &gt; 0.</param>
    /// <param name="outputDim">Vector size, &gt; 0.</param>
    /// <param name="maskZero">Whether id 0 marks padding; default false.</param>
    /// <param name="inputLength">Fixed sequence length (Keras 2 argument); default: any length.</param>
    /// <param name="embeddingsInitializer">Default <c>random_uniform</c> (±0.05).</param>
    /// <param name="embeddingsRegularizer">Penalty on E added to the training loss; default none.</param>
    /// <param name="activityRegularizer">Penalty on the output, divided by the batch size; default none.</param>
    /// <param name="embeddingsConstraint">Projection of E after each optimizer step; default none.</param>
    /// <param name="inputShape">Input shape without batch; overrides <paramref name="inputLength"/>.</param>
    /// <param name="name">Layer name.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is ≤ 0.</exception>
    public Embedding(int inputDim, int outputDim, bool maskZero = false, int? inputLength = null,
        Initializer? embeddingsInitializer = null, Regularizer? embeddingsRegularizer = null, Regularizer? activityRegularizer = null,
        Constraint? embeddingsConstraint = null, int?[]? inputShape = null, string? name = null)
        : base(name, inputShape ?? [inputLength])
    {
        if (inputDim <= 0) throw new ArgumentOutOfRangeException(nameof(inputDim), inputDim, "Expected inputDim > 0.");
        if (outputDim <= 0) throw new ArgumentOutOfRangeException(nameof(outputDim), outputDim, "Expected outputDim > 0.");
        if (inputLength is <= 0) throw new ArgumentOutOfRangeException(nameof(inputLength), inputLength, "Expected inputLength > 0.");
        InputDim = inputDim;
        OutputDim = outputDim;
        MaskZero = maskZero;
        InputLength = inputLength;
        EmbeddingsInitializer = embeddingsInitializer ?? new RandomUniform();
        EmbeddingsRegularizer = embeddingsRegularizer;
        ActivityRegularizer = activityRegularizer;
        EmbeddingsConstraint = embeddingsConstraint;
    }

    /// <summary>
    /// Creates the layer with pre-trained vectors (Keras <c>weights=[matrix]</c>, e.g. GloVe): the embedding matrix starts as
    /// a copy of <paramref name="weights"/>. Set <see cref="Layer.Trainable"/> to false to keep them fixed. The vectors are
    /// not part of the configuration: a saved model keeps them among its weights.
    /// </summary>
    /// <param name="inputDim">Vocabulary size, &gt; 0.</param>
    /// <param name="outputDim">Vector size, &gt; 0.</param>
    /// <param name="weights">The initial matrix, shape (inputDim, outputDim).</param>
    /// <param name="maskZero">Whether id 0 marks padding; default false.</param>
    /// <param name="inputLength">Fixed sequence length (Keras 2 argument); default: any length.</param>
    /// <param name="inputShape">Input shape without batch; overrides <paramref name="inputLength"/>.</param>
    /// <param name="name">Layer name.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is ≤ 0.</exception>
    /// <exception cref="ArgumentException"><paramref name="weights"/> is not (inputDim, outputDim).</exception>
    public Embedding(int inputDim, int outputDim, Tensor weights, bool maskZero = false, int? inputLength = null, int?[]? inputShape = null,
        string? name = null)
        : this(inputDim, outputDim, maskZero, inputLength, inputShape: inputShape, name: name)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Rank != 2 || weights.Dim(0) != inputDim || weights.Dim(1) != outputDim)
            throw new ArgumentException(
                $"Embedding weights must have shape ({inputDim}, {outputDim}) = (inputDim, outputDim), got {Tensor.ShapeText(weights.Shape)}.",
                nameof(weights));
        _initialWeights = weights.Clone();
    }

    /// <summary>Vocabulary size.</summary>
    public int InputDim { get; }

    /// <summary>Vector size.</summary>
    public int OutputDim { get; }

    /// <summary>Whether id 0 is padding and produces a mask.</summary>
    public bool MaskZero { get; }

    /// <summary>Fixed sequence length, if given.</summary>
    public int? InputLength { get; }

    /// <summary>Initializer of the embedding matrix.</summary>
    public Initializer EmbeddingsInitializer { get; }

    /// <summary>Penalty on E, or <c>null</c>.</summary>
    public Regularizer? EmbeddingsRegularizer { get; }

    /// <summary>Projection of E after each optimizer step, or <c>null</c>.</summary>
    public Constraint? EmbeddingsConstraint { get; }

    /// <summary>E, shape (inputDim, outputDim).</summary>
    public Parameter Embeddings => _embeddings ?? throw NotBuilt();

    /// <inheritdoc/>
    public override bool SupportsMasking => true;

    /// <inheritdoc/>
    public override int?[] ComputeOutputShape(int?[] inputShape) => [.. inputShape, OutputDim];

    /// <inheritdoc/>
    protected override void OnBuild(int?[] inputShape, RandomGenerator random)
    {
        // Pre-trained vectors fill a new layer; a loaded model or a device replica takes its values from elsewhere, as always.
        Initializer initializer = _initialWeights is null ? EmbeddingsInitializer : new Pretrained(_initialWeights);
        _embeddings = AddWeight("embeddings", [InputDim, OutputDim], initializer, random, EmbeddingsRegularizer, EmbeddingsConstraint);
    }

    /// <summary>
    /// With <see cref="MaskZero"/>: the steps whose id is not 0, and-ed with <paramref name="mask"/>. The lengths come
    /// from one scan of the ids; flags are kept only when a zero id sits inside a sequence (Keras masks that step too).
    /// </summary>
    public override SequenceMask? ComputeOutputMask(Tensor input, SequenceMask? mask)
    {
        if (!MaskZero) return mask;
        int batch = input.Dim(0), steps = input.Length / Math.Max(1, batch);
        return SequenceMask.OfSteps(input.Span, batch, steps, width: 1, padValue: 0).Intersect(mask);
    }

    // The per-batch loops here are AggressiveOptimization: fully optimised from their first call, not tier-0 code that a
    // busy notebook kernel would keep running for epochs (issue 13).
    // ids: (batch, …) → y: (batch, …, outputDim)
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override Tensor Forward(Tensor input, SequenceMask? mask, bool training)
    {
        CheckInput(input);
        ValidateIds(input, nameof(input));
        Tensor output = Tensor.Reuse(ref _output, [.. input.Shape, OutputDim]);
        ReadOnlySpan<float> ids = input.Span, table = Embeddings.Value.Span;
        Span<float> y = output.Span;
        for (int i = 0; i < ids.Length; i++)
            table.Slice((int)ids[i] * OutputDim, OutputDim).CopyTo(y.Slice(i * OutputDim, OutputDim));
        _ids = input;
        return output;
    }

    // dy: (batch, …, outputDim) → dE[ids[i]] += dy[i]; ids are not differentiable
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override Tensor? Backward(Tensor outputGradient, bool needInputGradient)
    {
        ReadOnlySpan<float> ids = _ids!.Span, dy = outputGradient.Span;
        Span<float> dTable = Embeddings.Gradient.Span;
        for (int i = 0; i < ids.Length; i++)
        {
            Span<float> row = dTable.Slice((int)ids[i] * OutputDim, OutputDim);
            ElementwiseKernels.Add(row, dy.Slice(i * OutputDim, OutputDim), row);
        }
        return null;
    }

    /// <summary>Checks that every id is an integer in [0, inputDim); the error names the argument, sample and step.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal void ValidateIds(Tensor input, string argumentName)
    {
        ReadOnlySpan<float> ids = input.Span;
        int perRow = input.Length / Math.Max(1, input.Dim(0));
        for (int i = 0; i < ids.Length; i++)
        {
            float id = ids[i];
            if (id >= 0 && id < InputDim && id == MathF.Floor(id)) continue;
            throw new ArgumentException(
                $"Embedding '{Name}' expects integer ids in [0, {InputDim}), got {id} at sample {i / perRow}, step {i % perRow}.",
                argumentName);
        }
    }

    private sealed class Pretrained(Tensor values) : Initializer
    {
        public override string Name => "pretrained";

        public override void Fill(Span<float> destination, IReadOnlyList<int> shape, RandomGenerator random) => values.Span.CopyTo(destination);
    }
}
