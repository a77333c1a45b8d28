namespace NotebookRnn.Notebook.Kernel.Tests.Hosting;

/// <summary>
/// One session for the tests of a class that leave the session's state as they found it: they only read variables
/// they declare themselves, so the package is restored and the extension loaded once per class.
/// </summary>
public sealed class SharedSession(PackedNotebookRnn package) : IAsyncLifetime
{
    private NotebookSession? _session;

    /// <summary>The session; started before the first test of the class.</summary>
    public NotebookSession Session => _session ?? throw new InvalidOperationException("The session has not started.");

    /// <inheritdoc/>
    public async Task InitializeAsync() => _session = await NotebookSession.StartAsync(package);

    /// <inheritdoc/>
    public Task DisposeAsync()
    {
        _session?.Dispose();
        return Task.CompletedTask;
    }
}
