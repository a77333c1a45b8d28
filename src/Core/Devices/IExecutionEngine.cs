using NotebookRnn.Data;
using NotebookRnn.Distributed;
using NotebookRnn.Optimizers;
using NotebookRnn.Tensors;

namespace NotebookRnn.Devices;

/// <summary>
/// What runs a model's batches for the trainer: training steps (forward, loss, backward, gradient reduction and the
/// optimizer's update) with a record per device, evaluation and prediction. <see cref="DataParallelExecutor"/> is the
/// managed engine (a worker thread with a replica of the layers per CPU device); another backend, such as libtorch,
/// implements this interface to run under the same trainer and <c>History</c>.
/// </summary>
internal interface IExecutionEngine
{
    /// <summary>This process's devices, in order.</summary>
    IReadOnlyList<Device> Devices { get; }

    /// <summary>
    /// The names of what a training step records, one per shard in shard order: this process's devices, or with several
    /// processes every process's, <c>rank{r}/{device}</c>.
    /// </summary>
    IReadOnlyList<string> DeviceNames { get; }

    /// <summary>The processes that train together (<see cref="MpiWorld.Local"/> for this one alone).</summary>
    MpiWorld World { get; }

    /// <summary>Whether any process asks to stop, given whether this one does: every process stops at the same batch.</summary>
    bool AnyStops(bool stop);

    /// <summary>
    /// One gradient update on samples <paramref name="indices"/> of <paramref name="source"/>: each device runs forward,
    /// the outputs' losses and backward on its share, the gradients are combined, and <paramref name="optimizer"/> updates
    /// the weights once. Every metric of each objective is updated with each device's values of that output.
    /// </summary>
    /// <returns>
    /// The batch's loss — Σ weight · mean loss over the outputs, plus the penalties — before the update, each output's mean
    /// loss, and what each device did, in device order.
    /// </returns>
    (double Loss, double[] OutputLosses, DeviceBatchRecord[] Devices) Train(DataSource source, ArraySegment<int> indices, IReadOnlyList<OutputObjective> objectives,
        Optimizer optimizer);

    /// <summary>Forward pass and losses of one batch in inference mode; updates the objectives' metrics.</summary>
    /// <returns>The batch's loss, Σ weight · mean loss over the outputs plus the penalties, and each output's mean loss.</returns>
    (double Loss, double[] OutputLosses) Evaluate(Batch batch, IReadOnlyList<OutputObjective> objectives);

    /// <summary>
    /// The outputs of samples <paramref name="indices"/> of <paramref name="source"/> in inference mode, split across the
    /// devices: one share per device that ran samples, in device order. The shares belong to the engine until its next call.
    /// </summary>
    ReadOnlySpan<PredictionShare> Predict(DataSource source, ArraySegment<int> indices);
}
