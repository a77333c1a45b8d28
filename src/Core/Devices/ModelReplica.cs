using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using NotebookRnn.Data;
using NotebookRnn.Layers;
using NotebookRnn.Losses;
using NotebookRnn.Tensors;

namespace NotebookRnn.Devices;

/// <summary>
/// One device's copy of a model: its own layer objects and workspaces, gradients of its own, and weight values
/// shared with the primary model (the optimizer updates them once, between batches). Runs forward, loss and
/// backward for the device's share of a batch.
/// </summary>
internal sealed class ModelReplica
{
    private Tensor? _lossGradient;
    private IOutputActivation? _fused;
    private readonly Tensor?[] _outputs;
    private readonly SequenceMask?[] _outputMasks;
    private readonly Tensor?[] _activityInputs, _paddingZeroed;
    private readonly Dictionary<WrappedActivity, Tensor?> _wrappedPaddingZeroed = [];
    private float[] _stepWeights = [];
    private float[] _rowWeights = [], _sampleRowWeights = [];

    public ModelReplica(Device device, IReadOnlyList<Layer> layers)
    {
        Device = device;
        Layers = [.. layers];
        Parameters = [.. layers.SelectMany(l => l.Parameters)];
        _outputs = new Tensor?[Layers.Length];
        _outputMasks = new SequenceMask?[Layers.Length];
        _activityInputs = new Tensor?[Layers.Length];
        _paddingZeroed = new Tensor?[Layers.Length];
    }

    public Device Device { get; }
    public Layer[] Layers { get; }
    public Parameter[] Parameters { get; }

    /// <summary>The output of the last forward pass (owned by the last layer).</summary>
    public Tensor? Output { get; private set; }

    /// <summary>The mask of the last loss's rows, 1 or 0 per step of a masked sequence output (empty: every row counts).</summary>
    public ReadOnlyMemory<float> RowWeights { get; private set; }

    /// <summary>Σ of the layers' activity penalties on the last <see cref="Measure"/>'s outputs, not yet divided by the batch size.</summary>
    public double ActivityPenalty { get; private set; }

    /// <summary>The mask of the last loss's rows times their sample weights, for weighted metrics (the mask alone without sample weights).</summary>
    public ReadOnlyMemory<float> SampleRowWeights { get; private set; }

    /// <summary>The first mask the last forward pass met (ragged input, Embedding with maskZero, Masking), if any.</summary>
    public SequenceMask? FirstMask { get; private set; }

    /// <summary>Runs the layers; a mask reaching a layer that cannot use it is an error.</summary>
    public Tensor Forward(Tensor x, SequenceMask? mask, bool training, out SequenceMask? outputMask)
    {
        Tensor h = x;
        FirstMask = mask;
        for (int i = 0; i < Layers.Length; i++)
        {
            Layer layer = Layers[i];
            if (mask is not null && !layer.SupportsMasking)
                throw new InvalidOperationException(
                    $"Layer '{layer.Name}' ({layer.GetType().Name}) does not support masking, but a mask reaches it from an earlier layer " +
                    "(Embedding with maskZero, Masking, or ragged input). Consume the mask first, e.g. with a recurrent layer.");
            SequenceMask? next = layer.ComputeOutputMask(h, mask);
            h = _outputs[i] = layer.Forward(h, mask, training);
            mask = _outputMasks[i] = next;
            FirstMask ??= mask;
        }
        outputMask = mask;
        Output = h;
        return h;
    }

