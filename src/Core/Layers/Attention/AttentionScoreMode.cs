namespace NotebookRnn.Layers.Attention;

/// <summary>How <see cref="Attention"/> scores a query against a key (Keras's <c>score_mode</c>).</summary>
public enum AttentionScoreMode
{
    /// <summary>The dot product <c>q·k</c> (Luong's "dot"), times the scale when <c>useScale</c>.</summary>
    Dot,

    /// <summary><c>w·Σ tanh(s·(q + k))</c> over the features, with a learned scalar w (and s when <c>useScale</c>).</summary>
    Concat,
}
