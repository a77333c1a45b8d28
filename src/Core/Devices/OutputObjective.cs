using NotebookRnn.Losses;
using NotebookRnn.Metrics;

namespace NotebookRnn.Devices;

/// <summary>
/// What training asks of one model output: its loss, the loss's weight in the total (Keras <c>loss_weights</c>) and the
/// metrics updated with the output's values. The engine minimises Σ weight · loss over the outputs.
/// </summary>
internal sealed record OutputObjective(Loss Loss, double Weight, IReadOnlyList<Metric> Metrics);
