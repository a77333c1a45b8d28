using NotebookRnn.Tensors;

namespace NotebookRnn.Data;

/// <summary>
/// One model output's targets in a <see cref="RaggedDataSource"/>: (samples, …), their sample weights (null: weight 1),
/// and — for per-step targets (samples, T, …) — the input whose steps the output follows (null: not cut).
/// </summary>
internal sealed record RaggedTarget(Tensor Targets, Tensor? SampleWeight, int? StepsFrom);
