namespace NotebookRnn.Training;

/// <summary>Something that happened during <c>Fit</c>, published on <c>Sequential.TrainingEvents</c> for live displays.</summary>
public abstract record TrainingEvent
{
    /// <summary>The run's record so far (the same object <c>Fit</c> returns).</summary>
    public required History History { get; init; }
}
