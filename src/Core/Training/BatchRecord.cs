using NotebookRnn.Data;
using NotebookRnn.Devices;
using NotebookRnn.Losses;

namespace NotebookRnn.Training;

/// <summary>What one training batch recorded.</summary>
/// <param name="Epoch">Epoch number, from 0.</param>
/// <param name="Batch">Batch number within the epoch, from 0.</param>
/// <param name="Samples">Samples in the batch.</param>
/// <param name="Metrics">The batch's own loss and metrics (not running means).</param>
/// <param name="Duration">Wall time of the training step.</param>
/// <param name="Devices">Each device's share, in device order (one entry on a single device).</param>
public sealed record BatchRecord(int Epoch, int Batch, int Samples, IReadOnlyDictionary<string, double> Metrics, TimeSpan Duration,
    IReadOnlyList<DeviceBatchRecord> Devices)
{
    /// <summary>The batch's loss.</summary>
    public double Loss => Metrics["loss"];
}
