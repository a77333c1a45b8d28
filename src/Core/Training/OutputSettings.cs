using NotebookRnn.Losses;
using NotebookRnn.Metrics;

namespace NotebookRnn.Training;

/// <summary>
/// One output as compiled: its name, loss and weight, its metrics resolved and named for the logs, and the log key of
/// its own loss (<c>&lt;output&gt;_loss</c> when the model has several outputs, empty otherwise).
/// </summary>
internal sealed record OutputSettings(string Name, Loss Loss, double Weight, IReadOnlyList<Metric> Metrics, string LossName);
