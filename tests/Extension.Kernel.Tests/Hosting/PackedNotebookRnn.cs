using System.Diagnostics;

namespace NotebookRnn.Notebook.Kernel.Tests.Hosting;

/// <summary>
/// The NotebookRnn package as a notebook gets it: <c>dotnet pack --no-build</c> of the build the tests run on, with a
/// stable version newer than any other (<c>0.1.&lt;unix seconds&gt;</c>) so that a plain <c>#r "nuget: NotebookRnn"</c>
/// picks it, into a folder that the kernels add as a package source. Every restore of this process goes to a NuGet
/// packages folder of its own (<c>NUGET_PACKAGES</c>), so nothing restored earlier on this machine can stand in for it.
/// </summary>
public sealed class PackedNotebookRnn : IDisposable
{
    private readonly string? _previousPackagesFolder = Environment.GetEnvironmentVariable("NUGET_PACKAGES");

    /// <summary>Packs the extension and isolates the NuGet packages folder.</summary>
    /// <exception cref="InvalidOperationException"><c>dotnet pack</c> failed; the message has its output.</exception>
    public PackedNotebookRnn()
    {
        Version = $"0.1.{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}";
        Source = Directory.CreateTempSubdirectory("notebookrnn-source-").FullName;
        PackagesFolder = Directory.CreateTempSubdirectory("notebookrnn-nuget-").FullName;
        // Restores run in child processes (the kernel's dependency manager runs dotnet), which inherit this variable.
        Environment.SetEnvironmentVariable("NUGET_PACKAGES", PackagesFolder);
        Pack();
        Package = Directory.GetFiles(Source, "*.nupkg").Single();
    }

    /// <summary>The package's version, e.g. <c>0.1.1796000000</c>.</summary>
    public string Version { get; }

    /// <summary>The folder holding the .nupkg: the package source kernels add with <c>#i</c>.</summary>
    public string Source { get; }

    /// <summary>The .nupkg file.</summary>
    public string Package { get; }

    /// <summary>The NuGet packages folder of this process, empty before the first restore.</summary>
    public string PackagesFolder { get; }

    /// <summary>Where the restore puts the package: <c>&lt;packages folder&gt;/notebookrnn/&lt;version&gt;</c>.</summary>
    public string RestoredFolder => Path.Combine(PackagesFolder, "notebookrnn", Version);

    /// <summary>The first cell of a notebook that uses this package: the source, then the plain reference.</summary>
    public string LoadingCell => $"#i \"nuget: {Source}\"\n#r \"nuget: NotebookRnn\"";

    /// <summary>Deletes the source and the packages folder and puts <c>NUGET_PACKAGES</c> back.</summary>
    public void Dispose()
    {
        Environment.SetEnvironmentVariable("NUGET_PACKAGES", _previousPackagesFolder);
        Directory.Delete(Source, recursive: true);
        Directory.Delete(PackagesFolder, recursive: true);
    }

    private void Pack()
    {
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var start = new ProcessStartInfo(dotnet)
        {
            ArgumentList =
            {
                "pack", TestPaths.ExtensionProject, "-c", TestPaths.Configuration, "--no-build", "-o", Source,
                $"-p:PackageVersion={Version}", "--nologo", "-nodeReuse:false",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync(), errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("dotnet pack did not finish within 3 minutes.");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"dotnet pack failed ({process.ExitCode}):\n{output.Result}\n{errors.Result}");
    }
}
