using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using NotebookRnn.Notebook;
using NotebookRnn.Models;

namespace NotebookRnn.Cli.Kernel;

/// <summary>
/// <c>#r "nuget: NotebookRnn"</c> (with or without a version) bound to the build nbrnn runs with, so that a run
/// restores nothing of ours: the C# kernel references this build's NotebookRnn.Core and NotebookRnn.Extension, the
/// cell shows the kernel's "Installed Packages" message for it, and the extension loads through
/// <see cref="PackageExtensions.LoadFromAssemblyAsync"/>, as from the package's <c>interactive-extensions/dotnet/</c>.
/// Every other <c>#r "nuget: …"</c> is left to the kernel.
/// </summary>
internal static partial class LocalNotebookRnn
{
    /// <summary>The version of this build, as the installed-packages message names it.</summary>
    public static string Version { get; } =
        typeof(NotebookRnnKernelExtension).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "0.0.0";

    /// <summary>
    /// Splits <paramref name="code"/> into whether it references NotebookRnn and the code the kernel runs: the
    /// reference lines become comments, so that the kernel's line numbers stay the cell's.
    /// </summary>
    public static (bool References, string Code) Take(string code)
    {
        bool found = false;
        string rest = Reference().Replace(code, match =>
        {
            found = true;
            return "// " + match.Value.TrimStart() + " (nbrnn: this build)";
        });
        return (found, rest);
    }

    /// <summary>Binds this build in <paramref name="kernel"/>: references, installed-packages message, extension.</summary>
    /// <returns>The events of the binding, which belong to the cell's outputs.</returns>
    public static Task<KernelCommandResult> BindAsync(CompositeKernel kernel)
    {
        var bind = new BindCommand(NotebookKernel.CSharp(kernel).Name)
        {
            Handler = async (_, context) =>
            {
                Assembly extension = typeof(NotebookRnnKernelExtension).Assembly;
                NotebookKernel.CSharp(kernel).AddAssemblyReferences([typeof(Sequential).Assembly.Location, extension.Location]);
                KernelInvocationContextExtensions.Display(context, new InstallPackagesMessage([], [], [$"NotebookRnn, {Version}"], 0));
                await PackageExtensions.LoadFromAssemblyAsync(extension, kernel, context);
            },
        };
        return kernel.SendAsync(bind);
    }

    /// <summary>The binding, sent to the C# kernel as a command so that what it shows becomes the cell's output.</summary>
    private sealed class BindCommand(string targetKernelName) : KernelCommand(targetKernelName);

    [GeneratedRegex("""^[ \t]*#r[ \t]+"nuget:[ \t]*NotebookRnn[ \t]*(,[^"]*)?"[ \t]*$""", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex Reference();
}
