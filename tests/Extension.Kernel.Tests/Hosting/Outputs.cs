using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.DotNet.Interactive.Events;

namespace NotebookRnn.Notebook.Kernel.Tests.Hosting;

/// <summary>Reads the formatted values of an output, and compares them with our view of a value.</summary>
internal static partial class Outputs
{
    /// <summary>The MIME types of the output's forms, in order.</summary>
    public static IReadOnlyList<string> MimeTypes(this DisplayEvent output) => [.. output.FormattedValues.Select(v => v.MimeType)];

    /// <summary>The content of the output's form of <paramref name="mimeType"/>; there must be exactly one.</summary>
    public static string Form(this DisplayEvent output, string mimeType) =>
        Assert.Single(output.FormattedValues, v => v.MimeType == mimeType).Value;

    /// <summary>The <c>text/plain</c> form.</summary>
    public static string PlainText(this DisplayEvent output) => output.Form("text/plain");

    /// <summary>The <c>text/html</c> form.</summary>
    public static string Html(this DisplayEvent output) => output.Form("text/html");

    /// <summary>The <c>image/svg+xml</c> form.</summary>
    public static string Svg(this DisplayEvent output) => output.Form("image/svg+xml");

    /// <summary>
    /// Asserts that <paramref name="output"/> is <paramref name="view"/> (from <c>ViewOf</c> in the kernel): the same
    /// MIME types in the same order, each with the same content up to the random ids of chart elements, and nothing of
    /// the kernel's default formatter.
    /// </summary>
    public static void AssertIsView(this DisplayEvent output, IReadOnlyList<(string MimeType, string Content)> view)
    {
        Assert.Equal(view.Select(v => v.MimeType), output.MimeTypes());
        Assert.Equal(view.Select(v => WithoutIds(v.Content)), output.FormattedValues.Select(v => WithoutIds(v.Value)));
        AssertNotTheDefaultFormatter(output);
    }

    /// <summary>
    /// Asserts that the HTML form, if any, is not the kernel's default formatter's object tree or table, which the
    /// kernel shows for a type with no formatter of its own.
    /// </summary>
    public static void AssertNotTheDefaultFormatter(this DisplayEvent output)
    {
        foreach (var form in output.FormattedValues.Where(v => v.MimeType == "text/html"))
        {
            Assert.DoesNotContain("dni-treeview", form.Value);
            Assert.DoesNotContain("<table><thead>", form.Value);
        }
    }

    /// <summary>Number of step cells in an unroll graph's SVG.</summary>
    public static int StepCells(string svg) => StepCell().Count(svg);

    /// <summary>The steps the unroll graph's gap column says it hides ("… 389 steps …"), 0 without a gap.</summary>
    public static int HiddenSteps(string svg) =>
        HiddenStepsGroup().Matches(svg).Sum(m => int.Parse(m.Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture));

    [GeneratedRegex("class=\"nbrnn-hidden-steps\" data-name=\"([0-9,]+) hidden steps\"")]
    private static partial Regex HiddenStepsGroup();

    // Each render gives a chart element a new id ("nbrnn-" and a GUID), so that a re-run cell never draws into an older output.
    private static string WithoutIds(string content) => ElementId().Replace(content, "nbrnn-ID");

    [GeneratedRegex("nbrnn-[0-9a-f]{32}")]
    private static partial Regex ElementId();

    [GeneratedRegex("<g class=\"nbrnn-step[ \"]")]
    private static partial Regex StepCell();
}
