namespace NotebookRnn.Notebook.Live;

/// <summary>An output shown in the notebook that can be replaced in place (the kernel's displayed value).</summary>
public interface IDisplayHandle
{
    /// <summary>Replaces the output with <paramref name="bundle"/>.</summary>
    void Update(MimeBundle bundle);
}
