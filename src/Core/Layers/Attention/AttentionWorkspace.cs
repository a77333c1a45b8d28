using NotebookRnn.Tensors;

namespace NotebookRnn.Layers.Attention;

/// <summary>
/// The buffers of one attention call, sized in one place (<see cref="Plan"/>) for a batch of queries (batch, Tq, dim),
/// values (batch, Tv, valueDim) and keys (batch, Tv, dim), plus the tensors of the last forward pass that backward reads.
/// </summary>
internal sealed class AttentionWorkspace
{
    private Tensor? _scores, _distribution, _weights, _keep, _output;
    private Tensor? _outputGradient, _weightsGradient, _scoresGradient, _queryGradient, _keyGradient, _valueGradient;

    public int Batch { get; private set; }
    public int QuerySteps { get; private set; }
    public int ValueSteps { get; private set; }
    public int Dim { get; private set; }
    public int ValueDim { get; private set; }

    /// <summary>The last forward pass's inputs (key is value when two inputs were given).</summary>
    public Tensor Query { get; private set; } = null!;
    public Tensor Value { get; private set; } = null!;
    public Tensor Key { get; private set; } = null!;
    public bool KeyIsValue { get; private set; }
    public SequenceMask? QueryMask { get; set; }
    public bool Dropped { get; set; }

    /// <summary>Scores before the softmax, masked ones lowered by 1e9: (batch, Tq, Tv).</summary>
    public Tensor Scores => _scores!;
    /// <summary>softmax(Scores): (batch, Tq, Tv).</summary>
    public Tensor Distribution => _distribution!;
    /// <summary>The distribution after dropout (Keras's returned attention scores): (batch, Tq, Tv).</summary>
    public Tensor Weights => Dropped ? _weights! : _distribution!;
    /// <summary>Dropout's factor per weight, 0 or 1 / (1 − rate): (batch, Tq, Tv).</summary>
    public Tensor Keep => _keep!;
    /// <summary>Weights · Value, query-masked rows zeroed: (batch, Tq, valueDim).</summary>
    public Tensor Output => _output!;
    /// <summary>The output's gradient with query-masked rows zeroed: (batch, Tq, valueDim).</summary>
    public Tensor OutputGradient => _outputGradient!;
    /// <summary>Gradient of <see cref="Weights"/>, then of <see cref="Distribution"/>: (batch, Tq, Tv).</summary>
    public Tensor WeightsGradient => _weightsGradient!;
    /// <summary>Gradient of <see cref="Scores"/>: (batch, Tq, Tv).</summary>
    public Tensor ScoresGradient => _scoresGradient!;
    /// <summary>dQuery: (batch, Tq, dim).</summary>
    public Tensor QueryGradient => _queryGradient!;
    /// <summary>dKey: (batch, Tv, dim).</summary>
    public Tensor KeyGradient => _keyGradient!;
    /// <summary>dValue: (batch, Tv, valueDim).</summary>
    public Tensor ValueGradient => _valueGradient!;

    public bool IsPlanned => _output is not null;

    /// <summary>Keeps the inputs and sizes every buffer for them.</summary>
    public void Plan(Tensor query, Tensor value, Tensor? key)
    {
        (Query, Value, Key, KeyIsValue) = (query, value, key ?? value, key is null);
        (Batch, QuerySteps, Dim) = (query.Dim(0), query.Dim(1), query.Dim(2));
        (ValueSteps, ValueDim) = (value.Dim(1), value.Dim(2));
        Tensor.Reuse(ref _scores, Batch, QuerySteps, ValueSteps);
        Tensor.Reuse(ref _distribution, Batch, QuerySteps, ValueSteps);
        Tensor.Reuse(ref _weights, Batch, QuerySteps, ValueSteps);
        Tensor.Reuse(ref _keep, Batch, QuerySteps, ValueSteps);
        Tensor.Reuse(ref _weightsGradient, Batch, QuerySteps, ValueSteps);
        Tensor.Reuse(ref _scoresGradient, Batch, QuerySteps, ValueSteps);
        Tensor.Reuse(ref _output, Batch, QuerySteps, ValueDim);
        Tensor.Reuse(ref _outputGradient, Batch, QuerySteps, ValueDim);
        Tensor.Reuse(ref _queryGradient, Batch, QuerySteps, Dim);
        Tensor.Reuse(ref _keyGradient, Batch, ValueSteps, Dim);
        Tensor.Reuse(ref _valueGradient, Batch, ValueSteps, ValueDim);
    }
}
