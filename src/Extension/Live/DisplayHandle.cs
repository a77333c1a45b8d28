namespace NotebookRnn.Notebook.Live;

/// <summary>An <see cref="IDisplayHandle"/> from a function, e.g. <c>bundle =&gt; displayed.Update(bundle)</c> in the kernel glue.</summary>
public sealed class DisplayHandle : IDisplayHandle
{
    private readonly Action<MimeBundle> _update;

    /// <summary>Wraps <paramref name="update"/>.</summary>
    public DisplayHandle(Action<MimeBundle> update)
    {
        ArgumentNullException.ThrowIfNull(update);
        _update = update;
    }

    /// <inheritdoc/>
    public void Update(MimeBundle bundle) => _update(bundle);
}
