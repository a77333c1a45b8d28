using System.Text;
using System.Text.RegularExpressions;

namespace NotebookRnn.Cli.Execution;

/// <summary>
/// Splits a code cell into the parts the runner executes, handling the directives a .NET Interactive C# kernel would:
/// <list type="bullet">
/// <item><c>#i "nuget: …"</c> (a package source) is ignored: nothing is downloaded;</item>
/// <item><c>#r "nuget: NotebookRnn"</c>, with or without a version, binds the local build (<see cref="PackagePart"/>);</item>
/// <item>any other <c>#r "nuget: …"</c> fails the cell: the runner does not download packages;</item>
/// <item><c>#!rnn-…</c> lines are magic commands (<see cref="MagicPart"/>);</item>
/// <item><c>#!csharp</c>, <c>#!c#</c> and <c>#!time</c> are ignored; any other <c>#!</c> directive (another language,
/// <c>#!set</c>, …) fails the cell.</item>
/// </list>
/// Code between directives becomes <see cref="CodePart"/>s whose handled lines are left blank, so that compiler and
/// stack-trace line numbers are the cell's own.
/// </summary>
internal static partial class KernelDirectives
{
    private static readonly string[] HarmlessDirectives = ["#!csharp", "#!c#", "#!C#", "#!time"];

    /// <summary>The parts of <paramref name="source"/>, in order; whitespace-only code is dropped.</summary>
    /// <exception cref="DirectiveException">A directive the runner cannot honour; the exception names its line.</exception>
    public static IReadOnlyList<CellPart> Split(string source)
    {
        string[] lines = source.Replace("\r\n", "\n").Split('\n');
        var parts = new List<CellPart>();
        var code = new StringBuilder();
        int codeStart = 1;
        for (int i = 0; i < lines.Length; i++)
        {
            int lineNumber = i + 1;
            string line = lines[i].Trim();
            CellPart? directive = Directive(line, lineNumber);
            if (directive is null && !IsIgnored(line, lineNumber))
            {
                code.Append(lines[i]).Append('\n');
                continue;
            }
            if (directive is null)
            {
                code.Append('\n');
                continue;
            }
            Flush(parts, code, codeStart);
            parts.Add(directive);
            codeStart = lineNumber + 1;
        }
        Flush(parts, code, codeStart);
        return parts;
    }

    private static CellPart? Directive(string line, int lineNumber)
    {
        if (line.StartsWith("#!rnn-", StringComparison.Ordinal)) return new MagicPart(line, lineNumber);
        Match package = NuGetReference().Match(line);
        if (!package.Success) return null;
        string name = package.Groups["name"].Value;
        if (name.Equals("NotebookRnn", StringComparison.OrdinalIgnoreCase)) return new PackagePart(lineNumber);
        throw new DirectiveException(
            $"{line}: nbrnn does not download packages; it binds only #r \"nuget: NotebookRnn\", to the assemblies of this build.",
            lineNumber);
    }

    // Lines the runner handles by doing nothing; other #! directives fail.
    private static bool IsIgnored(string line, int lineNumber)
    {
        if (line.StartsWith("#i ", StringComparison.Ordinal) || line == "#i") return true;
        if (!line.StartsWith("#!", StringComparison.Ordinal)) return false;
        string name = line.Split(' ', 2)[0];
        if (HarmlessDirectives.Contains(name)) return true;
        throw new DirectiveException(
            $"{name} is not supported: nbrnn runs C# code and the #!rnn- magic commands, and ignores only {string.Join(", ", HarmlessDirectives)}.",
            lineNumber);
    }

    private static void Flush(List<CellPart> parts, StringBuilder code, int start)
    {
        string text = code.ToString();
        code.Clear();
        if (!string.IsNullOrWhiteSpace(text)) parts.Add(new CodePart(text.TrimEnd('\n'), start));
    }

    [GeneratedRegex("""^#r\s+"nuget:\s*(?<name>[^,"\s]+)\s*(,\s*[^"]*)?"\s*$""")]
    private static partial Regex NuGetReference();
}
