namespace NotebookRnn.Regularizers;

/// <summary>Which vectors of a matrix an <see cref="OrthogonalRegularizer"/> pushes apart (Keras <c>mode</c>).</summary>
public enum OrthogonalMode
{
    /// <summary>The rows (Keras <c>"rows"</c>, the default): for a Dense kernel (inputDim, units), each input's weights.</summary>
    Rows,

    /// <summary>The columns (Keras <c>"columns"</c>).</summary>
    Columns,
}
