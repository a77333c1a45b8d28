using NotebookRnn.Layers;
using NotebookRnn.Training;

namespace NotebookRnn.Models.Callbacks;

/// <summary>
/// Stops training when a monitored quantity has not improved for <see cref="Patience"/> epochs (Keras
/// <c>EarlyStopping</c>); optionally puts back the weights of the best epoch.
/// </summary>
public sealed class EarlyStopping : Callback
{
    private readonly Monitor _monitor;
    private float[][]? _bestWeights;
    private int _wait;

    /// <summary>Creates the callback.</summary>
    /// <param name="monitor">Quantity to watch; default <c>val_loss</c>.</param>
    /// <param name="minDelta">Smallest change that counts as an improvement; default 0.</param>
    /// <param name="patience">Epochs without improvement before stopping; default 0.</param>
    /// <param name="mode">Whether lower or higher is better; default from the name.</param>
    /// <param name="baseline">Value the quantity must beat; default none.</param>
    /// <param name="restoreBestWeights">Put back the best epoch's weights when stopping or at the end; default false.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="patience"/> or <paramref name="minDelta"/> is negative.</exception>
    public EarlyStopping(string monitor = "val_loss", double minDelta = 0, int patience = 0, MonitorMode mode = MonitorMode.Auto,
        double? baseline = null, bool restoreBestWeights = false)
    {
        if (patience < 0) throw new ArgumentOutOfRangeException(nameof(patience), patience, "Expected patience ≥ 0.");
        if (!(minDelta >= 0)) throw new ArgumentOutOfRangeException(nameof(minDelta), minDelta, "Expected minDelta ≥ 0.");
        _monitor = new Monitor(monitor, mode, minDelta);
        Patience = patience;
        Baseline = baseline;
        RestoreBestWeights = restoreBestWeights;
    }

    /// <summary>Epochs without improvement tolerated.</summary>
    public int Patience { get; }

    /// <summary>Value the quantity must beat, if any.</summary>
    public double? Baseline { get; }

    /// <summary>Whether the best epoch's weights are put back.</summary>
    public bool RestoreBestWeights { get; }

    /// <summary>The epoch after which training stopped, or null when it ran to the end.</summary>
    public int? StoppedEpoch { get; private set; }

    /// <summary>The epoch with the best monitored value, or null before any.</summary>
    public int? BestEpoch { get; private set; }

    /// <inheritdoc/>
    public override void OnTrainBegin()
    {
        _monitor.Reset(Baseline);
        _wait = 0;
        _bestWeights = null;
        StoppedEpoch = null;
        BestEpoch = null;
    }

    /// <inheritdoc/>
    public override void OnEpochEnd(int epoch, IReadOnlyDictionary<string, double> logs)
    {
        double value = _monitor.Read(logs, nameof(EarlyStopping));
        if (_monitor.Improved(value))
        {
            _wait = 0;
            BestEpoch = epoch;
            if (RestoreBestWeights) _bestWeights = [.. Model!.Parameters.Select(p => p.Value.ToArray())];
            return;
        }
        if (++_wait <= Patience) return;
        StoppedEpoch = epoch;
        Model!.StopTraining = true;
    }

    /// <inheritdoc/>
    public override void OnTrainEnd(History history)
    {
        if (!RestoreBestWeights || _bestWeights is null) return;
        IReadOnlyList<Parameter> parameters = Model!.Parameters;
        for (int i = 0; i < parameters.Count; i++) _bestWeights[i].CopyTo(parameters[i].Value.Span);
    }
}
