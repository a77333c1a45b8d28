using System.Runtime.CompilerServices;
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
    private float[] _rowWeights = [], _sampleRowWeights = [];

    public ModelReplica(Device device, IReadOnlyList<Layer> layers)
    {
        Device = device;
        Layers = [.. layers];
        Parameters = [.. layers.SelectMany(l => l.Parameters)];
    }

    public Device Device { get; }
    public Layer[] Layers { get; }
    public Parameter[] Parameters { get; }

    /// <summary>The output of the last forward pass (owned by the last layer).</summary>
    public Tensor? Output { get; private set; }

    /// <summary>The mask of the last loss's rows, 1 or 0 per step of a masked sequence output (empty: every row counts).</summary>
    public ReadOnlyMemory<float> RowWeights { get; private set; }

    /// <summary>The mask of the last loss's rows times their sample weights, for weighted metrics (the mask alone without sample weights).</summary>
    public ReadOnlyMemory<float> SampleRowWeights { get; private set; }

    /// <summary>The first mask the last forward pass met (ragged input, Embedding with maskZero, Masking), if any.</summary>
    public SequenceMask? FirstMask { get; private set; }

    /// <summary>Runs the layers; a mask reaching a layer that cannot use it is an error.</summary>
    public Tensor Forward(Tensor x, SequenceMask? mask, bool training, out SequenceMask? outputMask)
    {
        Tensor h = x;
        FirstMask = mask;
        foreach (Layer layer in Layers)
        {
            if (mask is not null && !layer.SupportsMasking)
                throw new InvalidOperationException(
                    $"Layer '{layer.Name}' ({layer.GetType().Name}) does not support masking, but a mask reaches it from an earlier layer " +
                    "(Embedding with maskZero, Masking, or ragged input). Consume the mask first, e.g. with a recurrent layer.");
            SequenceMask? next = layer.ComputeOutputMask(h, mask);
            h = layer.Forward(h, mask, training);
            mask = next;
            FirstMask ??= mask;
        }
        outputMask = mask;
        Output = h;
        return h;
    }

    /// <summary>
    /// Forward pass and loss of one batch (its sample weights, and the mask of a sequence output); with
    /// <paramref name="train"/>, also zeroes and back-propagates gradients (of this share's reduced loss). Returns the
    /// reduced loss and the weight this share has when shares combine (<see cref="Loss"/>'s divisor).
    /// </summary>
    public (double Loss, double Weight) Step(Batch batch, Loss loss, bool train)
    {
        if (train) foreach (Parameter parameter in Parameters) parameter.ZeroGradient();
        Tensor output = Forward(batch.X, batch.Mask, train, out SequenceMask? outputMask);
        ReadOnlySpan<float> mask = ComputeRowWeights(output, outputMask);
        ReadOnlySpan<float> sampleWeight = batch.SampleWeight is { } weights ? weights.Span : default;
        Tensor? gradient = train ? Tensor.Reuse(ref _lossGradient, [.. output.Shape]) : null;
        IOutputActivation? fused = Layers[^1] is IOutputActivation o && loss.FusableActivation == o.OutputActivation.Kind ? o : null;
        var result = loss.ComputeShare(fused?.PreActivation ?? output, fused is not null, batch.Y!, sampleWeight, mask, gradient);
        SampleRowWeights = sampleWeight.IsEmpty ? RowWeights : WeighRows(output, sampleWeight, mask);
        if (train) Backward(gradient!, fused);
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

    private void Backward(Tensor gradient, IOutputActivation? fused)
    {
        Tensor? g = gradient;
        for (int i = Layers.Length - 1; i >= 0 && g is not null; i--)
        {
            bool needInputGradient = i > 0;
            g = i == Layers.Length - 1 && fused is not null
                ? fused.BackwardFromPreActivation(g, needInputGradient)
                : Layers[i].Backward(g, needInputGradient);
        }
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
