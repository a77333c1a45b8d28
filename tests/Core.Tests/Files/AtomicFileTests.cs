using NotebookRnn.Files;
using NotebookRnn.Tests.Persistence;

namespace NotebookRnn.Tests.Files;

public class AtomicFileTests
{
    [Fact]
    public void A_write_creates_or_replaces_the_file_and_leaves_no_temporary_file()
    {
        using var folder = new TempFolder();
        string path = folder.File("notes.txt");

        AtomicFile.WriteAllText(path, "first");
        AtomicFile.WriteAllText(path, "second");

        Assert.Equal("second", File.ReadAllText(path));
        Assert.Empty(folder.TemporaryFiles());
    }

    [Fact]
    public void A_failed_write_keeps_the_previous_file_and_removes_its_temporary_file()
    {
        using var folder = new TempFolder();
        string path = folder.File("model.nbrnn");
        File.WriteAllText(path, "previous");
        string? temporary = null;

        var error = Assert.Throws<IOException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write("partial"u8);
            temporary = ((FileStream)stream).Name;
            throw new IOException("disk full");
        }));

        Assert.Equal("disk full", error.Message);
        Assert.Equal("previous", File.ReadAllText(path));
        Assert.False(File.Exists(temporary));
        Assert.StartsWith(Path.Combine(folder.Root, ".model.nbrnn."), temporary);
        Assert.EndsWith(".tmp", temporary);
    }

    [Fact]
    public void Bad_paths_are_named()
    {
        using var folder = new TempFolder();
        var missing = Assert.Throws<DirectoryNotFoundException>(() => AtomicFile.WriteAllText(folder.File("no/such/file.txt"), "x"));
        Assert.Contains("no/such", missing.Message);
        var directory = Assert.Throws<ArgumentException>(() => AtomicFile.WriteAllText(folder.Root, "x"));
        Assert.Contains("is a folder", directory.Message);
        Assert.Throws<ArgumentException>(() => AtomicFile.WriteAllText("", "x"));
    }
}
