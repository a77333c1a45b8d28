namespace NotebookRnn.Notebook.Kernel.Tests.Hosting;

/// <summary>A <see cref="SharedSession"/> that has also declared the objects of <see cref="KernelCode.Fixtures"/>.</summary>
public sealed class FixtureSession(PackedNotebookRnn package) : IAsyncLifetime
{
    private readonly SharedSession _shared = new(package);

    /// <summary>The session; started before the first test of the class.</summary>
    public NotebookSession Session => _shared.Session;

    /// <inheritdoc/>
    public async Task InitializeAsync()
    {
        await _shared.InitializeAsync();
        await Session.RunSucceedingAsync(KernelCode.Fixtures);
    }

    /// <inheritdoc/>
    public Task DisposeAsync() => _shared.DisposeAsync();
}
