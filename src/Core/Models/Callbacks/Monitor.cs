namespace NotebookRnn.Models.Callbacks;

/// <summary>Reads a monitored value from epoch logs and tells whether it improved (shared by the monitoring callbacks).</summary>
internal sealed class Monitor(string name, MonitorMode mode, double minDelta = 0)
{
    public string Name { get; } = name;

    public bool HigherIsBetter { get; } = mode == MonitorMode.Max ||
        (mode == MonitorMode.Auto && (name.EndsWith("acc", StringComparison.Ordinal) || name.Contains("accuracy", StringComparison.Ordinal) ||
            name.EndsWith("auc", StringComparison.Ordinal)));

    public double Best { get; private set; } = double.NaN;

    /// <summary>The value of the monitored quantity; the message lists what the logs hold.</summary>
    /// <exception cref="InvalidOperationException">The logs do not hold it (e.g. val_loss without validation data).</exception>
    public double Read(IReadOnlyDictionary<string, double> logs, string callback) => logs.TryGetValue(Name, out double value)
        ? value
        : throw new InvalidOperationException(
            $"{callback} monitors \"{Name}\", but the epoch logs hold only {string.Join(", ", logs.Keys)} " +
            "(val_ metrics need validationSplit or validationData).");

    /// <summary>Whether <paramref name="value"/> beats the best so far by more than minDelta; records it if so.</summary>
    public bool Improved(double value)
    {
        bool better = double.IsNaN(Best) ? !double.IsNaN(value)
            : HigherIsBetter ? value - minDelta > Best : value + minDelta < Best;
        if (better) Best = value;
        return better;
    }

    public void Reset(double? baseline = null) => Best = baseline ?? double.NaN;
}