    /// <summary>
    /// The forward half of a step: zeroes the gradients (when training), runs the layers and the loss of one batch (its
    /// sample weights, and the mask of a sequence output; with its gradient, of this share's reduced loss, when training),
    /// and computes <see cref="ActivityPenalty"/>. Returns the reduced loss and the weight this share has when shares
    /// combine (<see cref="Loss"/>'s divisor).
    /// </summary>
    public (double Loss, double Weight) Measure(Batch batch, Loss loss, bool train)
    {
        if (train) foreach (Parameter parameter in Parameters) parameter.ZeroGradient();
        Tensor output = Forward(batch.X, batch.Mask, train, out SequenceMask? outputMask);
        ReadOnlySpan<float> mask = ComputeRowWeights(output, outputMask);
        ReadOnlySpan<float> sampleWeight = batch.SampleWeight is { } weights ? weights.Span : default;
        Tensor? gradient = train ? Tensor.Reuse(ref _lossGradient, [.. output.Shape]) : null;
        // A penalty on the last layer's output needs the output gradient, so the loss is not fused with its activation then.
        _fused = Layers[^1] is IOutputActivation o && Layers[^1].ActivityRegularizer is null && loss.FusableActivation == o.OutputActivation.Kind
            ? o : null;
        var result = loss.ComputeShare(_fused?.PreActivation ?? output, _fused is not null, batch.Y!, sampleWeight, mask, gradient);
        SampleRowWeights = sampleWeight.IsEmpty ? RowWeights : WeighRows(output, sampleWeight, mask);
        ActivityPenalty = 0;
        bool ragged = batch.Mask is not null;
        for (int i = 0; i < Layers.Length; i++)
        {
            if (Layers[i].ActivityRegularizer is { } regularizer)
            {
                Tensor penalised = _activityInputs[i] = ActivityInput(_outputs[i]!, _outputMasks[i], ragged, ref _paddingZeroed[i]);
                ActivityPenalty += regularizer.Penalty(penalised.Span, penalised.Shape);
            }
            foreach (WrappedActivity activity in Layers[i].WrappedActivities)
            {
                ref Tensor? buffer = ref CollectionsMarshal.GetValueRefOrAddDefault(_wrappedPaddingZeroed, activity, out _);
                Tensor penalised = activity.Penalised = ActivityInput(activity.Output!, _outputMasks[i], ragged, ref buffer);
                ActivityPenalty += activity.Regularizer.Penalty(penalised.Span, penalised.Shape);
            }
        }
        return result;
    }

    // One weight per output row: the sample weights broadcast as the loss broadcasts them, times the mask.
    private ReadOnlyMemory<float> WeighRows(Tensor output, ReadOnlySpan<float> sampleWeight, ReadOnlySpan<float> mask)
    {
        int rows = output.Length / Math.Max(1, output.Dim(-1));
        if (_sampleRowWeights.Length < rows) _sampleRowWeights = new float[rows];
        NotebookRnn.Losses.RowWeights.Expand(sampleWeight, mask, output.Dim(0), rows, output.Shape, _sampleRowWeights.AsSpan(0, rows));
        return _sampleRowWeights.AsMemory(0, rows);
    }

    /// <summary>Real and padded time steps of the last forward pass; without a mask every step of a sequence input is real.</summary>
    public (int Real, int Padded) TokenCounts(Batch batch)
    {
        if (FirstMask is SequenceMask mask) return (mask.RealSteps, mask.Batch * mask.Steps - mask.RealSteps);
        bool sequence = batch.X.Rank >= 3 || (batch.X.Rank == 2 && Layers[0] is Embedding);
        return (sequence ? batch.Count * batch.X.Dim(1) : batch.Count, 0);
    }

    /// <summary>
    /// The backward half of a step, after a training <see cref="Measure"/>: back-propagates the loss gradient, adding
    /// <paramref name="activityScale"/> · ∂activity penalty/∂output at each layer that has an activity regularizer.
    /// </summary>
    public void Backward(double activityScale)
    {
        Tensor? g = _lossGradient ?? throw new InvalidOperationException("Backward needs a training Measure first.");
        for (int i = Layers.Length - 1; i >= 0 && g is not null; i--)
        {
            if (Layers[i].ActivityRegularizer is { } regularizer)
                regularizer.AddGradient(_activityInputs[i]!.Span, _activityInputs[i]!.Shape, g.Span, (float)activityScale);
            foreach (WrappedActivity activity in Layers[i].WrappedActivities) activity.GradientScale = (float)activityScale;
            bool needInputGradient = i > 0;
            g = i == Layers.Length - 1 && _fused is not null
                ? _fused.BackwardFromPreActivation(g, needInputGradient)
                : Layers[i].Backward(g, needInputGradient);
        }
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

    // The per-batch loops here are AggressiveOptimization: fully optimised from their first call, not tier-0 code that a
    // busy notebook kernel would keep running for epochs (issue 13).
    // Sequence outputs with a mask: one weight per (sample, step) row, 0 for padded steps.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private ReadOnlySpan<float> ComputeRowWeights(Tensor output, SequenceMask? mask)
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
}
