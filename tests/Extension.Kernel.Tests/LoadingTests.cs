using System.Reflection;
using Microsoft.DotNet.Interactive.Events;
using NotebookRnn.Notebook.Kernel.Tests.Hosting;
using NotebookRnn.Notebook.Kernel.Tests.Magics;

namespace NotebookRnn.Notebook.Kernel.Tests;

/// <summary>What the first cell of a notebook, <c>#i</c> of the package's folder and <c>#r "nuget: NotebookRnn"</c>, does.</summary>
[Collection(KernelTests.Name)]
public class LoadingTests(Kernels kernels)
{
    private PackedNotebookRnn Package => kernels.Package;

    private Cell Loading => kernels.Shared.Loading;

    private string ExtensionsFolder => Path.Combine(Package.RestoredFolder, "interactive-extensions", "dotnet");

    private string LibFolder => Path.Combine(Package.RestoredFolder, "lib", "net8.0");

    [Fact]
    public void Loading_succeeds_with_no_diagnostic_no_error_and_nothing_on_standard_error()
    {
        Assert.True(Loading.Succeeded, Loading.Error);
        Assert.Empty(Loading.Events.OfType<CommandFailed>());
        Assert.Empty(Loading.Events.OfType<ErrorProduced>());
        Assert.Empty(Loading.Diagnostics);
        Assert.Empty(Loading.Events.OfType<StandardErrorValueProduced>());
    }

    [Fact]
    public void The_package_is_restored_into_the_isolated_packages_folder_at_its_new_version()
    {
        PackageAdded added = Assert.Single(Loading.Events.OfType<PackageAdded>(), p => p.PackageReference.PackageName == "NotebookRnn");
        Assert.Equal(Package.Version, added.PackageReference.PackageVersion);
        Assert.Equal(Package.RestoredFolder, Path.TrimEndingDirectorySeparator(added.PackageReference.PackageRoot));
        Assert.StartsWith(Package.PackagesFolder + Path.DirectorySeparatorChar, Package.RestoredFolder);
        Assert.True(File.Exists(Path.Combine(LibFolder, "NotebookRnn.Core.dll")));
        Assert.True(File.Exists(Path.Combine(LibFolder, "NotebookRnn.Kernels.dll")));
    }

    [Fact]
    public void The_kernel_loads_the_extension_from_the_package_interactive_extensions_folder()
    {
        KernelExtensionLoaded loaded = Assert.Single(Loading.Events.OfType<KernelExtensionLoaded>());
        Type extension = loaded.KernelExtension.GetType();
        Assert.Equal("NotebookRnn.Notebook.NotebookRnnKernelExtension", extension.FullName);
        Assert.Equal(Path.Combine(ExtensionsFolder, "NotebookRnn.Extension.dll"), extension.Assembly.Location);
    }

    [Fact]
    public void The_usage_hint_is_markdown_that_names_every_magic()
    {
        DisplayedValueProduced hint = Assert.Single(Loading.Displays, d => d.MimeTypes().Contains("text/markdown"));
        string markdown = hint.Form("text/markdown");
        Assert.StartsWith("NotebookRnn is loaded:", markdown);
        Assert.All(Usage.Magics, magic => Assert.Contains($"`{magic}`", markdown));
    }

    [Fact]
    public async Task Cells_compile_against_the_package_assemblies()
    {
        string core = await kernels.Shared.EvaluateAsync<string>("typeof(Sequential).Assembly.Location");
        string extension = await kernels.Shared.EvaluateAsync<string>("typeof(NotebookRnn.Notebook.Renderers).Assembly.Location");
        Assert.Equal(Path.Combine(LibFolder, "NotebookRnn.Core.dll"), core);
        string kernelLibrary = await kernels.Shared.EvaluateAsync<string>("typeof(NotebookRnn.Kernels.Gemm).Assembly.Location");
        Assert.Equal(Path.Combine(LibFolder, "NotebookRnn.Kernels.dll"), kernelLibrary);
        // The kernel loaded the extension from interactive-extensions/dotnet before any cell referenced lib/net8.0's
        // copy, and the runtime loads an assembly of one identity once: cells and formatters share its types.
        Assert.Equal(Path.Combine(ExtensionsFolder, "NotebookRnn.Extension.dll"), extension);
    }

    [Fact]
    public void No_NotebookRnn_assembly_comes_from_the_test_folder()
    {
        // Had the build put Core or Extension beside the tests, the runtime would bind those instead of the package's.
        string[] trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        Assert.DoesNotContain(trusted,
            path => Path.GetFileName(path) is "NotebookRnn.Kernels.dll" or "NotebookRnn.Core.dll" or "NotebookRnn.Extension.dll");
        Assert.Equal(["NotebookRnn.Extension.Kernel.Tests.dll"],
            Directory.GetFiles(AppContext.BaseDirectory, "NotebookRnn.*.dll").Select(Path.GetFileName));
        Assembly[] loaded = [.. AppDomain.CurrentDomain.GetAssemblies().Where(a => a.GetName().Name is "NotebookRnn.Core" or "NotebookRnn.Extension")];
        Assert.Equal(2, loaded.Length);
        Assert.All(loaded, a => Assert.StartsWith(Package.RestoredFolder + Path.DirectorySeparatorChar, a.Location));
    }
}
