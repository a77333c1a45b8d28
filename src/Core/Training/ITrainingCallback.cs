namespace NotebookRnn.Training;

/// <summary>
/// The hooks the trainer calls during <c>Fit</c>, in Keras's order; <c>Callback</c> (Models) implements them for a model.
/// Epoch and batch numbers start at 0; <c>logs</c> hold loss and metrics by name.
/// </summary>
internal interface ITrainingCallback
{
    /// <summary>Called once before the first epoch.</summary>
    void OnTrainBegin();

    /// <summary>Called once after training, with the run's record.</summary>
    void OnTrainEnd(History history);

    /// <summary>Called before each epoch.</summary>
    void OnEpochBegin(int epoch);

    /// <summary>Called after each epoch (after validation) with the epoch's loss and metrics.</summary>
    void OnEpochEnd(int epoch, IReadOnlyDictionary<string, double> logs);

    /// <summary>Called before each training batch.</summary>
    void OnBatchBegin(int batch);

    /// <summary>Called after each training batch with the batch's loss and metrics.</summary>
    void OnBatchEnd(int batch, IReadOnlyDictionary<string, double> logs);
}
