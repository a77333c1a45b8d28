namespace NotebookRnn.Initializers;

/// <summary>Which fan a <see cref="VarianceScaling"/> initializer divides by (Keras <c>mode</c>).</summary>
public enum FanMode
{
    /// <summary>Number of inputs (Keras <c>fan_in</c>).</summary>
    In,

    /// <summary>Number of outputs (Keras <c>fan_out</c>).</summary>
    Out,

    /// <summary>Mean of inputs and outputs, as Glorot (Keras <c>fan_avg</c>).</summary>
    Average,
}
