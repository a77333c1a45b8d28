namespace NotebookRnn.Jupyter.Tests;

/// <summary>What the Jupyter runs need, checked before anything runs; a missing piece fails with what to run.</summary>
internal static class Prerequisites
{
    public const string Jupyter = "/usr/bin/jupyter";

    /// <summary>Checks Jupyter, the kernel, the packed packages of this build (NotebookRnn, NotebookRnn.TorchSharp) and plotly.js.</summary>
    /// <returns>The version of the package the kernel will load.</returns>
    public static string Check()
    {
        const string setup = "run `bash scripts/setup-notebooks.sh` from the repository root";
        if (!File.Exists(Jupyter)) throw new InvalidOperationException($"The Jupyter tests need {Jupyter}: {setup}.");
        string spec = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share", "jupyter", "kernels", ".net-csharp", "kernel.json");
        if (!File.Exists(spec)) throw new InvalidOperationException($"The Jupyter kernel .net-csharp is not registered ({spec}): {setup}.");
        string latest = Path.Combine(TestPaths.Packages, "latest-version");
        if (!File.Exists(latest)) throw new InvalidOperationException($"No NotebookRnn package in {TestPaths.Packages}: {setup}.");
        string version = File.ReadAllText(latest).Trim();
        string package = Path.Combine(TestPaths.Packages, $"NotebookRnn.{version}.nupkg");
        using var zip = System.IO.Compression.ZipFile.OpenRead(package);
        using var packed = new MemoryStream();
        zip.GetEntry("interactive-extensions/dotnet/NotebookRnn.Extension.dll")!.Open().CopyTo(packed);
        if (!packed.ToArray().AsSpan().SequenceEqual(File.ReadAllBytes(TestPaths.ExtensionAssembly)))
            throw new InvalidOperationException($"{package} is not this build (its extension differs from {TestPaths.ExtensionAssembly}): {setup} again.");
        string backend = Path.Combine(TestPaths.Packages, $"NotebookRnn.TorchSharp.{version}.nupkg");
        if (!File.Exists(backend)) throw new InvalidOperationException($"No NotebookRnn.TorchSharp {version} in {TestPaths.Packages} (notebook 06 loads it): {setup}.");
        using (var backendZip = System.IO.Compression.ZipFile.OpenRead(backend))
        {
            using var packedBackend = new MemoryStream();
            backendZip.GetEntry("lib/net8.0/NotebookRnn.TorchSharp.dll")!.Open().CopyTo(packedBackend);
            if (!packedBackend.ToArray().AsSpan().SequenceEqual(File.ReadAllBytes(TestPaths.TorchBackendAssembly)))
                throw new InvalidOperationException($"{backend} is not this build (it differs from {TestPaths.TorchBackendAssembly}): {setup} again.");
        }
        if (!File.Exists(Path.Combine(TestPaths.NodeModules, "plotly.js-dist-min", "plotly.min.js")))
            throw new InvalidOperationException("The pages' charts need plotly.js from npm: run `bash scripts/setup-browser.sh`.");
        return version;
    }
}
