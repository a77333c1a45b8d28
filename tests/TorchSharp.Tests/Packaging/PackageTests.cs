using System.Diagnostics;
using System.Reflection;

using NotebookRnn.TestSupport;

namespace NotebookRnn.TorchSharp.Tests.Packaging;

/// <summary>
/// The two packages as this build packs them (issue 19's package test): <c>NotebookRnn</c> keeps no native dependency,
/// <c>NotebookRnn.TorchSharp</c> depends on <c>TorchSharp</c> and on <c>NotebookRnn</c> of its own version, and leaves
/// the libtorch runtime (<c>TorchSharp-cpu</c>, <c>TorchSharp-cuda-*</c>, <c>libtorch-*</c>) to the user; neither
/// carries a native binary, so nothing patched for a test (the GLIBCXX need of <c>libLibTorchSharp.so</c>) can ship.
/// </summary>
public class PackageTests(PackageTests.PackedPackages packages) : IClassFixture<PackageTests.PackedPackages>
{
    [Fact]
    public void NotebookRnns_nuspec_names_no_TorchSharp_or_libtorch_package()
    {
        var dependencies = packages.NotebookRnn.Dependencies;
        Assert.NotEmpty(dependencies);
        Assert.DoesNotContain(dependencies, d => IsTorch(d.Id));
        string nuspec = packages.NotebookRnn.NuspecText;
        Assert.DoesNotContain("TorchSharp", nuspec, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("libtorch", nuspec, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void NotebookRnn_carries_no_torch_assembly_and_no_native_binary()
    {
        Assert.DoesNotContain(packages.NotebookRnn.Entries, e => e.Contains("torch", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(packages.NotebookRnn.Entries, IsNative);
    }

    [Fact]
    public void NotebookRnn_TorchSharps_nuspec_names_TorchSharp_and_NotebookRnn_of_its_version_and_no_libtorch_runtime()
    {
        NupkgContents package = packages.TorchSharp;
        Assert.Equal("NotebookRnn.TorchSharp", package.Metadata("id"));
        Assert.Equal(PackedPackages.Version, package.Metadata("version"));
        Assert.Equal([("NotebookRnn", PackedPackages.Version), ("TorchSharp", "0.107.0")], package.Dependencies.Order());
        // The runtime packages: TorchSharp-cpu, TorchSharp-cuda-linux, TorchSharp-cuda-windows, libtorch-cpu-linux-x64, …
        Assert.DoesNotContain(package.Dependencies, d => d.Id.StartsWith("TorchSharp-", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(package.Dependencies, d => d.Id.StartsWith("libtorch", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain("libtorch-", package.NuspecText, StringComparison.OrdinalIgnoreCase);
        var group = package.Nuspec.Descendants().Single(e => e.Name.LocalName == "group");
        Assert.Equal("net8.0", (string?)group.Attribute("targetFramework"));
    }

    [Fact]
    public void NotebookRnn_TorchSharp_holds_its_own_assembly_in_lib_net8_and_nothing_native_or_patched()
    {
        NupkgContents package = packages.TorchSharp;
        Assert.Equal(["lib/net8.0/NotebookRnn.TorchSharp.dll", "lib/net8.0/NotebookRnn.TorchSharp.xml"],
            package.Entries.Where(e => e.StartsWith("lib/", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(package.Entries, IsNative);
        Assert.DoesNotContain(package.Entries, e => e.StartsWith("runtimes/", StringComparison.Ordinal) || e.StartsWith("content", StringComparison.Ordinal));
        // Core, the kernels and TorchSharp come from the dependencies, never a copy in this package.
        Assert.DoesNotContain(package.Entries, e => e.EndsWith("NotebookRnn.Core.dll", StringComparison.Ordinal) || e.EndsWith("TorchSharp.dll", StringComparison.Ordinal) && !e.EndsWith("NotebookRnn.TorchSharp.dll", StringComparison.Ordinal));
        Assert.Equal(File.ReadAllBytes(typeof(TorchBackend).Assembly.Location), package.ReadBytes("lib/net8.0/NotebookRnn.TorchSharp.dll"));
    }

    private static bool IsTorch(string id) =>
        id.StartsWith("TorchSharp", StringComparison.OrdinalIgnoreCase) || id.StartsWith("libtorch", StringComparison.OrdinalIgnoreCase);

    private static bool IsNative(string entry) =>
        entry.StartsWith("runtimes/", StringComparison.Ordinal) || entry.EndsWith(".so", StringComparison.Ordinal)
        || entry.Contains(".so.", StringComparison.Ordinal) || entry.EndsWith(".dylib", StringComparison.Ordinal)
        || entry.EndsWith(".dll", StringComparison.Ordinal) && !entry.Split('/')[^1].StartsWith("NotebookRnn.", StringComparison.Ordinal);

    /// <summary>
    /// Packs <c>src/Extension</c> (package NotebookRnn) and <c>src/TorchSharp</c> (package NotebookRnn.TorchSharp) with
    /// <c>dotnet pack --no-build</c> in the tests' configuration and one version, into a fresh folder, once per test
    /// class: the packages of exactly the assemblies the other tests ran against.
    /// </summary>
    public sealed class PackedPackages : IDisposable
    {
        /// <summary>The version both are packed with.</summary>
        public const string Version = "0.0.1-packagetest";

        private readonly string _folder = Directory.CreateTempSubdirectory("notebookrnn-torch-pack-").FullName;

        public PackedPackages()
        {
            NotebookRnn = Pack(Path.Combine("src", "Extension", "NotebookRnn.Extension.csproj"), "NotebookRnn");
            TorchSharp = Pack(Path.Combine("src", "TorchSharp", "NotebookRnn.TorchSharp.csproj"), "NotebookRnn.TorchSharp");
        }

        public NupkgContents NotebookRnn { get; }

        public NupkgContents TorchSharp { get; }

        private NupkgContents Pack(string project, string id)
        {
            string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
            var start = new ProcessStartInfo(dotnet)
            {
                ArgumentList =
                {
                    "pack", Path.Combine(Metadata("RepositoryRoot"), project), "-c", Metadata("Configuration"), "--no-build",
                    "-o", _folder, $"-p:PackageVersion={Version}", "--nologo", "-nodeReuse:false",
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
                throw new TimeoutException($"dotnet pack {project} did not finish within 3 minutes.");
            }
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"dotnet pack {project} failed ({process.ExitCode}):\n{output.Result}\n{errors.Result}");
            return new NupkgContents(Path.Combine(_folder, $"{id}.{Version}.nupkg"));
        }

        private static string Metadata(string key) =>
            typeof(PackedPackages).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

        public void Dispose() => Directory.Delete(_folder, recursive: true);
    }
}
