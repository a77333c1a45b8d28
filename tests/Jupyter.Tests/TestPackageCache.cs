namespace NotebookRnn.Jupyter.Tests;

/// <summary>
/// The NuGet package folder (<c>NUGET_PACKAGES</c>) the notebooks restore into when these tests run them, in Jupyter
/// and in nbrnn: <c>out/jupyter-nuget</c>, the tests' own, never the user's <c>~/.nuget/packages</c>. It exists for
/// notebook 06 (the libtorch backend): TorchSharp 0.107.0's native shim <c>libLibTorchSharp.so</c> asks for
/// GLIBCXX_3.4.32, which Debian 12's libstdc++ lacks, so in a kernel it fails to load. In a notebook TorchSharp loads
/// the shim from the package folder (it copies the natives of TorchSharp and libtorch into
/// <c>torchsharp/0.107.0/lib/net8.0/cpu/</c> there and loads them from that copy), so the tests restore TorchSharp-cpu
/// into this folder first and mark that version need weak in its shim with <c>bench/weak-glibcxx-version.py</c> — as
/// the TorchSharp tests and the bench do in their <c>bin/</c>. That is test output: the packages the repository ships
/// and the user's package folder stay untouched, and on a distribution whose libstdc++ has GLIBCXX_3.4.32 the script
/// changes nothing.
/// </summary>
internal static class TestPackageCache
{
    /// <summary>The TorchSharp version the libtorch backend is built against, and its CPU runtime package.</summary>
    public const string TorchSharpVersion = "0.107.0";

    /// <summary>The tests' package folder, kept between runs so that libtorch (about 1.3 GB extracted) is copied once.</summary>
    public static string Folder => Path.Combine(TestPaths.RepositoryRoot, "out", "jupyter-nuget");

    /// <summary>The environment of a notebook run: restores go to <see cref="Folder"/>.</summary>
    public static IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string> { ["NUGET_PACKAGES"] = Folder };

    /// <summary>
    /// Restores TorchSharp-cpu into <see cref="Folder"/> (from the user's package folder when it has the packages, so
    /// nothing is downloaded twice) and marks the GLIBCXX_3.4.32 need of every <c>libLibTorchSharp.so</c> there weak.
    /// </summary>
    /// <returns>What the restore and the script printed.</returns>
    public static async Task<string> PrepareAsync()
    {
        string seed = Path.Combine(TestPaths.RepositoryRoot, "out", "jupyter-nuget-seed");
        Directory.CreateDirectory(seed);
        File.WriteAllText(Path.Combine(seed, "seed.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup>
              <ItemGroup><PackageReference Include="TorchSharp-cpu" Version="{TorchSharpVersion}" /></ItemGroup>
            </Project>
            """);
        string userPackages = System.Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } packages
            ? packages
            : Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        List<string> restoreArguments = ["restore", Path.Combine(seed, "seed.csproj"), "--packages", Folder, "--nologo"];
        if (Directory.Exists(userPackages)) restoreArguments.Add($"-p:RestoreAdditionalProjectSources={userPackages}");
        Command restore = await Command.RunAsync("dotnet", restoreArguments, TimeSpan.FromMinutes(15), seed);
        if (restore.ExitCode != 0) throw new InvalidOperationException($"Restoring TorchSharp-cpu into {Folder} failed: {restore}");
        string[] shims = [.. Directory.GetFiles(Path.Combine(Folder, "torchsharp"), "libLibTorchSharp.so", SearchOption.AllDirectories)];
        if (shims.Length == 0) throw new InvalidOperationException($"No libLibTorchSharp.so under {Folder}/torchsharp after the restore: {restore}");
        Command patch = await Command.RunAsync("python3",
            [Path.Combine(TestPaths.RepositoryRoot, "bench", "weak-glibcxx-version.py"), .. shims], TimeSpan.FromMinutes(1));
        if (patch.ExitCode != 0) throw new InvalidOperationException($"Marking GLIBCXX_3.4.32 weak failed: {patch}");
        return restore.Output + patch.Output;
    }
}
