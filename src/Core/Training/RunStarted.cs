namespace NotebookRnn.Training;

/// <summary>Training started; <see cref="TrainingEvent.History"/> holds the run's settings and no batch yet.</summary>
public sealed record RunStarted : TrainingEvent;
