namespace NotebookRnn.Layers;

/// <summary>How the real steps of a <see cref="SequenceMask"/> are arranged.</summary>
public enum MaskLayout
{
    /// <summary>No step is masked.</summary>
    Full,

    /// <summary>Each row's real steps come first (post-padding).</summary>
    Post,

    /// <summary>Each row's real steps come last (pre-padding).</summary>
    Pre,

    /// <summary>Masked steps appear between real ones in some row.</summary>
    Scattered,
}
