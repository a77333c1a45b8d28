using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Formatting;
using Microsoft.DotNet.Interactive.PackageManagement;

namespace NotebookRnn.Cli.Kernel;

/// <summary>
/// The kernel a notebook runs in: the real C# kernel of .NET Interactive, put together as <c>dotnet interactive
/// jupyter</c> puts it together for the <c>.net-csharp</c> Jupyter kernel (1.0.712001), without the languages we do
/// not run: <c>#r "nuget: …"</c> and <c>#i</c> restore packages, the kernel helpers (<c>display</c>, …), and the
/// <see cref="IKernelExtension"/>s of every package added are loaded (<see cref="PackageExtensions"/>).
/// </summary>
internal static class NotebookKernel
{
    /// <summary>A new composite kernel with one C# kernel, named <c>csharp</c> (aliases <c>c#</c>, <c>C#</c>), as its default.</summary>
    public static CompositeKernel Create()
    {
        UseJupyterFormatting();
        CSharpKernel csharp = new CSharpKernel()
            .UseNugetDirective((kernel, packages) =>
            {
                kernel.AddAssemblyReferences(packages.SelectMany(p => p.AssemblyPaths));
                return Task.CompletedTask;
            })
            .UseKernelHelpers()
            .UseWho()
            .UseValueSharing();
        var composite = new CompositeKernel();
        composite.Add(csharp, ["c#", "C#"]);
        composite.DefaultKernelName = csharp.Name;
        PackageExtensions.LoadFromAddedPackages(composite);
        return composite;
    }

    /// <summary>The C# kernel of a kernel made by <see cref="Create"/>.</summary>
    public static CSharpKernel CSharp(CompositeKernel kernel) => kernel.ChildKernels.OfType<CSharpKernel>().Single();

    // What the tool sets up for a browser front end such as Jupyter: values are formatted as HTML unless their type
    // prefers otherwise, and strings as plain text.
    private static void UseJupyterFormatting()
    {
        Formatter.DefaultMimeType = HtmlFormatter.MimeType;
        Formatter.SetPreferredMimeTypesFor(typeof(string), PlainTextFormatter.MimeType);
    }
}
