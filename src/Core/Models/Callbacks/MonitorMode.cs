namespace NotebookRnn.Models.Callbacks;

/// <summary>Whether a monitored quantity improves by going down or up (Keras <c>mode</c>).</summary>
public enum MonitorMode
{
    /// <summary>Decide from the name: accuracy-like names (<c>acc</c>, <c>accuracy</c>, <c>auc</c>) go up, everything else down.</summary>
    Auto,

    /// <summary>Lower is better.</summary>
    Min,

    /// <summary>Higher is better.</summary>
    Max,
}
