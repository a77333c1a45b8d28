using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using NotebookRnn.Notebook;
using NotebookRnn.Models;

namespace NotebookRnn.Cli.Kernel;

/// <summary>
/// <c>#r "nuget: NotebookRnn"</c> and <c>#r "nuget: NotebookRnn.TorchSharp"</c> (with or without a version) bound to
/// the build nbrnn runs with, so that a run restores nothing of ours: the C# kernel references this build's
/// NotebookRnn.Core and NotebookRnn.Extension (and NotebookRnn.TorchSharp, copied beside nbrnn into <c>torch/</c>), the
/// cell shows the kernel's "Installed Packages" message for them, and the extension loads through
/// <see cref="PackageExtensions.LoadFromAssemblyAsync"/>, as from the package's <c>interactive-extensions/dotnet/</c>.
/// Every other <c>#r "nuget: …"</c> is left to the kernel — TorchSharp and its libtorch runtime too: a notebook on the
/// libtorch backend names its runtime (<c>#r "nuget: TorchSharp-cpu, 0.107.0"</c>), which brings TorchSharp.
/// </summary>
internal static partial class LocalNotebookRnn
{
    /// <summary>The version of this build, as the installed-packages message names it.</summary>
    public static string Version { get; } =
        typeof(NotebookRnnKernelExtension).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "0.0.0";

    /// <summary>
    /// This build's NotebookRnn.TorchSharp.dll, which the build of nbrnn copies to <c>torch/</c> beside it: outside
    /// nbrnn's own dependencies, so that TorchSharp and its native libraries come from the notebook's restore, as in the
    /// kernel tool.
    /// </summary>
    public static string TorchBackendAssembly => Path.Combine(AppContext.BaseDirectory, "torch", "NotebookRnn.TorchSharp.dll");

    /// <summary>
    /// Splits <paramref name="code"/> into which of our packages it references and the code the kernel runs: the
    /// reference lines become comments, so that the kernel's line numbers stay the cell's. A reference to
    /// NotebookRnn.TorchSharp stays for the kernel when this nbrnn has no <see cref="TorchBackendAssembly"/>.
    /// </summary>
    public static (bool References, bool ReferencesTorchBackend, string Code) Take(string code)
    {
        bool found = false, torch = false;
        string rest = Reference().Replace(code, match =>
        {
            found = true;
            return "// " + match.Value.TrimStart() + " (nbrnn: this build)";
        });
        if (File.Exists(TorchBackendAssembly))
            rest = TorchReference().Replace(rest, match =>
            {
                torch = true;
                return "// " + match.Value.TrimStart() + " (nbrnn: this build)";
            });
        return (found, torch, rest);
    }

    /// <summary>
    /// Binds this build in <paramref name="kernel"/>: references, installed-packages message, extension (when
    /// <paramref name="notebookRnn"/>); NotebookRnn.TorchSharp and the Core it is compiled against (when
    /// <paramref name="torchBackend"/>).
    /// </summary>
    /// <returns>The events of the binding, which belong to the cell's outputs.</returns>
    public static Task<KernelCommandResult> BindAsync(CompositeKernel kernel, bool notebookRnn = true, bool torchBackend = false)
    {
        var bind = new BindCommand(NotebookKernel.CSharp(kernel).Name)
        {
            Handler = async (_, context) =>
            {
                Assembly extension = typeof(NotebookRnnKernelExtension).Assembly;
                List<string> references = [typeof(Sequential).Assembly.Location], packages = [];
                if (notebookRnn)
                {
                    references.Add(extension.Location);
                    packages.Add($"NotebookRnn, {Version}");
                }
                if (torchBackend)
                {
                    references.Add(TorchBackendAssembly);
                    packages.Add($"NotebookRnn.TorchSharp, {Version}");
                }
                NotebookKernel.CSharp(kernel).AddAssemblyReferences(references);
                KernelInvocationContextExtensions.Display(context, new InstallPackagesMessage([], [], packages, 0));
                if (notebookRnn) await PackageExtensions.LoadFromAssemblyAsync(extension, kernel, context);
            },
        };
        return kernel.SendAsync(bind);
    }

    /// <summary>The binding, sent to the C# kernel as a command so that what it shows becomes the cell's output.</summary>
    private sealed class BindCommand(string targetKernelName) : KernelCommand(targetKernelName);

    [GeneratedRegex("""^[ \t]*#r[ \t]+"nuget:[ \t]*NotebookRnn[ \t]*(,[^"]*)?"[ \t]*$""", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex Reference();

    [GeneratedRegex("""^[ \t]*#r[ \t]+"nuget:[ \t]*NotebookRnn\.TorchSharp[ \t]*(,[^"]*)?"[ \t]*$""", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex TorchReference();
}
