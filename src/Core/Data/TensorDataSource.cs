using NotebookRnn.Tensors;

namespace NotebookRnn.Data;

/// <summary>Samples held in dense tensors whose first axis is the sample axis, with optional sample weights (samples, …).</summary>
internal sealed class TensorDataSource : DataSource
{
    // The samples, shared with every view, so that Rebind reaches the views too.
    private readonly Samples _samples;
    private Tensor? _xBatch, _yBatch, _weightBatch;

    public TensorDataSource(Tensor x, Tensor? y, Tensor? sampleWeight = null) => _samples = new Samples { X = x, Y = y, Weight = sampleWeight };

    private TensorDataSource(Samples samples) => _samples = samples;

    public override int Count => _samples.X.Dim(0);

    public override bool HasTargets => _samples.Y is not null;

    /// <summary>Real steps per sample when known (e.g. non-zero ids before an Embedding with maskZero).</summary>
    public int[]? SampleTokens
    {
        get => _samples.Tokens;
        set => _samples.Tokens = value;
    }

    public override int Tokens(int index) => SampleTokens?[index] ?? 1;

    /// <summary>Points the source and its views at new samples, keeping their batch buffers (TrainOnBatch calls this every batch).</summary>
    public void Rebind(Tensor x, Tensor? y, Tensor? sampleWeight = null)
    {
        _samples.X = x;
        _samples.Y = y;
        _samples.Weight = sampleWeight;
        _samples.Tokens = null;
    }

    public override DataSource CreateView() => new TensorDataSource(_samples);

    public override Batch Take(ReadOnlySpan<int> indices)
    {
        Tensor x = _samples.X;
        Tensor? y = _samples.Y, weight = _samples.Weight;
        if (IsEverySampleInOrder(indices)) return new Batch(x, y, null, weight);
        return new Batch(Gather(x, indices, ref _xBatch), y is null ? null : Gather(y, indices, ref _yBatch), null,
            weight is null ? null : Gather(weight, indices, ref _weightBatch));
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
        public required Tensor X { get; set; }
        public Tensor? Y { get; set; }
        public Tensor? Weight { get; set; }
        public int[]? Tokens { get; set; }
    }
}
