namespace NotebookRnn.Initializers;

/// <summary>What a <see cref="VarianceScaling"/> initializer draws from (Keras <c>distribution</c>).</summary>
public enum Distribution
{
    /// <summary>A normal truncated at two standard deviations, rescaled to keep the variance (Keras <c>truncated_normal</c>).</summary>
    TruncatedNormal,

    /// <summary>A plain normal (Keras <c>untruncated_normal</c>).</summary>
    UntruncatedNormal,

    /// <summary>A uniform of the same variance (Keras <c>uniform</c>).</summary>
    Uniform,
}
