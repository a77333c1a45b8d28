using NotebookRnn.Data;
using NotebookRnn.Losses;
using NotebookRnn.Metrics;
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
    /// <summary>The devices, in order; device 0 holds the weights the optimizer updates.</summary>
    IReadOnlyList<Device> Devices { get; }

    /// <summary>
    /// One gradient update on samples <paramref name="indices"/> of <paramref name="source"/>: each device runs forward,
    /// loss and backward on its share, the gradients are combined, and <paramref name="optimizer"/> updates the weights
    /// once. Every metric of <paramref name="metrics"/> is updated with each device's outputs.
    /// </summary>
    /// <returns>The batch's mean loss (before the update) and what each device did, in device order.</returns>
    (double Loss, DeviceBatchRecord[] Devices) Train(DataSource source, ArraySegment<int> indices, Loss loss, Optimizer optimizer,
        IReadOnlyList<Metric> metrics);

    /// <summary>Forward pass and loss of one batch in inference mode; updates <paramref name="metrics"/>.</summary>
    /// <returns>The batch's mean loss.</returns>
    double Evaluate(Batch batch, Loss loss, IReadOnlyList<Metric> metrics);

    /// <summary>The outputs of one batch in inference mode; the tensor belongs to the engine until its next call.</summary>
    Tensor Predict(Batch batch);
}
