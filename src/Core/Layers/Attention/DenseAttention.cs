using NotebookRnn.Layers.Functional;
using NotebookRnn.Kernels;
using NotebookRnn.Tensors;

namespace NotebookRnn.Layers.Attention;

/// <summary>
/// Base of the dot-product-style attention layers (<see cref="Attention"/>, Luong; <see cref="AdditiveAttention"/>,
/// Bahdanau; Keras 3's <c>Attention</c> base): for query Q (batch, Tq, dim), value V (batch, Tv, valueDim) and key K
/// (batch, Tv, dim; V when not given), <c>scores = f(Q, K)</c> (batch, Tq, Tv), <c>A = softmax(scores)</c> over Tv,
/// dropout on A in training, and <c>output = A·V</c> (batch, Tq, valueDim). The subclass gives the score f.
/// </summary>
/// <remarks>
/// Masks as in Keras: the value mask (batch, Tv) lowers the scores of padded value steps by 1e9 before the softmax, so
/// they get no attention; with <c>useCausalMask</c> query step i attends to steps j ≤ i only; the query mask (batch, Tq)
/// zeroes the output at padded query steps and is the output's mask. Inputs are [query, value] or [query, value, key],
/// masks [queryMask, valueMask] (a third, the key's, is ignored as in Keras). Inputs with leading axes, (batch, …, steps,
/// features) as Keras allows, attend over their last two axes for every leading index; they take no masks.
/// </remarks>
public abstract class DenseAttention : MultiInputLayer
{
    /// <summary>What a masked score is lowered by before the softmax (Keras's float32 value).</summary>
    public const float MaskPenalty = 1e9f;

    private readonly AttentionWorkspace _workspace = new();
    private RandomGenerator? _random;
    // The last forward pass's shapes as the caller sees them (leading axes kept): each input's, the output's and the scores'.
    private int[][] _inputShapes = [];
    private int[] _outputShape = [], _scoresShape = [];

    /// <summary>Stores the configuration shared by the attention layers.</summary>
    /// <param name="dropout">Fraction of the attention weights dropped in training, in [0, 1).</param>
    /// <param name="seed">Seed of the dropout pattern; default: drawn from the model's seed.</param>
    /// <param name="name">Layer name.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dropout"/> is outside [0, 1).</exception>
    private protected DenseAttention(double dropout, long? seed, string? name) : base(name)
    {
        if (!(dropout >= 0 && dropout < 1))
            throw new ArgumentOutOfRangeException(nameof(dropout), dropout, "Expected a dropout rate in [0, 1).");
        Dropout = dropout;
        Seed = seed;
    }

    /// <summary>Fraction of the attention weights dropped in training.</summary>
    public double Dropout { get; }

    /// <summary>The seed given to the constructor, if any.</summary>
    public long? Seed { get; }

    /// <summary>2: query and value.</summary>
    public override int MinInputs => 2;

    /// <summary>3: query, value and key.</summary>
    public override int MaxInputs => 3;

    /// <inheritdoc/>
    public override bool SupportsMasking => true;

