using System.Diagnostics;
using NotebookRnn.Cli.Progress;

namespace NotebookRnn.Cli.Execution;

/// <summary>
/// Runs one notebook in an nbrnn process of its own, as Jupyter gives each notebook a kernel process of its own:
/// a notebook's timings then never pay for the previous notebook's leftovers (the JIT still compiling for another
/// kernel, a larger heap), and process-wide state (formatters, default devices) starts fresh. The child's progress
/// events drive this process's progress display; everything else it prints is passed on.
/// </summary>
internal static class NotebookProcess
{
    /// <summary>Hidden option that makes nbrnn report progress as <see cref="ProgressEvents"/>.</summary>
    public const string ProgressEventsOption = "--progress-events";

    /// <summary>Runs <c>nbrnn run <paramref name="notebook"/></c> with the given options and waits for it.</summary>
    /// <returns>Its exit code.</returns>
    public static async Task<int> RunAsync(string notebook, string outputFolder, IReadOnlyDictionary<string, string> parameters,
        string? plotlyFile, TextWriter output, TextWriter error, IRunProgress progress)
    {
        var start = new ProcessStartInfo(DotnetHost()) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "nbrnn.dll"));
        foreach (string argument in (string[])["run", notebook, "--out", outputFolder, ProgressEventsOption]) start.ArgumentList.Add(argument);
        foreach (var (name, value) in parameters)
        {
            start.ArgumentList.Add("--param");
            start.ArgumentList.Add($"{name}={value}");
        }
        if (plotlyFile is not null)
        {
            start.ArgumentList.Add("--plotly");
            start.ArgumentList.Add(plotlyFile);
        }
        using Process process = Process.Start(start) ?? throw new InvalidOperationException("Cannot start nbrnn for " + notebook);
        Task errors = CopyLinesAsync(process.StandardError, line => error.WriteLine(line));
        await CopyLinesAsync(process.StandardOutput, line =>
        {
            if (!ProgressEvents.TryApply(line, progress)) output.WriteLine(line);
        });
        await errors;
        await process.WaitForExitAsync();
        return process.ExitCode;
    }

    private static async Task CopyLinesAsync(StreamReader reader, Action<string> write)
    {
        while (await reader.ReadLineAsync() is { } line) write(line);
    }

    // The dotnet host this process runs on: tests and `dotnet nbrnn.dll` run on it; DOTNET_HOST_PATH names it under the SDK.
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host
        : Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet";
}
