namespace NotebookRnn.Training;

/// <summary>A training batch finished.</summary>
/// <param name="Record">The batch's record (also appended to <see cref="History.Batches"/>).</param>
/// <param name="BatchesInEpoch">Batches the current epoch has in all.</param>
public sealed record BatchCompleted(BatchRecord Record, int BatchesInEpoch) : TrainingEvent;
