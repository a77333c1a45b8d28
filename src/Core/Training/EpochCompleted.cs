namespace NotebookRnn.Training;

/// <summary>An epoch finished (after validation).</summary>
/// <param name="Record">The epoch's record.</param>
public sealed record EpochCompleted(EpochRecord Record) : TrainingEvent;
