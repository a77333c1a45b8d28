using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using NotebookRnn.Data;
using NotebookRnn.Kernels;
using NotebookRnn.Layers;
using NotebookRnn.Layers.Functional;
using NotebookRnn.Losses;
using NotebookRnn.Tensors;

namespace NotebookRnn.Devices;

/// <summary>
/// One device's copy of a model: its own layer objects and workspaces (an <see cref="IGraphRunner"/> of its backend), gradients of its
/// own, and weight values shared with the primary model (the optimizer updates them once, between batches). Runs
/// forward, the outputs' losses and backward for the device's share of a batch.
/// </summary>
internal sealed class ModelReplica
{
    private readonly IGraphRunner _runner;
    private readonly OutputShare[] _outputs;
    private readonly Tensor?[] _activityInputs, _paddingZeroed;
    private readonly Dictionary<WrappedActivity, Tensor?> _wrappedPaddingZeroed = [];
    private readonly Action<int, Tensor> _addActivityGradient;
    private readonly Tensor?[] _backwardGradients;
    private readonly (double Loss, double Weight)[] _results;
    private float[] _stepWeights = [];
    private float _activityScale;

    public ModelReplica(Device device, IGraphRunner runner)
    {
        Device = device;
        _runner = runner;
        Parameters = [.. runner.Parameters];
        _outputs = [.. runner.Program.Outputs.Select(_ => new OutputShare())];
        _backwardGradients = new Tensor?[_outputs.Length];
        _results = new (double, double)[_outputs.Length];
        _activityInputs = new Tensor?[runner.CallLayers.Count];
        _paddingZeroed = new Tensor?[runner.CallLayers.Count];
        _addActivityGradient = AddActivityGradient;
    }

    public Device Device { get; }

    /// <summary>The layer run for each call of the graph, in running order.</summary>
    public IReadOnlyList<Layer> Layers => _runner.CallLayers;

    public Parameter[] Parameters { get; }

    /// <summary>The graph's runner on this device.</summary>
    public IGraphRunner Runner => _runner;

    /// <summary>Output <paramref name="k"/> of the last forward pass (owned by its layer).</summary>
    public Tensor Output(int k) => _runner.Output(k);

    /// <summary>The mask of output k's loss rows in the last <see cref="Measure"/>, 1 or 0 per step of a masked sequence output (empty: every row counts).</summary>
    public ReadOnlySpan<float> RowWeights(int k) => _outputs[k].RowWeights.Span;

    /// <summary>Output k's row mask times its sample weights, for weighted metrics (the mask alone without sample weights).</summary>
    public ReadOnlySpan<float> SampleRowWeights(int k) => _outputs[k].SampleRowWeights.Span;

    /// <summary>Σ of the layers' activity penalties on the last <see cref="Measure"/>'s outputs, not yet divided by the batch size.</summary>
    public double ActivityPenalty { get; private set; }

    /// <summary>The first mask the last forward pass met (ragged input, Embedding with maskZero, Masking), if any.</summary>
    public SequenceMask? FirstMask => _runner.FirstMask;

    /// <summary>Runs the graph on the batch's inputs; a mask reaching a layer that cannot use it is an error.</summary>
    public void Forward(Batch batch, bool training) => _runner.Forward(batch.Inputs, batch.Masks, training);

