using NotebookRnn.Training;

namespace NotebookRnn.Models.Callbacks;

/// <summary>A callback built from delegates (Keras <c>LambdaCallback</c>), handy in notebooks.</summary>
public sealed class LambdaCallback(
    Action<int, IReadOnlyDictionary<string, double>>? onEpochEnd = null,
    Action<int, IReadOnlyDictionary<string, double>>? onBatchEnd = null,
    Action? onTrainBegin = null,
    Action<History>? onTrainEnd = null) : Callback
{
    /// <inheritdoc/>
    public override void OnEpochEnd(int epoch, IReadOnlyDictionary<string, double> logs) => onEpochEnd?.Invoke(epoch, logs);

    /// <inheritdoc/>
    public override void OnBatchEnd(int batch, IReadOnlyDictionary<string, double> logs) => onBatchEnd?.Invoke(batch, logs);

    /// <inheritdoc/>
    public override void OnTrainBegin() => onTrainBegin?.Invoke();

    /// <inheritdoc/>
    public override void OnTrainEnd(History history) => onTrainEnd?.Invoke(history);
}
