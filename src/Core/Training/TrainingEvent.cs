namespace NotebookRnn;

/// <summary>Something that happened during <c>Fit</c>, published on <c>Sequential.TrainingEvents</c> for live displays.</summary>
public abstract record TrainingEvent
{
    /// <summary>The run's record so far (the same object <c>Fit</c> returns).</summary>
    public required History History { get; init; }
}

/// <summary>Training started; <see cref="TrainingEvent.History"/> holds the run's settings and no batch yet.</summary>
public sealed record RunStarted : TrainingEvent;

/// <summary>A training batch finished.</summary>
/// <param name="Record">The batch's record (also appended to <see cref="History.Batches"/>).</param>
/// <param name="BatchesInEpoch">Batches the current epoch has in all.</param>
public sealed record BatchCompleted(BatchRecord Record, int BatchesInEpoch) : TrainingEvent;

/// <summary>An epoch finished (after validation).</summary>
/// <param name="Record">The epoch's record.</param>
public sealed record EpochCompleted(EpochRecord Record) : TrainingEvent;

/// <summary>Training ended, completed or interrupted (<see cref="History.Interrupted"/>).</summary>
public sealed record RunCompleted : TrainingEvent;