    /// <summary>
    /// (…, Tq, valueDim) for query (…, Tq, dim), value (…, Tv, valueDim) and key (…, Tv, dim), where … are leading axes
    /// the inputs share (Keras attends over the last two axes; usually there are none).
    /// </summary>
    /// <exception cref="ArgumentException">
    /// An input has fewer than two axes besides the batch, the inputs differ in rank or leading axes, or the query's and
    /// key's features or the value's and key's steps differ.
    /// </exception>
    public override int?[] ComputeOutputShape(IReadOnlyList<int?[]> inputShapes)
    {
        ArgumentNullException.ThrowIfNull(inputShapes);
        string[] names = ["query", "value", "key"];
        int rank = inputShapes[0].Length;
        for (int k = 0; k < inputShapes.Count; k++)
            if (inputShapes[k].Length < 2 || inputShapes[k].Length != rank || !SameLeadingAxes(inputShapes[0], inputShapes[k]))
                throw new ArgumentException(
                    $"{Describe} expects the {names[k]} of shape (batch, …, steps, features) like the query {Tensor.ShapeText([null, .. inputShapes[0]])}, " +
                    $"got {Tensor.ShapeText([null, .. inputShapes[k]])}.", nameof(inputShapes));
        int?[] query = inputShapes[0], value = inputShapes[1], key = inputShapes.Count > 2 ? inputShapes[2] : value;
        if (query[^1] is int q && key[^1] is int k1 && q != k1)
            throw new ArgumentException(
                $"{Describe} needs the query's and the key's features to agree, got query {Tensor.ShapeText([null, .. query])} and key {Tensor.ShapeText([null, .. key])}.",
                nameof(inputShapes));
        if (value[^2] is int tv && key[^2] is int tk && tv != tk)
            throw new ArgumentException(
                $"{Describe} needs the value and the key to have the same steps, got value {Tensor.ShapeText([null, .. value])} and key {Tensor.ShapeText([null, .. key])}.",
                nameof(inputShapes));
        return [.. query[..^1], value[^1]];
    }

    private static bool SameLeadingAxes(int?[] first, int?[] other)
    {
        for (int d = 0; d < Math.Min(first.Length, other.Length) - 2; d++)
            if (first[d] is int a && other[d] is int b && a != b) return false;
        return true;
    }

    /// <inheritdoc/>
    protected sealed override void OnBuild(IReadOnlyList<int?[]> inputShapes, RandomGenerator random)
    {
        _random = Seed is long seed ? new RandomGenerator(seed) : random.Split();
        int? dim = inputShapes[0][^1];
        AddScoreWeights(dim ?? throw new ArgumentException($"{Describe} needs the query's features known, got {Tensor.ShapeText([null, .. inputShapes[0]])}.", nameof(inputShapes)), random);
    }

    /// <summary>The output (batch, Tq, valueDim); use the overload with <c>useCausalMask</c> for the attention distribution.</summary>
    public override Tensor Forward(IReadOnlyList<Tensor> inputs, IReadOnlyList<SequenceMask?> masks, bool training) =>
        Forward(inputs, masks, training, useCausalMask: false).Output;

    /// <summary>The inputs' gradients given the output's (no gradient of the attention distribution).</summary>
    public override IReadOnlyList<Tensor?> BackwardAll(Tensor outputGradient, IReadOnlyList<bool> needInputGradients) =>
        BackwardAll(outputGradient, null, needInputGradients);

    /// <summary>The query's mask (Keras: the output has the query's steps), or <c>null</c>.</summary>
    public override SequenceMask? ComputeOutputMask(IReadOnlyList<Tensor> inputs, IReadOnlyList<SequenceMask?> masks)
    {
        ArgumentNullException.ThrowIfNull(masks);
        return masks.Count > 0 ? masks[0] : null;
    }

    // Q: (batch, Tq, dim), V: (batch, Tv, valueDim), K: (batch, Tv, dim) → scores, A: (batch, Tq, Tv) → output: (batch, Tq, valueDim)
    /// <summary>
    /// Calls the layer on symbolic query, value and (optionally) key tensors of the functional API (Keras's
    /// <c>attention([query, value], return_attention_scores=True, use_causal_mask=True)</c>). With
    /// <paramref name="returnAttentionScores"/> the result deconstructs into the output and the attention distribution:
    /// <c>var (context, weights) = attention.Call(decoded, encoded, returnAttentionScores: true);</c>
    /// </summary>
    /// <param name="query">(None, Tq, dim).</param>
    /// <param name="value">(None, Tv, dim).</param>
    /// <param name="key">(None, Tv, dim); default: the value.</param>
    /// <param name="returnAttentionScores">Whether the attention distribution (None, Tq, Tv) is a second output.</param>
    /// <param name="useCausalMask">Whether query step i attends to value steps ≤ i only (a decoder attending to itself).</param>
    /// <exception cref="ArgumentException">Shapes the layer cannot take.</exception>
    public SymbolicTensor Call(SymbolicTensor query, SymbolicTensor value, SymbolicTensor? key = null, bool returnAttentionScores = false,
        bool useCausalMask = false) =>
        LayerNode.CallAttention(this, query, value, key, returnAttentionScores, useCausalMask);

