using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;
using NotebookRnn.Notebook.Live;

namespace NotebookRnn.Notebook.Kernel;

/// <summary>
/// Shows a <see cref="MimeBundle"/> as one output of the running cell, through the kernel's own display events: every
/// form of the bundle becomes a formatted value, and an update replaces the output in place with all the forms of the
/// new bundle (the kernel's <c>DisplayedValue.Update</c> would keep the first bundle's MIME types).
/// </summary>
internal static class KernelOutput
{
    /// <summary>Displays <paramref name="bundle"/> below the cell that <paramref name="context"/> runs.</summary>
    /// <returns>A handle whose updates replace this output.</returns>
    public static IDisplayHandle Display(KernelInvocationContext context, MimeBundle bundle)
    {
        string displayId = Guid.NewGuid().ToString("N");
        context.Publish(new DisplayedValueProduced(bundle, context.Command, FormattedValues(bundle), displayId));
        return new DisplayHandle(update =>
            context.Publish(new DisplayedValueUpdated(update, displayId, context.Command, FormattedValues(update))));
    }

    /// <summary>The forms of <paramref name="bundle"/>, richest first.</summary>
    public static FormattedValue[] FormattedValues(MimeBundle bundle) =>
        [.. bundle.MimeTypes.Select(mimeType => new FormattedValue(mimeType, bundle[mimeType]))];
}
