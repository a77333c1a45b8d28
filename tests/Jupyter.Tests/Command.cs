using System.Diagnostics;

namespace NotebookRnn.Jupyter.Tests;

/// <summary>A program run to its end, with its exit code and output.</summary>
public sealed record Command(string Program, IReadOnlyList<string> Arguments, int ExitCode, string Output, TimeSpan Duration)
{
    /// <summary>
    /// Runs <paramref name="program"/> and waits for it; a run longer than <paramref name="timeout"/> is killed and throws.
    /// <paramref name="environment"/> adds to (or replaces in) the environment this process passes on.
    /// </summary>
    public static async Task<Command> RunAsync(string program, IReadOnlyList<string> arguments, TimeSpan timeout, string? workingDirectory = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory ?? "" };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        var watch = Stopwatch.StartNew();
        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"Cannot start {program}.");
        Task<string> output = process.StandardOutput.ReadToEndAsync(), error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not finish within {timeout}.");
        }
        return new Command(program, arguments, process.ExitCode, await output + await error, watch.Elapsed);
    }

    /// <summary>The command line and what it printed, for a failing assertion.</summary>
    public override string ToString() => $"{Program} {string.Join(' ', Arguments)} exited with {ExitCode} after {Duration.TotalSeconds:0} s:\n{Output}";
}
