using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Directives;
using NotebookRnn.Notebook.Kernel;
using NotebookRnn.Persistence;

namespace NotebookRnn.Notebook.Magics;

/// <summary>
/// Adds the magic commands to the C# kernel: each is a directive whose options the kernel binds to a typed command
/// (<c>--max-len</c> → <see cref="RnnPaddingCommand.MaxLen"/>), handled by the magic's <c>Run</c>. A handler's outputs
/// are displayed below the cell; its error fails the command with one line ending in the usage.
/// </summary>
internal static class MagicDirectives
{
    /// <summary>Every magic command, in the order of the docs.</summary>
    public static IReadOnlyList<MagicInfo> All { get; } =
        [PaddingMagic.Info, UnrollMagic.Info, DevicesMagic.Info, LiveMagic.Info, SummaryMagic.Info, GraphMagic.Info];

    /// <summary>The magic named <paramref name="name"/> (with its <c>#!</c>).</summary>
    /// <exception cref="KeyNotFoundException">No such magic; the message lists them.</exception>
    public static MagicInfo Info(string name) => All.FirstOrDefault(i => i.Name == name)
        ?? throw new KeyNotFoundException($"No magic command \"{name}\"; known: {string.Join(", ", All.Select(i => i.Name))}.");

    /// <summary>Adds the magics to <paramref name="csharp"/>; they look variables up in <paramref name="variables"/>.</summary>
    public static void Add(CSharpKernel csharp, IVariableLookup variables, NotebookSettings settings)
    {
        Add<RnnPaddingCommand>(csharp, PaddingMagic.Info, command => PaddingMagic.Run(command, variables, settings));
        Add<RnnUnrollCommand>(csharp, UnrollMagic.Info, command => UnrollMagic.Run(command, variables, settings));
        Add<RnnDevicesCommand>(csharp, DevicesMagic.Info, command => DevicesMagic.Run(command, variables, settings));
        Add<RnnLiveCommand>(csharp, LiveMagic.Info, command => LiveMagic.Run(command, variables, settings));
        Add<RnnSummaryCommand>(csharp, SummaryMagic.Info, command => SummaryMagic.Run(command, variables, settings));
        Add<RnnGraphCommand>(csharp, GraphMagic.Info, command => GraphMagic.Run(command, variables));
    }

    private static void Add<TCommand>(CSharpKernel csharp, MagicInfo info, Func<TCommand, MagicResult> run)
        where TCommand : KernelDirectiveCommand
    {
        var directive = new KernelActionDirective(info.Name) { Description = info.Description };
        // The kernel is not told which parameters are required: its own error for a missing one (DNI104) has no
        // usage, so the handler reports it instead ("<variable> is missing. Usage: …").
        foreach (MagicParameter parameter in info.Parameters)
            directive.Parameters.Add(new KernelDirectiveParameter(parameter.Name, parameter.Values)
            {
                AllowImplicitName = parameter.Implicit,
            });
        csharp.AddDirective<TCommand>(directive, (command, context) =>
        {
            MagicResult result = run(command);
            foreach (MimeBundle bundle in result.Displays) KernelOutput.Display(context, bundle);
            if (result.Error is not null) context.Fail(command, message: result.Error);
            return Task.CompletedTask;
        });
    }
}
