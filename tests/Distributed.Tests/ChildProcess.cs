using System.Diagnostics;
using System.Text;

namespace NotebookRnn.Distributed.Tests;

/// <summary>
/// A program started by a test, its standard output and error collected as they come. Disposing it kills what is
/// still running of it (its whole tree), so a failing test leaves no process behind.
/// </summary>
internal sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    private ChildProcess(Process process) => _process = process;

    /// <summary>The command line, for messages.</summary>
    public required string CommandLine { get; init; }

    /// <summary>What it printed so far, standard output and error interleaved as they arrived.</summary>
    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    public int ExitCode => _process.ExitCode;

    public bool HasExited => _process.HasExited;

    /// <summary>Starts <paramref name="program"/> with <paramref name="arguments"/>.</summary>
    public static ChildProcess Start(string program, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        var process = new Process { StartInfo = start };
        var child = new ChildProcess(process) { CommandLine = $"{program} {string.Join(' ', arguments)}" };
        process.OutputDataReceived += (_, line) => child.Append(line.Data);
        process.ErrorDataReceived += (_, line) => child.Append(line.Data);
        if (!process.Start()) throw new InvalidOperationException($"Cannot start {child.CommandLine}.");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Runs <paramref name="program"/> to its end; a run longer than <paramref name="timeout"/> is killed and fails the test.</summary>
    public static async Task<ChildProcess> RunAsync(string program, IReadOnlyList<string> arguments, TimeSpan timeout)
    {
        ChildProcess child = Start(program, arguments);
        if (!await child.WaitAsync(timeout))
        {
            child.Dispose();
            Assert.Fail($"{child.CommandLine} did not finish within {timeout.TotalSeconds:0} s; it printed:\n{child.Output}");
        }
        return child;
    }

    /// <summary>Waits for the end of the program and of its output; false when <paramref name="timeout"/> passed first.</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>The command line, exit code and output, for a failing assertion.</summary>
    public override string ToString() =>
        $"{CommandLine} {(HasExited ? $"exited with {ExitCode}" : "is still running")} after {_clock.Elapsed.TotalSeconds:0} s:\n{Output}";

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }
}