    /// <summary>
    /// The forward half of a step: zeroes the gradients (when training), runs the graph and each output's loss (its
    /// sample weights, and the mask of a sequence output; with its gradient when training), and computes
    /// <see cref="ActivityPenalty"/>. Returns, per output, the reduced loss and the weight this share has when shares
    /// combine (the loss's divisor); the array is the replica's, rewritten by the next call.
    /// </summary>
    public (double Loss, double Weight)[] Measure(Batch batch, IReadOnlyList<OutputObjective> objectives, bool train)
    {
        if (train) _runner.ZeroGradients();
        Forward(batch, train);
        for (int k = 0; k < _outputs.Length; k++) _results[k] = MeasureOutput(k, batch, objectives[k].Loss, train);
        ActivityPenalty = 0;
        bool ragged = batch.Masks is not null;
        for (int n = 0; n < _runner.CallLayers.Count; n++)
        {
            Layer layer = _runner.CallLayers[n];
            if (layer.ActivityRegularizer is { } regularizer)
            {
                Tensor penalised = _activityInputs[n] = ActivityInput(_runner.CallOutput(n), _runner.CallOutputMask(n), ragged, ref _paddingZeroed[n]);
                ActivityPenalty += regularizer.Penalty(penalised.Span, penalised.Shape);
            }
            foreach (WrappedActivity activity in layer.WrappedActivities)
            {
                ref Tensor? buffer = ref CollectionsMarshal.GetValueRefOrAddDefault(_wrappedPaddingZeroed, activity, out _);
                Tensor penalised = activity.Penalised = ActivityInput(activity.Output!, _runner.CallOutputMask(n), ragged, ref buffer);
                ActivityPenalty += activity.Regularizer.Penalty(penalised.Span, penalised.Shape);
            }
        }
        return _results;
    }

    private (double, double) MeasureOutput(int k, Batch batch, Loss loss, bool train)
    {
        OutputShare share = _outputs[k];
        Tensor output = _runner.Output(k);
        ReadOnlySpan<float> mask = share.ComputeRowWeights(output, _runner.OutputMask(k));
        ReadOnlySpan<float> sampleWeight = batch.SampleWeights?[k] is { } weights ? weights.Span : default;
        Tensor? gradient = train ? Tensor.Reuse(ref share.LossGradient, [.. output.Shape]) : null;
        // A penalty on the output's layer needs the output's own gradient, and so does a layer that uses the output: the loss
        // is fused with the activation only when nothing else needs it.
        LayerNode node = _runner.Program.Outputs[k].Node;
        int call = _runner.Program.OutputCalls[k];
        share.Fused = _runner.FusesOutputActivations && call >= 0 && _runner.CallLayers[call] is IOutputActivation o && _runner.CallLayers[call].ActivityRegularizer is null
            && loss.FusableActivation == o.OutputActivation.Kind && _runner.Program.Consumers[_runner.Program.OutputSlots[k]] == 1
            && _runner.Program.Outputs[k] == node.Outputs[0] ? o : null;
        _runner.FuseOutput(k, share.Fused);
        var result = loss.ComputeShare(share.Fused?.PreActivation ?? output, share.Fused is not null, batch.Targets![k]!, sampleWeight, mask, gradient);
        share.SampleRowWeights = sampleWeight.IsEmpty ? share.RowWeights : share.WeighRows(output, sampleWeight, mask);
        return result;
    }

    /// <summary>Real and padded time steps of the last forward pass; without a mask every step of a sequence input is real.</summary>
    public (int Real, int Padded) TokenCounts(Batch batch)
    {
        if (FirstMask is SequenceMask mask) return (mask.RealSteps, mask.Batch * mask.Steps - mask.RealSteps);
        bool sequence = batch.X.Rank >= 3 || (batch.X.Rank == 2 && _runner.ReaderOf(0) is Embedding);
        return (sequence ? batch.Count * batch.X.Dim(1) : batch.Count, 0);
    }

    /// <summary>
    /// The backward half of a step, after a training <see cref="Measure"/>: back-propagates each output's loss gradient
    /// times <paramref name="outputScales"/>[k] (0: the output adds nothing), adding <paramref name="activityScale"/> ·
    /// ∂activity penalty/∂output at each layer that has an activity regularizer.
    /// </summary>
    public void Backward(double activityScale, ReadOnlySpan<double> outputScales)
    {
        for (int k = 0; k < _outputs.Length; k++)
        {
            Tensor gradient = _outputs[k].LossGradient ?? throw new InvalidOperationException("Backward needs a training Measure first.");
            if (outputScales[k] != 1 && outputScales[k] != 0) ElementwiseKernels.Multiply(gradient.Span, (float)outputScales[k], gradient.Span);
            _backwardGradients[k] = outputScales[k] == 0 ? null : gradient;
        }
        _activityScale = (float)activityScale;
        _runner.Backward(_backwardGradients, _addActivityGradient);
    }