    /// <summary>
    /// Computes the output (batch, Tq, valueDim) and the attention distribution (batch, Tq, Tv) after dropout, Keras's
    /// <c>return_attention_scores</c>; both belong to the layer until its next call.
    /// </summary>
    /// <param name="inputs">[query, value] or [query, value, key].</param>
    /// <param name="masks">[queryMask, valueMask] (either may be null; a third entry is ignored), or an empty list.</param>
    /// <param name="training">Whether this is a training pass (dropout on the distribution, values kept for backward).</param>
    /// <param name="useCausalMask">Whether query step i may attend to value steps j ≤ i only (Keras's <c>use_causal_mask</c>).</param>
    /// <exception cref="ArgumentException">The inputs do not match the built shapes or each other, or a mask does not cover its input's (batch, steps).</exception>
    public (Tensor Output, Tensor Scores) Forward(IReadOnlyList<Tensor> inputs, IReadOnlyList<SequenceMask?> masks, bool training, bool useCausalMask)
    {
        CheckInputs(inputs);
        ArgumentNullException.ThrowIfNull(masks);
        // Leading axes (Keras's N-D inputs) join the batch: every (batch, …) index attends on its own.
        bool leadingAxes = inputs[0].Rank > 3;
        if (leadingAxes && masks.Any(m => m is not null))
            throw new ArgumentException($"{Describe} takes masks only for inputs of shape (batch, steps, features), got {Tensor.ShapeText(inputs[0].Shape)}.", nameof(masks));
        Tensor[] flat = [.. inputs.Select(x => leadingAxes ? x.Reshape(-1, x.Dim(-2), x.Dim(-1)) : x)];
        _inputShapes = [.. inputs.Select(x => x.Shape.ToArray())];
        AttentionWorkspace w = _workspace;
        w.Plan(flat[0], flat[1], flat.Length > 2 ? flat[2] : null);
        if (w.Key.Dim(1) != w.ValueSteps)
            throw new ArgumentException($"{Describe} needs the value and the key to have the same steps, got {w.ValueSteps} and {w.Key.Dim(1)}.", nameof(inputs));
        (w.QueryMask, SequenceMask? valueMask) = CheckMasks(masks, w);
        ComputeScores(w);
        LowerMaskedScores(w, valueMask, useCausalMask);
        ActivationKernels.Softmax(w.Scores.Span, w.Distribution.Span, w.ValueSteps);
        w.Dropped = training && Dropout > 0;
        if (w.Dropped) DropWeights(w);
        int tq = w.QuerySteps, tv = w.ValueSteps, dv = w.ValueDim;
        for (int n = 0; n < w.Batch; n++)
            Gemm.Multiply(false, false, tq, dv, tv, 1f, w.Weights.Span.Slice(n * tq * tv, tq * tv), w.Value.Span.Slice(n * tv * dv, tv * dv),
                0f, w.Output.Span.Slice(n * tq * dv, tq * dv));
        if (w.QueryMask is { } queryMask) ZeroPaddedSteps(queryMask, w.Output.Span, dv);
        _outputShape = [.. _inputShapes[0][..^1], dv];
        _scoresShape = [.. _inputShapes[0][..^1], tv];
        return leadingAxes ? (w.Output.Reshape(_outputShape), w.Weights.Reshape(_scoresShape)) : (w.Output, w.Weights);
    }

