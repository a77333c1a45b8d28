using NotebookRnn.Losses;
using NotebookRnn.Metrics;
using NotebookRnn.Optimizers;

namespace NotebookRnn.Persistence;

/// <summary>
/// What <c>Compile</c> was given, as a model file keeps it: the optimizer and, per output in output order, the loss, its
/// weight in the total loss and the metrics as compiled (resolved for the loss, named without the output's prefix).
/// </summary>
internal sealed record CompileSettings(Optimizer Optimizer, IReadOnlyList<Loss> Losses, IReadOnlyList<double> LossWeights,
    IReadOnlyList<IReadOnlyList<Metric>> Metrics);
