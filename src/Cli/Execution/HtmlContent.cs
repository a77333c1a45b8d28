namespace NotebookRnn.Cli.Execution;

/// <summary>HTML to display as it is (<c>text/html</c>), made by <see cref="ScriptGlobals.HTML"/> as the kernel's <c>HTML(…)</c> does.</summary>
/// <param name="html">The markup.</param>
public sealed class HtmlContent(string html)
{
    /// <summary>The markup.</summary>
    public string Html { get; } = html;

    /// <summary>The markup.</summary>
    public override string ToString() => Html;
}
