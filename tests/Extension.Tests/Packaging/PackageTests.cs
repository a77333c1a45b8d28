using System.Diagnostics;
using System.Xml.Linq;
using NotebookRnn.Notebook.Kernel;
using NotebookRnn.TestSupport;

namespace NotebookRnn.Notebook.Tests.Packaging;

/// <summary>Packs the extension project (from the build the tests ran on) and checks what a notebook would load.</summary>
public class PackageTests : IClassFixture<PackageTests.PackedPackage>
{
    private readonly NupkgContents _package;

    public PackageTests(PackedPackage package) => _package = package.Contents;

    [Fact]
    public void The_package_is_named_NotebookRnn_with_the_repository_version()
    {
        Assert.Equal("NotebookRnn", _package.Metadata("id"));
        Assert.Equal($"NotebookRnn.{_package.Metadata("version")}.nupkg", Path.GetFileName(_package.Path));
    }

    [Fact]
    public void Kernels_core_and_extension_assemblies_sit_in_lib_net8_and_the_extension_again_in_interactive_extensions()
    {
        Assert.Contains("lib/net8.0/NotebookRnn.Kernels.dll", _package.Entries);
        Assert.Contains("lib/net8.0/NotebookRnn.Core.dll", _package.Entries);
        Assert.Contains("lib/net8.0/NotebookRnn.Extension.dll", _package.Entries);
        Assert.Contains("lib/net8.0/NotebookRnn.Kernels.xml", _package.Entries);
        Assert.Contains("lib/net8.0/NotebookRnn.Core.xml", _package.Entries);
        Assert.Contains("lib/net8.0/NotebookRnn.Extension.xml", _package.Entries);
        Assert.Equal(["interactive-extensions/dotnet/NotebookRnn.Extension.dll"],
            _package.Entries.Where(e => e.StartsWith("interactive-extensions/", StringComparison.Ordinal)));
        Assert.DoesNotContain(_package.Entries, e => e.StartsWith("lib/", StringComparison.Ordinal) && !e.StartsWith("lib/net8.0/", StringComparison.Ordinal));
    }

    [Fact]
    public void The_kernel_loads_the_same_extension_assembly_that_cells_reference()
    {
        byte[] extension = _package.ReadBytes("interactive-extensions/dotnet/NotebookRnn.Extension.dll");
        Assert.Equal(_package.ReadBytes("lib/net8.0/NotebookRnn.Extension.dll"), extension);
        Assert.Equal(File.ReadAllBytes(typeof(Renderers).Assembly.Location), extension);
    }

    [Fact]
    public void Dependencies_are_the_runtime_dependency_of_core_and_kernels_only_and_no_notebook_package()
    {
        var dependencies = _package.Nuspec.Descendants().Where(e => e.Name.LocalName == "dependency")
            .Select(e => ((string?)e.Attribute("id"), (string?)e.Attribute("version"))).ToList();
        Assert.Equal([("System.Numerics.Tensors", "10.0.0")], dependencies);
        Assert.DoesNotContain("Microsoft.DotNet.Interactive", _package.Read(_package.Entries.Single(e => e.EndsWith(".nuspec", StringComparison.Ordinal))));
        var group = _package.Nuspec.Descendants().Single(e => e.Name.LocalName == "group");
        Assert.Equal("net8.0", (string?)group.Attribute("targetFramework"));
    }

    [Fact]
    public void A_referencing_project_gets_every_core_namespace_as_a_global_using_unless_it_opts_out()
    {
        foreach (string path in new[] { "build/NotebookRnn.props", "buildTransitive/NotebookRnn.props" })
        {
            XDocument props = XDocument.Parse(_package.Read(path));
            var group = props.Descendants().Single(e => e.Name.LocalName == "ItemGroup");
            Assert.Equal("'$(NotebookRnnImplicitUsings)' != 'false'", (string?)group.Attribute("Condition"));
            Assert.Equal(CoreNamespaces.All, group.Elements().Select(e => (string?)e.Attribute("Include")).Order(StringComparer.Ordinal));
        }
        Assert.Contains("NotebookRnn.Layers.Recurrent", CoreNamespaces.All);
        Assert.DoesNotContain("NotebookRnn.Kernels", CoreNamespaces.All);
    }

    [Fact]
    public void The_readme_shows_how_to_load_the_package_from_nuget_and_from_a_folder()
    {
        Assert.Equal("README.md", _package.Metadata("readme"));
        string readme = _package.Read("README.md");
        Assert.Contains("#r \"nuget: NotebookRnn\"", readme);
        Assert.Contains("#i \"nuget: ", readme);
        Assert.True(readme.IndexOf("#i \"nuget: ", StringComparison.Ordinal) < readme.LastIndexOf("#r \"nuget: NotebookRnn\"", StringComparison.Ordinal));
    }

    /// <summary>
    /// Runs <c>dotnet pack --no-build</c> on the extension in the tests' configuration, into a fresh folder, once per
    /// test class: it packs exactly the assemblies the other tests ran against.
    /// </summary>
    public sealed class PackedPackage : IDisposable
    {
        private readonly string _folder = Directory.CreateTempSubdirectory("notebookrnn-pack-").FullName;

        public PackedPackage()
        {
            string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
            var start = new ProcessStartInfo(dotnet)
            {
                ArgumentList = { "pack", TestPaths.ExtensionProject, "-c", TestPaths.Configuration, "--no-build", "-o", _folder, "--nologo", "-nodeReuse:false" },
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
            Contents = new NupkgContents(Directory.GetFiles(_folder, "*.nupkg").Single());
        }

        public NupkgContents Contents { get; }

        public void Dispose() => Directory.Delete(_folder, recursive: true);
    }
}