    private void AddActivityGradient(int call, Tensor gradient)
    {
        Layer layer = _runner.CallLayers[call];
        if (layer.ActivityRegularizer is { } regularizer)
            regularizer.AddGradient(_activityInputs[call]!.Span, _activityInputs[call]!.Shape, gradient.Span, _activityScale);
        foreach (WrappedActivity activity in layer.WrappedActivities) activity.GradientScale = _activityScale;
    }

    // What an activity regularizer sees: a layer's output (or a wrapped layer's, with the wrapper's output mask), except
    // that with ragged input the steps the batch padded (after each sequence's end, as long as the longest sequence on
    // this device) count as zeros, so the penalty does not depend on how the batch was split or padded. Dense input is
    // penalised whole, masked steps included, as Keras does. buffer holds the zeroed copy.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Tensor ActivityInput(Tensor output, SequenceMask? outputMask, bool ragged, ref Tensor? buffer)
    {
        if (!ragged || outputMask is not SequenceMask mask || output.Rank < 3 || output.Dim(0) != mask.Batch || output.Dim(1) != mask.Steps)
            return output;
        Tensor copy = Tensor.Reuse(ref buffer, [.. output.Shape]);
        output.Span.CopyTo(copy.Span);
        int rows = mask.Batch * mask.Steps, width = output.Length / rows;
        if (_stepWeights.Length < rows) _stepWeights = new float[rows];
        mask.WriteStepWeights(_stepWeights.AsSpan(0, rows));
        for (int row = 0; row < rows; row++)
            if (_stepWeights[row] == 0) copy.Span.Slice(row * width, width).Clear();
        return copy;
    }

    /// <summary>One output's loss buffers: its gradient, the activation fused with its loss, and its rows' weights.</summary>
    private sealed class OutputShare
    {
        private float[] _rowWeights = [], _sampleRowWeights = [];

        public Tensor? LossGradient;
        public IOutputActivation? Fused;
        public ReadOnlyMemory<float> RowWeights;
        public ReadOnlyMemory<float> SampleRowWeights;

        // The per-batch loops here are AggressiveOptimization: fully optimised from their first call, not tier-0 code that a
        // busy notebook kernel would keep running for epochs (issue 13).
        // Sequence outputs with a mask: one weight per (sample, step) row, 0 for padded steps.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public ReadOnlySpan<float> ComputeRowWeights(Tensor output, SequenceMask? mask)
        {
            if (mask is null || output.Rank < 3)
            {
                RowWeights = ReadOnlyMemory<float>.Empty;
                return default;
            }
            int steps = mask.Batch * mask.Steps;
            if (_rowWeights.Length < steps) _rowWeights = new float[steps];
            mask.WriteStepWeights(_rowWeights.AsSpan(0, steps));
            RowWeights = _rowWeights.AsMemory(0, steps);
            return _rowWeights.AsSpan(0, steps);
        }

        // One weight per output row: the sample weights broadcast as the loss broadcasts them, times the mask.
        public ReadOnlyMemory<float> WeighRows(Tensor output, ReadOnlySpan<float> sampleWeight, ReadOnlySpan<float> mask)
        {
            int rows = output.Length / Math.Max(1, output.Dim(-1));
            if (_sampleRowWeights.Length < rows) _sampleRowWeights = new float[rows];
            NotebookRnn.Losses.RowWeights.Expand(sampleWeight, mask, output.Dim(0), rows, output.Shape, _sampleRowWeights.AsSpan(0, rows));
            return _sampleRowWeights.AsMemory(0, rows);
        }
    }
}
