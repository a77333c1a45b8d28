namespace NotebookRnn.Tests.Persistence;

/// <summary>A fresh folder under the system temp folder, deleted with everything in it on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(Root);

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "nbrnn-tests-" + Guid.NewGuid().ToString("N")[..12]);

    /// <summary>The path of <paramref name="name"/> inside the folder.</summary>
    public string File(string name) => Path.Combine(Root, name);

    /// <summary>Hidden temporary files that an atomic write left behind.</summary>
    public string[] TemporaryFiles() => Directory.GetFiles(Root, ".*.tmp");

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
