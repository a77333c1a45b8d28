namespace NotebookRnn.Files;

/// <summary>
/// Replaces a file all at once: the new contents go to a temporary file in the same folder
/// (<c>.&lt;name&gt;.&lt;random&gt;.tmp</c>), which is flushed to disk and then renamed over the target. A rename
/// within one file system is atomic, so a reader — or a process that starts after a crash — sees either the
/// previous file whole or the new one whole, never a part of one. Save, ModelCheckpoint, CsvLogger and History.Save write this way.
/// </summary>
/// <remarks>
/// A process killed while writing leaves its temporary file behind (a hidden <c>.tmp</c> next to the target); the
/// target itself is untouched. A failed write (an exception from <c>write</c> or from the disk) deletes the
/// temporary file and leaves the target as it was.
/// </remarks>
public static class AtomicFile
{
    /// <summary>Writes the file at <paramref name="path"/> through <paramref name="write"/>, atomically.</summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="write">Writes the whole contents to the stream it is given; it must not close the stream.</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty or names a folder.</exception>
    /// <exception cref="DirectoryNotFoundException">The folder of <paramref name="path"/> does not exist.</exception>
    /// <exception cref="IOException">The disk failed; the target is unchanged.</exception>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        string target = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(target) ?? throw new ArgumentException($"\"{path}\" names no file.", nameof(path));
        if (Directory.Exists(target)) throw new ArgumentException($"\"{path}\" is a folder; expected a file path.", nameof(path));
        if (!Directory.Exists(directory))
            throw new DirectoryNotFoundException($"Cannot write \"{path}\": its folder \"{directory}\" does not exist.");
        string temporary = TemporaryPath(target);
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, target, overwrite: true);
        }
        catch
        {
            DeleteQuietly(temporary);
            throw;
        }
    }

    /// <summary>Writes <paramref name="text"/> as UTF-8 (no byte-order mark) to <paramref name="path"/>, atomically.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder of <paramref name="path"/> does not exist.</exception>
    /// <exception cref="IOException">The disk failed; the target is unchanged.</exception>
    public static void WriteAllText(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), 1 << 16, leaveOpen: true);
            writer.Write(text);
        });
    }

    // Cleanup after a failed write must not hide the error that made it fail.
    private static void DeleteQuietly(string temporary)
    {
        try
        {
            File.Delete(temporary);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
        }
    }

    /// <summary>The name of the temporary file for <paramref name="target"/>: hidden, in the same folder, unique.</summary>
    internal static string TemporaryPath(string target) =>
        Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
}
