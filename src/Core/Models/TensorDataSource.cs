namespace NotebookRnn;

/// <summary>Samples held in dense tensors whose first axis is the sample axis.</summary>
internal sealed class TensorDataSource : DataSource
{
    private readonly Tensor _x;
    private readonly Tensor? _y;
    private Tensor? _xBatch, _yBatch;

    public TensorDataSource(Tensor x, Tensor? y)
    {
        _x = x;
        _y = y;
    }

    public override int Count => _x.Dim(0);

    public override bool HasTargets => _y is not null;

    public override Batch Take(ReadOnlySpan<int> indices)
    {
        Tensor xBatch = Tensor.Reuse(ref _xBatch, [indices.Length, .. _x.Shape.Skip(1)]);
        _x.GatherInto(indices, xBatch);
        if (_y is null) return new Batch(xBatch, null, null);
        Tensor yBatch = Tensor.Reuse(ref _yBatch, [indices.Length, .. _y.Shape.Skip(1)]);
        _y.GatherInto(indices, yBatch);
        return new Batch(xBatch, yBatch, null);
    }
}
