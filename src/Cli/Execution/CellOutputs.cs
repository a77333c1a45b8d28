using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;

namespace NotebookRnn.Cli.Execution;

/// <summary>
/// Turns the events of the cells' commands into their nbformat outputs, as the .NET Interactive Jupyter kernel turns
/// them into Jupyter messages and nbclient into outputs: displayed values become <c>display_data</c> (an update
/// replaces the output with its display id, in whichever cell it is), a returned value an <c>execute_result</c>,
/// console output and <c>ErrorProduced</c> <c>stream</c> outputs (consecutive text of one stream joined), diagnostics
/// stderr text, and a failed command an <c>error</c>.
/// </summary>
internal sealed class CellOutputs
{
    private readonly Dictionary<string, (List<InteractiveDocumentOutputElement> Outputs, int Index)> _displays = [];

    /// <summary>Appends the outputs of <paramref name="events"/> (one command's) to <paramref name="outputs"/>.</summary>
    /// <param name="events">The command's events, in order.</param>
    /// <param name="outputs">The cell's outputs so far.</param>
    /// <param name="executionCount">The cell's execution count, which a returned value carries.</param>
    public void Add(IEnumerable<KernelEvent> events, List<InteractiveDocumentOutputElement> outputs, int executionCount)
    {
        foreach (KernelEvent kernelEvent in events)
        {
            switch (kernelEvent)
            {
                case DisplayedValueProduced displayed:
                    _displays[displayed.ValueId] = (outputs, outputs.Count);
                    outputs.Add(new DisplayElement(Data(displayed)));
                    break;
                case DisplayedValueUpdated updated when _displays.TryGetValue(updated.ValueId, out var shown):
                    shown.Outputs[shown.Index] = new DisplayElement(Data(updated));
                    break;
                case ReturnValueProduced { Value: not DisplayedValue } returned:
                    var result = new ReturnValueElement { ExecutionOrder = executionCount };
                    foreach (var (mimeType, value) in Data(returned)) result.Data[mimeType] = value;
                    outputs.Add(result);
                    break;
                case StandardOutputValueProduced standardOutput:
                    Stream(outputs, "stdout", PlainText(standardOutput));
                    break;
                case StandardErrorValueProduced or ErrorProduced:
                    Stream(outputs, "stderr", PlainText((DisplayEvent)kernelEvent));
                    break;
                case DiagnosticsProduced { FormattedDiagnostics.Count: > 0 } diagnostics:
                    Stream(outputs, "stderr", "\n" + string.Join("\n\n", diagnostics.FormattedDiagnostics.Select(d => d.Value)) + "\n\n");
                    break;
            }
        }
    }

    private static Dictionary<string, object> Data(DisplayEvent display) =>
        display.FormattedValues.ToDictionary(v => v.MimeType, v => (object)v.Value);

    private static string PlainText(DisplayEvent display) =>
        display.FormattedValues.FirstOrDefault(v => v.MimeType == PlainTextFormatter.MimeType)?.Value ?? display.Value?.ToString() ?? "";

    private static void Stream(List<InteractiveDocumentOutputElement> outputs, string name, string text)
    {
        if (text.Length == 0) return;
        if (outputs.Count > 0 && outputs[^1] is TextElement last && last.Name == name)
            outputs[^1] = new TextElement(last.Text + text, name);
        else
            outputs.Add(new TextElement(text, name));
    }
}