    // dOutput: (batch, Tq, valueDim), dScores: (batch, Tq, Tv) → dA = dO·Vᵀ (+ dScores), dV = Aᵀ·dO → dropout → softmax → f
    /// <summary>
    /// Back-propagates the gradients of the last training forward pass's output and, optionally, of its attention
    /// distribution (the <c>Scores</c> it returned): adds the weight gradients and returns one gradient per input.
    /// </summary>
    /// <param name="outputGradient">Gradient of the output, (batch, Tq, valueDim).</param>
    /// <param name="scoresGradient">Gradient of the returned distribution, (batch, Tq, Tv), or <c>null</c>.</param>
    /// <param name="needInputGradients">Which inputs' gradients the caller needs (one flag per input).</param>
    /// <returns>One gradient per input, <c>null</c> where not needed.</returns>
    /// <exception cref="ArgumentException">A gradient's shape differs from the forward pass's tensor.</exception>
    public IReadOnlyList<Tensor?> BackwardAll(Tensor outputGradient, Tensor? scoresGradient, IReadOnlyList<bool> needInputGradients)
    {
        ArgumentNullException.ThrowIfNull(outputGradient);
        ArgumentNullException.ThrowIfNull(needInputGradients);
        AttentionWorkspace w = _workspace;
        if (!w.IsPlanned) throw new InvalidOperationException($"{Describe}: BackwardAll called before Forward.");
        CheckGradient(outputGradient, _outputShape, nameof(outputGradient));
        if (scoresGradient is not null) CheckGradient(scoresGradient, _scoresShape, nameof(scoresGradient));
        int tq = w.QuerySteps, tv = w.ValueSteps, dv = w.ValueDim;
        outputGradient.Span.CopyTo(w.OutputGradient.Span);
        if (w.QueryMask is { } queryMask) ZeroPaddedSteps(queryMask, w.OutputGradient.Span, dv);
        bool needValue = needInputGradients[1];
        for (int n = 0; n < w.Batch; n++)
        {
            ReadOnlySpan<float> dOutput = w.OutputGradient.Span.Slice(n * tq * dv, tq * dv);
            Gemm.Multiply(false, true, tq, tv, dv, 1f, dOutput, w.Value.Span.Slice(n * tv * dv, tv * dv), 0f, w.WeightsGradient.Span.Slice(n * tq * tv, tq * tv));
            if (needValue)
                Gemm.Multiply(true, false, tv, dv, tq, 1f, w.Weights.Span.Slice(n * tq * tv, tq * tv), dOutput, 0f, w.ValueGradient.Span.Slice(n * tv * dv, tv * dv));
        }
        Span<float> dWeights = w.WeightsGradient.Span;
        if (scoresGradient is not null) ElementwiseKernels.Add(dWeights, scoresGradient.Span, dWeights);
        if (w.Dropped) ElementwiseKernels.Multiply(dWeights, w.Keep.Span, dWeights);
        ActivationKernels.SoftmaxBackward(w.Distribution.Span, dWeights, w.ScoresGradient.Span, tv);
        bool needKey = w.KeyIsValue ? needValue : needInputGradients[2];
        ScoresBackward(w, needInputGradients[0], needKey);
        if (w.KeyIsValue && needValue) ElementwiseKernels.Add(w.ValueGradient.Span, w.KeyGradient.Span, w.ValueGradient.Span);
        Tensor?[] gradients = [needInputGradients[0] ? w.QueryGradient : null, needValue ? w.ValueGradient : null, !w.KeyIsValue && needKey ? w.KeyGradient : null];
        for (int k = 0; k < gradients.Length; k++)
            if (gradients[k] is { } gradient && _inputShapes[0].Length > 3) gradients[k] = gradient.Reshape(_inputShapes[k]);
        return w.KeyIsValue ? gradients[..2] : gradients;
    }

    /// <summary>Creates the score's weights for queries and keys of <paramref name="dim"/> features.</summary>
    private protected abstract void AddScoreWeights(int dim, RandomGenerator random);

    /// <summary>Writes the scores f(Q, K) into <see cref="AttentionWorkspace.Scores"/> (batch, Tq, Tv), keeping what backward needs.</summary>
    private protected abstract void ComputeScores(AttentionWorkspace workspace);

