using System.Text;

namespace NotebookRnn.Cli.Execution;

/// <summary>
/// Sends <see cref="Console.Out"/> and <see cref="Console.Error"/> to a cell's outputs until disposed, then restores
/// the writers it replaced. Console redirection is process-wide, so one notebook runs at a time.
/// </summary>
internal sealed class ConsoleCapture : IDisposable
{
    private readonly TextWriter _out = Console.Out;
    private readonly TextWriter _error = Console.Error;

    /// <summary>Starts capturing into the outputs <paramref name="current"/> returns at each write.</summary>
    public ConsoleCapture(Func<CellOutputs> current)
    {
        Console.SetOut(TextWriter.Synchronized(new StreamWriter(current, "stdout")));
        Console.SetError(TextWriter.Synchronized(new StreamWriter(current, "stderr")));
    }

    /// <summary>Restores the console writers.</summary>
    public void Dispose()
    {
        Console.SetOut(_out);
        Console.SetError(_error);
    }

    private sealed class StreamWriter(Func<CellOutputs> current, string stream) : TextWriter
    {
        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value) => current().Write(stream, value.ToString());

        public override void Write(string? value) => current().Write(stream, value ?? "");

        public override void Write(char[] buffer, int index, int count) => current().Write(stream, new string(buffer, index, count));

        public override void WriteLine(string? value) => current().Write(stream, (value ?? "") + "\n");
    }
}
