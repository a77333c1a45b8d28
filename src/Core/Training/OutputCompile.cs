using NotebookRnn.Losses;
using NotebookRnn.Metrics;

namespace NotebookRnn.Training;

/// <summary>What <c>Compile</c> asks for one model output: its name, loss, the loss's weight in the total, and its metrics.</summary>
internal sealed record OutputCompile(string Name, Loss Loss, double Weight, IEnumerable<Metric> Metrics, IEnumerable<Metric>? WeightedMetrics);