    /// <summary>
    /// From <see cref="AttentionWorkspace.ScoresGradient"/>, adds the score weights' gradients and writes
    /// <see cref="AttentionWorkspace.QueryGradient"/> and <see cref="AttentionWorkspace.KeyGradient"/> where needed.
    /// </summary>
    private protected abstract void ScoresBackward(AttentionWorkspace workspace, bool needQuery, bool needKey);

    /// <summary>The layer's type and name, for messages.</summary>
    private protected string Describe => $"{GetType().Name} '{Name}'";

    private (SequenceMask? Query, SequenceMask? Value) CheckMasks(IReadOnlyList<SequenceMask?> masks, AttentionWorkspace w)
    {
        ArgumentNullException.ThrowIfNull(masks);
        if (masks.Count == 0) return (null, null);
        if (masks.Count is < 2 or > 3)
            throw new ArgumentException($"{Describe} accepts a mask list of length 2 or 3, [queryMask, valueMask], got {masks.Count}.", nameof(masks));
        CheckMask(masks[0], "query", w.Batch, w.QuerySteps);
        CheckMask(masks[1], "value", w.Batch, w.ValueSteps);
        return (masks[0], masks[1]);
    }

    private void CheckMask(SequenceMask? mask, string input, int batch, int steps)
    {
        if (mask is not null && (mask.Batch != batch || mask.Steps != steps))
            throw new ArgumentException($"The {input} mask of {Describe} must cover {batch} × {steps} steps, got {mask.Batch} × {mask.Steps}.", "masks");
    }

    private void CheckGradient(Tensor gradient, int[] shape, string argument)
    {
        if (!gradient.Shape.SequenceEqual(shape))
            throw new ArgumentException($"{Describe} expects {argument} of shape {Tensor.ShapeText(shape)}, got {Tensor.ShapeText(gradient.Shape)}.", argument);
    }

    // scores[n, i, j] −= 1e9 where value step j is padding, or j > i under the causal mask (Keras's `scores - max_value`).
    private static void LowerMaskedScores(AttentionWorkspace w, SequenceMask? valueMask, bool causal)
    {
        if (valueMask is null && !causal) return;
        int tq = w.QuerySteps, tv = w.ValueSteps;
        ReadOnlySpan<bool> real = valueMask is null ? default : valueMask.Flags;
        Span<float> scores = w.Scores.Span;
        for (int n = 0; n < w.Batch; n++)
            for (int i = 0; i < tq; i++)
            {
                Span<float> row = scores.Slice((n * tq + i) * tv, tv);
                for (int j = 0; j < tv; j++)
                    if ((!real.IsEmpty && !real[n * tv + j]) || (causal && j > i)) row[j] -= MaskPenalty;
            }
    }

    // A' = A ⊙ keep, keep = 0 with probability rate, else 1 / (1 − rate)
    private void DropWeights(AttentionWorkspace w)
    {
        DrawDropoutScales(w.Keep.Span);
        ElementwiseKernels.Multiply(w.Distribution.Span, w.Keep.Span, w.Weights.Span);
    }

    /// <summary>
    /// Draws the next training pass's dropout factors of the attention weights (batch, Tq, Tv) from the layer's stream, in
    /// row-major order: 0 with probability <see cref="Dropout"/>, else <c>1 / (1 − dropout)</c>. The libtorch backend draws
    /// here too, so both backends drop the same weights.
    /// </summary>
    internal void DrawDropoutScales(Span<float> keep)
    {
        float scale = (float)(1 / (1 - Dropout));
        for (int i = 0; i < keep.Length; i++) keep[i] = _random!.NextDouble() < Dropout ? 0f : scale;
    }

    private static void ZeroPaddedSteps(SequenceMask mask, Span<float> values, int width)
    {
        ReadOnlySpan<bool> real = mask.Flags;
        for (int row = 0; row < real.Length; row++)
            if (!real[row]) values.Slice(row * width, width).Clear();
    }
}
