using NotebookRnn.Training;

namespace NotebookRnn.Models.Callbacks;

/// <summary>
/// Hooks into <c>Sequential.Fit</c>
/// (Keras callbacks). Epoch and batch numbers start at 0; <c>logs</c> hold loss and metrics by name.
/// </summary>
public abstract class Callback : ITrainingCallback
{
    /// <summary>The model being trained; set before <see cref="OnTrainBegin"/>.</summary>
    public Model? Model { get; internal set; }

    /// <summary>Called once before the first epoch.</summary>
    public virtual void OnTrainBegin() { }

    /// <summary>Called once after training, with the run's record.</summary>
    public virtual void OnTrainEnd(History history) { }

    /// <summary>Called before each epoch.</summary>
    public virtual void OnEpochBegin(int epoch) { }

    /// <summary>Called after each epoch (after validation) with the epoch's loss and metrics.</summary>
    public virtual void OnEpochEnd(int epoch, IReadOnlyDictionary<string, double> logs) { }

    /// <summary>Called before each training batch.</summary>
    public virtual void OnBatchBegin(int batch) { }

    /// <summary>Called after each training batch with the batch's loss and metrics.</summary>
    public virtual void OnBatchEnd(int batch, IReadOnlyDictionary<string, double> logs) { }
}
