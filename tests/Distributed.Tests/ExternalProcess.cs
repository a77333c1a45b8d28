using System.Diagnostics;

namespace NotebookRnn.Distributed.Tests;

/// <summary>What a finished child process printed and returned.</summary>
internal sealed record ProcessResult(string CommandLine, int ExitCode, string Output, string Error)
{
    /// <summary>The command, its exit code and everything it printed, for assertion messages.</summary>
    public override string ToString() => $"$ {CommandLine}\nexit code {ExitCode}\n--- stdout\n{Output}--- stderr\n{Error}";
}

/// <summary>Runs a command to its end with a time limit, capturing both output streams.</summary>
internal static class ExternalProcess
{
    /// <summary>
    /// Runs <paramref name="command"/> (program, then its arguments, passed as they are: no shell) and waits for it.
    /// Throws <see cref="TimeoutException"/> after killing the whole process tree when it runs longer than
    /// <paramref name="timeout"/>.
    /// </summary>
    public static ProcessResult Run(IReadOnlyList<string> command, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in command.Skip(1)) start.ArgumentList.Add(argument);
        string commandLine = string.Join(' ', command);
        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start '{commandLine}'.");
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new TimeoutException($"'{commandLine}' ran longer than {timeout.TotalSeconds:0} s and was killed.\n" +
                $"--- stdout\n{output.Result}--- stderr\n{error.Result}");
        }
        process.WaitForExit();
        return new ProcessResult(commandLine, process.ExitCode, output.Result, error.Result);
    }
}
