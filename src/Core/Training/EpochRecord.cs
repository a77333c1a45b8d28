using NotebookRnn.Data;

namespace NotebookRnn.Training;

/// <summary>What one epoch of training recorded.</summary>
/// <param name="Epoch">Epoch number, from 0.</param>
/// <param name="Metrics">Loss and metrics over the epoch (training, and <c>val_</c>-prefixed validation ones).</param>
/// <param name="Duration">Wall time of the epoch, validation included.</param>
/// <param name="Samples">Training samples seen.</param>
/// <param name="SamplesPerSecond">Training samples per second of training time (validation excluded).</param>
public sealed record EpochRecord(int Epoch, IReadOnlyDictionary<string, double> Metrics, TimeSpan Duration, int Samples,
    double SamplesPerSecond);
