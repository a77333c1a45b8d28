namespace NotebookRnn.Notebook.Views;

/// <summary>What one step of a recurrent loop did for one sample.</summary>
internal enum StepState
{
    /// <summary>A real step: computed and kept.</summary>
    Real,

    /// <summary>A padding step that was computed anyway; the sample's state was carried over it (dense masked loop).</summary>
    Carried,

    /// <summary>A padding step that was not computed at all: packing dropped the sample's row from this step.</summary>
    Skipped,
}
