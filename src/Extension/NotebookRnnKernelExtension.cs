using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.CSharp;
using NotebookRnn.Notebook.Kernel;
using NotebookRnn.Notebook.Magics;
using NotebookRnn.Training;

namespace NotebookRnn.Notebook;

/// <summary>
/// What <c>#r "nuget: NotebookRnn"</c> loads into a .NET Interactive kernel: the kernel finds this type in the package's
/// <c>interactive-extensions/dotnet/</c> folder and calls <see cref="OnLoadAsync"/> once. It registers the formatters
/// of our objects, imports Core's namespaces (<see cref="CoreNamespaces"/>), adds the <c>#!rnn-</c> magics to the C#
/// kernel, follows training while <c>#!rnn-live</c> is on, runs cells on the devices <c>#!rnn-devices --use</c>
/// requested, and shows a usage hint.
/// </summary>
public sealed class NotebookRnnKernelExtension : IKernelExtension
{
    /// <summary>The session's settings: devices requested, live view on or off, how views render.</summary>
    public NotebookSettings Settings { get; } = new() { AppliesDevices = true };

    /// <summary>Loads the extension into <paramref name="kernel"/> (the composite kernel, or a C# kernel).</summary>
    /// <exception cref="InvalidOperationException">The kernel has no C# kernel: the magics and formatters serve C# cells.</exception>
    public Task OnLoadAsync(Microsoft.DotNet.Interactive.Kernel kernel)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        CSharpKernel csharp = FindCSharpKernel(kernel)
            ?? throw new InvalidOperationException($"NotebookRnn needs a C# kernel; '{kernel.Name}' has none.");
        KernelFormatters.Register();
        CoreNamespaces.ImportInto(csharp);
        var variables = new KernelVariables(csharp);
        MagicDirectives.Add(csharp, variables, Settings);
        LiveTrainingMiddleware.Add(csharp, variables, Settings);
        DevicesMiddleware.Add(csharp, Settings);
        KernelInvocationContext.Current?.DisplayAs(UsageHint, "text/markdown");
        return Task.CompletedTask;
    }

    /// <summary>The Markdown shown when the extension has loaded.</summary>
    public static string UsageHint =>
        "NotebookRnn is loaded: models, layers, padding reports, histories and tensors display as tables and charts. " +
        "Magics: " + string.Join(", ", MagicDirectives.All.Select(m => $"`{m.Name}`")) + ".";

    private static CSharpKernel? FindCSharpKernel(Microsoft.DotNet.Interactive.Kernel kernel) => kernel switch
    {
        CSharpKernel csharp => csharp,
        CompositeKernel composite => composite.ChildKernels.OfType<CSharpKernel>().FirstOrDefault(),
        _ => null,
    };
}
