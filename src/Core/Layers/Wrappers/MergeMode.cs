namespace NotebookRnn.Layers.Wrappers;

/// <summary>How <see cref="Bidirectional"/> combines its forward and backward outputs (Keras <c>merge_mode</c>).</summary>
public enum MergeMode
{
    /// <summary>[forward, backward] on the last axis (Keras default).</summary>
    Concat,

    /// <summary>forward + backward.</summary>
    Sum,

    /// <summary>forward ⊙ backward.</summary>
    Mul,

    /// <summary>(forward + backward) / 2.</summary>
    Ave,

    /// <summary>Not merged: the two outputs (and the states) are returned separately by <see cref="Bidirectional.CallBoth"/>.</summary>
    None,
}
