using Microsoft.DotNet.Interactive.Events;

namespace NotebookRnn.Notebook.Kernel.Tests.Hosting;

/// <summary>The events the kernel sent back for one submitted cell, with the views of them the tests read.</summary>
public sealed class Cell(IReadOnlyList<KernelEvent> events)
{
    /// <summary>Every event, in order.</summary>
    public IReadOnlyList<KernelEvent> Events { get; } = events;

    /// <summary>Whether the cell succeeded.</summary>
    public bool Succeeded => !Events.OfType<CommandFailed>().Any() && Events.OfType<CommandSucceeded>().Any();

    /// <summary>The messages of the failures, joined by line breaks; null when nothing failed.</summary>
    public string? Error => Events.OfType<CommandFailed>().Any()
        ? string.Join("\n", Events.OfType<CommandFailed>().Select(f => f.Message))
        : null;

    /// <summary>The outputs the cell displayed (<c>display(…)</c>, a magic's views, a live view's first frame).</summary>
    public IReadOnlyList<DisplayedValueProduced> Displays => [.. Events.OfType<DisplayedValueProduced>()];

    /// <summary>Updates of displayed outputs.</summary>
    public IReadOnlyList<DisplayedValueUpdated> Updates => [.. Events.OfType<DisplayedValueUpdated>()];

    /// <summary>The one value the cell returned.</summary>
    public ReturnValueProduced ReturnValue => Assert.Single(Events.OfType<ReturnValueProduced>());

    /// <summary>The one output the cell displayed.</summary>
    public DisplayedValueProduced Display => Assert.Single(Displays);

    /// <summary>The one failure of the cell, whose message is the error a notebook shows.</summary>
    public string SingleError => Assert.Single(Events.OfType<CommandFailed>()).Message;

    /// <summary>The compiler's diagnostics (warnings and errors) of the cell's code.</summary>
    public IReadOnlyList<string> Diagnostics => [.. Events.OfType<DiagnosticsProduced>().SelectMany(d => d.Diagnostics).Select(d => d.ToString())];
}
