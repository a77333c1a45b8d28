namespace NotebookRnn;

/// <summary>Samples held in dense tensors whose first axis is the sample axis.</summary>
internal sealed class TensorDataSource : DataSource
{
    private Tensor _x;
    private Tensor? _y;
    private Tensor? _xBatch, _yBatch;

    public TensorDataSource(Tensor x, Tensor? y)
    {
        _x = x;
        _y = y;
    }

    public override int Count => _x.Dim(0);

    public override bool HasTargets => _y is not null;

    /// <summary>Real steps per sample when known (e.g. non-zero ids before an Embedding with maskZero).</summary>
    public int[]? SampleTokens { get; set; }

    public override int Tokens(int index) => SampleTokens?[index] ?? 1;

    /// <summary>Points the source at new samples, keeping its batch buffers (TrainOnBatch calls this every batch).</summary>
    public void Rebind(Tensor x, Tensor? y)
    {
        _x = x;
        _y = y;
        SampleTokens = null;
    }

    public override DataSource CreateView() => new TensorDataSource(_x, _y) { SampleTokens = SampleTokens };

    public override Batch Take(ReadOnlySpan<int> indices)
    {
        if (IsEverySampleInOrder(indices)) return new Batch(_x, _y, null);
        Tensor xBatch = Tensor.Reuse(ref _xBatch, [indices.Length, .. _x.Shape.Skip(1)]);
        _x.GatherInto(indices, xBatch);
        if (_y is null) return new Batch(xBatch, null, null);
        Tensor yBatch = Tensor.Reuse(ref _yBatch, [indices.Length, .. _y.Shape.Skip(1)]);
        _y.GatherInto(indices, yBatch);
        return new Batch(xBatch, yBatch, null);
    }

    // A batch of all samples in order (TrainOnBatch, Predict of one batch) needs no copy.
    private bool IsEverySampleInOrder(ReadOnlySpan<int> indices)
    {
        if (indices.Length != Count) return false;
        for (int i = 0; i < indices.Length; i++) if (indices[i] != i) return false;
        return true;
    }
}
