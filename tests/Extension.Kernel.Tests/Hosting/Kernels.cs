namespace NotebookRnn.Notebook.Kernel.Tests.Hosting;

/// <summary>
/// What every kernel test needs, made once per run: the packed package, and one session that the tests share when they
/// leave its state as they found it (they declare the variables they read, and change no setting). A session loads
/// the package in several seconds, so tests that change the session's state start one of their own from
/// <see cref="Package"/>.
/// </summary>
public sealed class Kernels : IAsyncLifetime
{
    private NotebookSession? _shared;

    /// <summary>The package the sessions load.</summary>
    public PackedNotebookRnn Package { get; } = new();

    /// <summary>The shared session; once its package loaded, it declared the objects of <see cref="KernelCode.Fixtures"/>.</summary>
    public NotebookSession Shared => _shared ?? throw new InvalidOperationException("The shared session has not started.");

    /// <inheritdoc/>
    public async Task InitializeAsync()
    {
        _shared = await NotebookSession.StartAsync(Package);
        // A failed loading leaves the session as it is, for the loading tests to say what went wrong.
        if (_shared.Loading.Succeeded) await _shared.RunSucceedingAsync(KernelCode.Fixtures);
    }

    /// <inheritdoc/>
    public Task DisposeAsync()
    {
        _shared?.Dispose();
        Package.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>The kernel tests: one collection, so that the package is packed once and the tests run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class KernelTests : ICollectionFixture<Kernels>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Kernel tests";
}

/// <summary>
/// A session of one test class's own, for tests that change the session's state (a setting of the extension); the
/// class's tests set that state themselves before they check it.
/// </summary>
public sealed class ClassSession(Kernels kernels) : IAsyncLifetime
{
    private NotebookSession? _session;

    /// <summary>The session; started before the first test of the class.</summary>
    public NotebookSession Session => _session ?? throw new InvalidOperationException("The session has not started.");

    /// <inheritdoc/>
    public async Task InitializeAsync() => _session = await NotebookSession.StartAsync(kernels.Package);

    /// <inheritdoc/>
    public Task DisposeAsync()
    {
        _session?.Dispose();
        return Task.CompletedTask;
    }
}
