using NotebookRnn.Tensors;

namespace NotebookRnn.Data;

/// <summary>
/// Samples held in dense tensors whose first axis is the sample axis: one tensor per model input, optional targets and
/// sample weights (samples, …) per model output.
/// </summary>
internal sealed class TensorDataSource : DataSource
{
    // The samples, shared with every view, so that Rebind reaches the views too.
    private readonly Samples _samples;
    private readonly Tensor?[] _inputBuffers, _targetBuffers, _weightBuffers;
    private readonly Tensor[] _inputs;
    private readonly Tensor?[] _targets, _weights;

    public TensorDataSource(Tensor x, Tensor? y, Tensor? sampleWeight = null) : this([x], y is null ? null : [y], sampleWeight is null ? null : [sampleWeight])
    {
    }

    /// <summary>A source of several inputs and outputs; every tensor has the same number of samples.</summary>
    public TensorDataSource(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor>? targets, IReadOnlyList<Tensor?>? sampleWeights = null)
        : this(new Samples { Inputs = [.. inputs], Targets = targets?.ToArray(), Weights = sampleWeights?.ToArray() })
    {
    }

    private TensorDataSource(Samples samples)
    {
        _samples = samples;
        int inputs = samples.Inputs.Length, outputs = Math.Max(samples.Targets?.Length ?? 0, samples.Weights?.Length ?? 0);
        (_inputBuffers, _inputs) = (new Tensor?[inputs], new Tensor[inputs]);
        (_targetBuffers, _targets) = (new Tensor?[outputs], new Tensor?[outputs]);
        (_weightBuffers, _weights) = (new Tensor?[outputs], new Tensor?[outputs]);
    }

    public override int Count => _samples.Inputs[0].Dim(0);

    public override bool HasTargets => _samples.Targets is not null;

    /// <summary>Real steps per sample when known (e.g. non-zero ids before an Embedding with maskZero).</summary>
    public int[]? SampleTokens
    {
        get => _samples.Tokens;
        set => _samples.Tokens = value;
    }

    public override int Tokens(int index) => SampleTokens?[index] ?? 1;

    /// <summary>Points the source and its views at new samples of one input and output, keeping their batch buffers (TrainOnBatch calls this every batch).</summary>
    public void Rebind(Tensor x, Tensor? y, Tensor? sampleWeight = null) =>
        Rebind([x], y is null ? null : [y], sampleWeight is null ? null : [sampleWeight]);

    /// <summary>
    /// Points the source and its views at new samples, as many inputs and outputs as before, keeping their batch buffers
    /// (every Predict call of a model reuses one source).
    /// </summary>
    /// <exception cref="ArgumentException">The number of inputs or outputs differs from the source's.</exception>
    public void Rebind(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor>? targets, IReadOnlyList<Tensor?>? sampleWeights = null)
    {
        if (inputs.Count != _inputs.Length || Math.Max(targets?.Count ?? 0, sampleWeights?.Count ?? 0) > _targets.Length)
            throw new ArgumentException(
                $"A source of {_inputs.Length} inputs and {_targets.Length} outputs cannot take {inputs.Count} inputs and {targets?.Count ?? 0} outputs.",
                nameof(inputs));
        _samples.Inputs = [.. inputs];
        _samples.Targets = targets?.ToArray();
        _samples.Weights = sampleWeights?.ToArray();
        _samples.Tokens = null;
    }

    /// <summary>The number of model inputs the source feeds.</summary>
    public int InputCount => _inputs.Length;

    public override DataSource CreateView() => new TensorDataSource(_samples);

    // The batch's lists are the source's own arrays, refilled by the next Take.
    public override Batch Take(ReadOnlySpan<int> indices)
    {
        bool whole = IsEverySampleInOrder(indices);
        Tensor[] inputs = _samples.Inputs;
        for (int k = 0; k < inputs.Length; k++) _inputs[k] = whole ? inputs[k] : Gather(inputs[k], indices, ref _inputBuffers[k]);
        Tensor?[]? targets = _samples.Targets, weights = _samples.Weights;
        if (targets is not null)
            for (int k = 0; k < targets.Length; k++) _targets[k] = whole || targets[k] is null ? targets[k] : Gather(targets[k]!, indices, ref _targetBuffers[k]);
        if (weights is not null)
            for (int k = 0; k < weights.Length; k++) _weights[k] = whole || weights[k] is null ? weights[k] : Gather(weights[k]!, indices, ref _weightBuffers[k]);
        return new Batch(_inputs, targets is null ? null : _targets, null, weights is null ? null : _weights);
    }

    private static Tensor Gather(Tensor all, ReadOnlySpan<int> indices, ref Tensor? buffer)
    {
        Tensor batch = Tensor.Reuse(ref buffer, [indices.Length, .. all.Shape.Skip(1)]);
        all.GatherInto(indices, batch);
        return batch;
    }

    // A batch of all samples in order (TrainOnBatch, Predict of one batch) needs no copy.
    private bool IsEverySampleInOrder(ReadOnlySpan<int> indices)
    {
        if (indices.Length != Count) return false;
        for (int i = 0; i < indices.Length; i++) if (indices[i] != i) return false;
        return true;
    }

    private sealed class Samples
    {
        public required Tensor[] Inputs { get; set; }
        public Tensor?[]? Targets { get; set; }
        public Tensor?[]? Weights { get; set; }
        public int[]? Tokens { get; set; }
    }
}
