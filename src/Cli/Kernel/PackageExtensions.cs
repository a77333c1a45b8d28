using System.Collections.Concurrent;
using System.Reactive.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Events;

namespace NotebookRnn.Cli.Kernel;

/// <summary>
/// Loads the kernel extensions that packages bring, as the kernel tool does after a <c>#r "nuget: …"</c>: for each
/// package added, the <see cref="IKernelExtension"/> types of the assemblies in its <c>interactive-extensions/dotnet/</c>
/// folder are created and loaded, then that folder's <c>extension.dib</c> runs, if there is one. The tool's own code
/// for this lives in its executable, not in the kernel's libraries, so a host of the libraries carries it.
/// </summary>
internal static class PackageExtensions
{
    /// <summary>Adds the loading to <paramref name="kernel"/>: after each command, for the packages it added.</summary>
    public static void LoadFromAddedPackages(CompositeKernel kernel)
    {
        var added = new ConcurrentQueue<PackageAdded>();
        kernel.RegisterForDisposal(kernel.KernelEvents.OfType<PackageAdded>()
            .Where(p => p.PackageReference.PackageRoot is not null)
            .Subscribe(added.Enqueue));
        kernel.AddMiddleware(async (command, context, next) =>
        {
            await next(command, context);
            while (added.TryDequeue(out PackageAdded? package))
            {
                var folder = new DirectoryInfo(Path.Combine(package.PackageReference.PackageRoot, "interactive-extensions", "dotnet"));
                if (!folder.Exists) continue;
                foreach (FileInfo assembly in folder.GetFiles("*.dll"))
                    await LoadFromAssemblyAsync(AssemblyLoadContext.Default.LoadFromAssemblyPath(assembly.FullName), kernel, context);
                var script = new FileInfo(Path.Combine(folder.FullName, "extension.dib"));
                if (script.Exists)
                {
                    KernelInvocationContextExtensions.Display(context, $"Loading extension script from `{script.FullName}`");
                    await kernel.LoadAndRunInteractiveDocument(script, context.Command);
                }
            }
        });
    }

    /// <summary>
    /// Creates and loads the <see cref="IKernelExtension"/> types of <paramref name="assembly"/> into
    /// <paramref name="kernel"/>; a failing extension fails the command.
    /// </summary>
    public static async Task LoadFromAssemblyAsync(Assembly assembly, CompositeKernel kernel, KernelInvocationContext context)
    {
        Type[] extensions = [.. assembly.ExportedTypes.Where(t => t is { IsAbstract: false, IsInterface: false, IsGenericTypeDefinition: false }
                                                                  && typeof(IKernelExtension).IsAssignableFrom(t))];
        if (extensions.Length > 0) KernelInvocationContextExtensions.Display(context, $"Loading extensions from `{assembly.Location}`");
        foreach (Type type in extensions)
        {
            var extension = (IKernelExtension)Activator.CreateInstance(type)!;
            try
            {
                await extension.OnLoadAsync(kernel);
                context.Publish(new KernelExtensionLoaded(extension, context.Command));
            }
            catch (Exception error)
            {
                context.Publish(new ErrorProduced($"Failed to load kernel extension \"{type.Name}\" from assembly {assembly.Location}", context.Command));
                context.Fail(context.Command, error);
            }
        }
    }
}
