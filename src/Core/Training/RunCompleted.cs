namespace NotebookRnn.Training;

/// <summary>Training ended, completed or interrupted (<see cref="History.Interrupted"/>).</summary>
public sealed record RunCompleted : TrainingEvent;
