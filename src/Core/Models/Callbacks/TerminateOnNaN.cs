using NotebookRnn.Data;
using NotebookRnn.Layers;

namespace NotebookRnn.Models.Callbacks;

/// <summary>
/// Stops training as soon as a batch's loss is NaN or infinite (Keras <c>TerminateOnNaN</c>), saying where; with
/// <see cref="RestoreLastGood"/> it also puts back the weights from before that batch's update.
/// </summary>
public sealed class TerminateOnNaN(bool restoreLastGood = false) : Callback
{
    private float[][]? _lastGood;
    private int _epoch;

    /// <summary>Whether the weights from before the bad step are put back.</summary>
    public bool RestoreLastGood { get; } = restoreLastGood;

    /// <summary>(epoch, batch) of the bad loss, or null when none occurred.</summary>
    public (int Epoch, int Batch)? StoppedAt { get; private set; }

    /// <summary>What happened, for logs and notebooks; null when training was not stopped.</summary>
    public string? Message { get; private set; }

    /// <inheritdoc/>
    public override void OnTrainBegin()
    {
        StoppedAt = null;
        Message = null;
    }

    /// <inheritdoc/>
    public override void OnEpochBegin(int epoch) => _epoch = epoch;

    /// <inheritdoc/>
    public override void OnBatchBegin(int batch)
    {
        if (!RestoreLastGood) return;
        IReadOnlyList<Parameter> parameters = Model!.Parameters;
        _lastGood ??= [.. parameters.Select(p => new float[p.Value.Length])];
        for (int i = 0; i < parameters.Count; i++) parameters[i].Value.Span.CopyTo(_lastGood[i]);
    }

    /// <inheritdoc/>
    public override void OnBatchEnd(int batch, IReadOnlyDictionary<string, double> logs)
    {
        double loss = logs["loss"];
        if (double.IsFinite(loss)) return;
        StoppedAt = (_epoch, batch);
        Model!.StopTraining = true;
        if (RestoreLastGood)
        {
            IReadOnlyList<Parameter> parameters = Model.Parameters;
            for (int i = 0; i < parameters.Count; i++) _lastGood![i].CopyTo(parameters[i].Value.Span);
        }
        Message = $"Batch {batch} of epoch {_epoch}: invalid loss {loss}, terminating training" +
            (RestoreLastGood ? "; weights restored to before this batch." : ".");
        Console.Error.WriteLine(Message);
    }
}
