namespace NotebookRnn.Notebook.Views;

/// <summary>What an edge of a model graph carries, and so how it is drawn.</summary>
internal enum EdgeKind
{
    /// <summary>A tensor without a mask: a solid line.</summary>
    Data,

    /// <summary>A tensor with a mask (see <see cref="MaskFlow.Carries"/>): a dashed line.</summary>
    Mask,

    /// <summary>A recurrent layer's final state into another call's <c>initialState</c>: a coloured line labelled h or c.</summary>
    State,
}
